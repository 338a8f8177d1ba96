package dev.runbook.cli;

import dev.runbook.engine.module.Prompter;

import java.io.Console;
import java.util.Locale;

/**
 * Asks yes/no questions on the terminal. {@code --yes} answers every question with yes; without a
 * terminal (CI, pipes) and without {@code --yes} a question is an error, never a silent yes.
 */
final class TerminalPrompter implements Prompter {

    private final boolean yes;

    TerminalPrompter(boolean yes) {
        this.yes = yes;
    }

    @Override
    public boolean confirm(String question) throws NoTerminalException {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw new NoTerminalException("the runbook asks \"" + question + "\" but there is no terminal to answer on;"
                    + " run it from a terminal, or pass --yes to answer yes to every confirmation");
        }
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }

    /**
     * Asks for a secret (an encrypted key's passphrase) on the terminal without echo, once per key
     * for the whole run (hosts connect in parallel: one question at a time); nothing when there is
     * no terminal, so a run under CI fails with the missing-secret message instead of hanging.
     */
    static dev.runbook.engine.ssh.SecretSource secrets() {
        java.util.Map<String, char[]> answered = new java.util.HashMap<>();
        return what -> {
            synchronized (answered) {
                char[] known = answered.get(what);
                if (known != null) {
                    return java.util.Optional.of(known.clone());
                }
                Console console = System.console();
                char[] typed = console == null ? null : console.readPassword("%s: ", what);
                if (typed == null || typed.length == 0) {
                    return java.util.Optional.empty();
                }
                answered.put(what, typed);
                return java.util.Optional.of(typed.clone());
            }
        };
    }
}
