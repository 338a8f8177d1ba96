package dev.runbook.engine.ssh;

import dev.runbook.engine.transport.TransportException;

/**
 * The host's key was refused: unknown (without accept-new) or CHANGED. Unlike a host that is down,
 * this may be an attack, so the CLI stops the whole run before anything executes.
 */
public class HostKeyException extends TransportException {
    public HostKeyException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
