package dev.runbook.engine.inventory;

/** A host pattern names something the inventory does not have, or is malformed. */
public final class PatternException extends Exception {

    private final String hint;

    public PatternException(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    /** What would be right ("did you mean 'app'?"), or null. */
    public String hint() {
        return hint;
    }
}
