package dev.runbook.engine.module;

/**
 * A built-in or third-party module, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.runbook.engine.module.Module}).
 *
 * <p>Contract (as Ansible's): declare the arguments; report ok / changed / failed with a message,
 * where {@code changed} comes from observed state before and after; be idempotent where the
 * operation allows; in check mode change nothing and report what would change. A module must not
 * put secret argument values into its messages or data: the engine masks known secrets, but a
 * module should not rely on it.
 *
 * <p>An outcome's data under {@link #FACTS} (a map) is merged into the host's variables for later
 * steps (what {@code set_fact} does); the rest of the data is what {@code register} stores.
 */
public interface Module {

    /** Outcome data key whose map the executor merges into the host's variables. */
    String FACTS = "facts";

    /** The name used in runbooks, e.g. {@code command}, {@code haproxy}. */
    String name();

    /** One line for {@code runbook modules}. */
    String summary();

    ArgSpec args();

    /** Whether the module honours check mode; the executor skips (and says so) modules that do not. */
    default boolean supportsCheckMode() {
        return true;
    }

    /** Runs on the control machine, not on the target host (e.g. http, assert, debug, confirm). */
    default boolean runsOnController() {
        return false;
    }

    /**
     * Runs the step on one host. Transport failures may be thrown as
     * {@link dev.runbook.engine.transport.TransportException} (the executor reports them as unreachable
     * when the connection is lost); anything the module understands is returned as {@link Outcome.Failed}.
     */
    Outcome run(ModuleContext ctx) throws Exception;
}
