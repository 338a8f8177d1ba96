package dev.runbook.engine.plan;

import java.time.Duration;

/** Durations in the runbook's own spelling: {@code 500ms}, {@code 2s}, {@code 15m}, {@code 1h30m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        if (d == null) {
            return null;
        }
        if (d.isZero()) {
            return "0s";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
