package dev.runbook.engine.source;

/**
 * One thing wrong with the input, located. {@code hint} says what would be right, or is null.
 * Printed as {@code file:line:col: message (hint)}.
 */
public record Problem(SourcePos pos, String message, String hint) {

    public static Problem at(SourcePos pos, String message) {
        return new Problem(pos, message, null);
    }

    public static Problem at(SourcePos pos, String message, String hint) {
        return new Problem(pos, message, hint);
    }

    @Override
    public String toString() {
        String text = pos + ": " + message;
        return hint == null || hint.isBlank() ? text : text + " (" + hint + ")";
    }
}
