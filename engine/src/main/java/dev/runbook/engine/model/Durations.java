package dev.runbook.engine.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runbook durations: {@code 500ms}, {@code 2s}, {@code 15m}, {@code 1h}, {@code 1h30m}, {@code 2d}, or a bare integer of seconds. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    public static final String FORMAT = "a duration such as 500ms, 30s, 15m, 1h30m, or a number of seconds";

    private Durations() {
    }

    /** The duration of a YAML value (Long seconds or text), or empty when it is not a duration. */
    public static Optional<Duration> of(Object value) {
        if (value instanceof Long l) {
            return l >= 0 ? Optional.of(Duration.ofSeconds(l)) : Optional.empty();
        }
        return value instanceof String s ? parse(s) : Optional.empty();
    }

    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,12}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        if (!WHOLE.matcher(t).matches() || t.length() > 40) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return Optional.of(total);
    }

    /** The runbook's own spelling: {@code 500ms}, {@code 2s}, {@code 15m}, {@code 1h30m}; null stays null. */
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
