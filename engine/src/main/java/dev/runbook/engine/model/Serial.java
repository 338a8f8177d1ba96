package dev.runbook.engine.model;

/**
 * Rolling batches: {@code serial: 1} (count) or {@code serial: "30%"} (percent of the step's hosts,
 * rounded down, at least 1). Exactly one of the two is positive.
 */
public record Serial(int count, int percent) {

    public static Serial count(int n) {
        return new Serial(n, 0);
    }

    public static Serial percent(int p) {
        return new Serial(0, p);
    }

    /** Batch size for a step running on {@code hosts} hosts. */
    public int batchSize(int hosts) {
        if (count > 0) {
            return count;
        }
        return Math.max(1, hosts * percent / 100);
    }

    @Override
    public String toString() {
        return count > 0 ? Integer.toString(count) : percent + "%";
    }
}
