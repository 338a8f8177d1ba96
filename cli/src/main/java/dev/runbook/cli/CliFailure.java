package dev.runbook.cli;

/**
 * A command failed for a reason the user can act on; {@link Main} prints the message (already free
 * of secrets) and exits with the code. No cause is kept: its text could hold a secret.
 */
final class CliFailure extends Exception {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
