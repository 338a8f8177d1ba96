package dev.runbook.cli;

/**
 * Exit codes of every {@code runbook} command (documented in {@code runbook --help}).
 * Scripts rely on them: never renumber.
 */
public final class ExitCodes {

    /** Everything went as planned. */
    public static final int OK = 0;
    /** A step failed on at least one host (run, resume). */
    public static final int FAILED = 1;
    /** Invalid input: command line, runbook, inventory, variables. Nothing ran. */
    public static final int INVALID = 2;
    /** At least one host could not be reached. */
    public static final int UNREACHABLE = 3;
    /** The cluster lock is held by another run (or could not be taken). Nothing ran. */
    public static final int LOCKED = 4;
    /** Interrupted (Ctrl-C / SIGINT): 128 + 2 as shells report it. */
    public static final int INTERRUPTED = 130;

    static final String HELP = """
            Exit codes: 0 ok · 1 a step failed · 2 invalid input (nothing ran) · 3 host unreachable or host key refused · 4 cluster locked · 130 interrupted""";

    private ExitCodes() {
    }
}
