package dev.runbook.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a run report shows, read from a run record.
 *
 * @param window the measured maintenance window (load balancer in maintenance until traffic was restored), or null
 */
public record ReportData(String runId, String runbook, String inventory, String commit, String operator,
                         Instant started, Instant finished, String outcome, List<Row> rows, Window window) {

    public ReportData {
        rows = List.copyOf(rows);
    }

    /** One step on one host (or one undo action, with {@code undo} set). */
    public record Row(String step, String host, String status, Instant start, Instant end, String message, boolean undo) {
        public Duration duration() {
            return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
        }
    }

    /** @param end null when the run ended with the load balancer still in maintenance */
    public record Window(Instant start, Instant end) {
        public Duration duration() {
            return end == null ? null : Duration.between(start, end);
        }
    }

    public Duration total() {
        return started == null || finished == null ? Duration.ZERO : Duration.between(started, finished);
    }
}
