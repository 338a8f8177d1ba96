package dev.runbook.cli;

import dev.runbook.engine.exec.Executor;

/**
 * Ctrl-C before the executor exists (during the host-key check or while taking the cluster lock)
 * must still stop the run: the request is kept and handed to the executor once attached.
 */
final class CancelSwitch {

    private Executor executor;
    private int fired;

    synchronized void fire() {
        fired++;
        if (executor != null) {
            executor.cancel();
        }
    }

    synchronized boolean fired() {
        return fired > 0;
    }

    synchronized void attach(Executor e) {
        executor = e;
        for (int i = 0; i < Math.min(fired, 2); i++) {
            e.cancel();
        }
    }
}
