package dev.runbook.engine.transport;

/**
 * Run as another user via sudo ({@code become: true} runs as root).
 * The sudo password, when needed, comes from the environment or a prompt and never reaches argv or output.
 */
public record Become(String user) {

    public static final Become ROOT = new Become("root");

    public Become {
        if (user == null || user.isBlank()) {
            user = "root";
        }
    }
}
