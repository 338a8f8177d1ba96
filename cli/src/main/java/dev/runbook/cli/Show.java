package dev.runbook.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations for people: {@code 850ms}, {@code 4.2s}, {@code 1m23s}, {@code 2h05m}. */
final class Show {

    private Show() {
    }

    static String human(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return (ms / 60_000) + "m" + String.format(Locale.ROOT, "%02d", (ms / 1000) % 60) + "s";
        }
        return (ms / 3_600_000) + "h" + String.format(Locale.ROOT, "%02d", (ms / 60_000) % 60) + "m";
    }
}
