package dev.runbook.engine.module;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.transport.Transport;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything a module may use while it runs one step on one host. */
public interface ModuleContext {

    /** The inventory host the step runs on. */
    Host host();

    /** Connection to that host (SSH, or local for {@code connection: local}). */
    Transport transport();

    /** The step's arguments, templated for this host and typed. */
    Args args();

    /** {@code --check}: report what would change, change nothing. */
    boolean checkMode();

    /** {@code --diff}: include a diff in Changed outcomes where the module can. */
    boolean diffMode();

    /** The template variables visible to this step on this host (read-only). */
    Map<String, Object> vars();

    /** The step's timeout, if it declares one. Modules that wait use it as their deadline. */
    Optional<Duration> timeout();

    /** Report progress during a long wait (shown as the progress indicator, recorded as an event). */
    void progress(String message);

    /** Ask the operator (confirm module). */
    Prompter prompter();

    /**
     * Renders a template (e.g. the template module's source file) with this host's variables,
     * under the same strict rules as step arguments.
     */
    String render(String template) throws dev.runbook.engine.template.TemplateException;

    /** True once the operator interrupted the run: long waits should stop and fail promptly. */
    boolean cancelled();

    /**
     * The step's {@code become} (run as root or another user through sudo), or null. Modules pass it
     * to every {@link Transport} call so files and commands get the step's privileges.
     */
    default dev.runbook.engine.transport.Become become() {
        return null;
    }
}
