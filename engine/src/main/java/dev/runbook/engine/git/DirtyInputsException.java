package dev.runbook.engine.git;

/** {@code --require-clean} found uncommitted inputs. Nothing has run. */
public class DirtyInputsException extends Exception {
    public DirtyInputsException(String message) {
        super(message);
    }
}
