package dev.runbook.modules.service;

import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.util.ArrayList;
import java.util.List;

/**
 * One service of a Docker Compose project ({@code docker compose}, v2). Started = a running
 * container. {@code up -d} applies image/config changes, so: start = (pull) + up -d,
 * reload = (pull) + up -d (recreates only what changed), restart = (pull) + up -d --force-recreate.
 */
record ComposeBackend(String service, String projectDir, String file, boolean pull) implements ServiceBackend {

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of("docker", "compose", "--project-directory", projectDir));
        if (file != null) {
            argv.addAll(List.of("-f", file));
        }
        return argv;
    }

    private List<String> with(String... words) {
        List<String> argv = base();
        argv.addAll(List.of(words));
        return List.copyOf(argv);
    }

    @Override
    public String name() {
        return "compose";
    }

    @Override
    public boolean supportsEnabled() {
        return false;
    }

    @Override
    public Status query(Remote remote) throws OpException, TransportException, InterruptedException {
        List<String> argv = with("ps", "--status", "running", "--quiet", service);
        ExecResult r = remote.exec(argv);
        if (!r.ok()) {
            throw new OpException(String.join(" ", argv) + " failed (" + Remote.describeExit(r) + ")" + Remote.errorText(r));
        }
        return new Status(!r.stdout().isBlank(), null);
    }

    @Override
    public List<List<String>> commands(Action action) {
        List<List<String>> cmds = new ArrayList<>();
        if (pull && action != Action.STOP) {
            cmds.add(with("pull", service));
        }
        switch (action) {
            case START, RELOAD -> cmds.add(with("up", "-d", service));
            case RESTART -> cmds.add(with("up", "-d", "--force-recreate", service));
            case STOP -> cmds.add(with("stop", service));
            default -> throw new IllegalArgumentException("compose has no " + action);
        }
        return cmds;
    }
}
