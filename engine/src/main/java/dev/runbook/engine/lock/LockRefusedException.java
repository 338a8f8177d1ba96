package dev.runbook.engine.lock;

/** Another run holds the cluster lock (or a stale lock was not broken). The message says who and since when. */
public class LockRefusedException extends Exception {

    private final LockHolder holder;

    public LockRefusedException(String message, LockHolder holder) {
        super(message);
        this.holder = holder;
    }

    public LockHolder holder() {
        return holder;
    }
}
