package dev.runbook.engine.exec;

/**
 * {@code --max-fail}: the run is aborted (no new steps or batches start) once MORE than this many
 * hosts, or this percentage of the run's hosts, have failed or become unreachable.
 * {@code --max-fail 0} aborts on the first failed host.
 */
public record MaxFail(int count, int percent, boolean isPercent) {

    public static MaxFail parse(String text) {
        String t = text.strip();
        try {
            if (t.endsWith("%")) {
                int p = Integer.parseInt(t.substring(0, t.length() - 1).strip());
                if (p < 0 || p > 100) {
                    throw new IllegalArgumentException("--max-fail percentage must be between 0% and 100%, got " + text);
                }
                return new MaxFail(0, p, true);
            }
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new IllegalArgumentException("--max-fail must not be negative, got " + text);
            }
            return new MaxFail(n, 0, false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-fail takes a host count (3) or a percentage (25%), got '" + text + "'", e);
        }
    }

    /** True when {@code failed} of {@code total} hosts is beyond the limit. */
    public boolean exceeded(int failed, int total) {
        if (isPercent) {
            return total > 0 && failed * 100.0 / total > percent;
        }
        return failed > count;
    }

    @Override
    public String toString() {
        return isPercent ? percent + "%" : Integer.toString(count);
    }
}
