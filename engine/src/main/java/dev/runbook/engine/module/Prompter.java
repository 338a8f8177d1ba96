package dev.runbook.engine.module;

/** Asks the operator a yes/no question (the confirm module). */
public interface Prompter {

    /**
     * @return the operator's answer; {@code --yes} answers true without asking
     * @throws NoTerminalException when there is no terminal to ask and {@code --yes} was not given
     */
    boolean confirm(String question) throws NoTerminalException;

    final class NoTerminalException extends Exception {
        public NoTerminalException(String message) {
            super(message);
        }
    }
}
