package dev.runbook.modules.ops;

/**
 * A failure an operations module understands (a command failed, a file is not what it expects).
 * The module turns it into {@link dev.runbook.engine.module.Outcome.Failed}; the message is shown
 * to the user as is, so it says what went wrong and, where it can, what would be right.
 */
public final class OpException extends Exception {

    public OpException(String message) {
        super(message);
    }
}
