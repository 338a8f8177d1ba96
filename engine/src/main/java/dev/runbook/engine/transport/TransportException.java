package dev.runbook.engine.transport;

/** The host could not be reached, or the connection broke. The message says which and why. */
public class TransportException extends Exception {

    private final boolean unreachable;

    public TransportException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public TransportException(String message, boolean unreachable) {
        this(message, unreachable, null);
    }

    /** True when the host is (now) unreachable: connect failed, connection lost, host key refused. */
    public boolean unreachable() {
        return unreachable;
    }
}
