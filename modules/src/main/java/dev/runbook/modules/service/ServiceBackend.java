package dev.runbook.modules.service;

import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.util.List;

/**
 * How one service manager is asked about and told to change a service. Backends only query and
 * act; deciding what to do and verifying it happened is {@link ServiceStateMachine}'s job, the
 * same for all of them.
 */
sealed interface ServiceBackend permits SystemdBackend, SysvBackend, ComposeBackend {

    enum Action { START, STOP, RESTART, RELOAD, ENABLE, DISABLE }

    /** @param enabled null when the backend has no notion of enabled (compose) */
    record Status(boolean running, Boolean enabled) {
    }

    String name();

    boolean supportsEnabled();

    Status query(Remote remote) throws OpException, TransportException, InterruptedException;

    /** The commands (argv) that perform an action; check mode shows them, {@link #act} runs them. */
    List<List<String>> commands(Action action);

    default void act(Remote remote, Action action) throws OpException, TransportException, InterruptedException {
        for (List<String> argv : commands(action)) {
            remote.must(String.join(" ", argv), argv);
        }
    }
}
