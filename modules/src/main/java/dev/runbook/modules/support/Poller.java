package dev.runbook.modules.support;

import dev.runbook.engine.module.ModuleContext;

import java.time.Duration;

/**
 * Waits between polls until a deadline, in short slices so an operator's interrupt
 * ({@link ModuleContext#cancelled()}) is noticed within a fraction of a second.
 */
public final class Poller {

    private static final long SLICE_MS = 100;

    private final ModuleContext ctx;
    private final long start = System.nanoTime();
    private final long deadline;
    private final Duration limit;

    /** The wait's limit is the module's own timeout, or the step's timeout when that is shorter. */
    public Poller(ModuleContext ctx, Duration timeout) {
        this.ctx = ctx;
        Duration effective = ctx.timeout().filter(st -> st.compareTo(timeout) < 0).orElse(timeout);
        this.limit = effective;
        this.deadline = start + effective.toNanos();
    }

    public Duration limit() {
        return limit;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    public boolean expired() {
        return System.nanoTime() >= deadline;
    }

    /**
     * Sleeps {@code d} (never past the deadline).
     *
     * @return false when the run was cancelled meanwhile
     */
    public boolean sleep(Duration d) throws InterruptedException {
        long until = Math.min(System.nanoTime() + d.toNanos(), deadline);
        while (System.nanoTime() < until) {
            if (ctx.cancelled()) {
                return false;
            }
            long left = (until - System.nanoTime()) / 1_000_000;
            Thread.sleep(Math.max(1, Math.min(SLICE_MS, left)));
        }
        return !ctx.cancelled();
    }

    /** "12s of 5m" for progress messages. */
    public String progress() {
        return Texts.human(Duration.ofSeconds(elapsed().toSeconds())) + " of " + Texts.human(limit);
    }
}
