package dev.runbook.lab.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of the probe saw.
 *
 * @param byStatus           count per HTTP status ("error" for no response)
 * @param longest503         the longest run of consecutive 503 responses, or null
 * @param maintenanceWindow  from the first to the last 503 response, or null when none
 * @param errors             up to 10 distinct connection error messages
 */
public record ProbeSummary(
        long total,
        Instant started,
        Instant ended,
        Map<String, Long> byStatus,
        Map<String, Long> byVersion,
        Map<String, Long> byNode,
        long connectionErrors,
        long status502,
        long status504,
        Window longest503,
        Instant first503,
        Instant last503,
        Window maintenanceWindow,
        List<String> errors) {

    /** A time window between two samples, with the number of samples in it. */
    public record Window(Instant start, Instant end, long count) {
        public Duration duration() {
            return Duration.between(start, end);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", start.toString());
            m.put("end", end.toString());
            m.put("duration_ms", duration().toMillis());
            m.put("count", count);
            return m;
        }
    }

    public long count(int status) {
        return byStatus.getOrDefault(String.valueOf(status), 0L);
    }

    /** Responses that were neither 200 nor the maintenance 503, plus connection errors. */
    public long unexpected() {
        return byStatus.entrySet().stream().filter(e -> !e.getKey().equals("200") && !e.getKey().equals("503"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public static ProbeSummary of(List<Sample> samples0, Instant started, Instant ended) {
        List<Sample> samples = new ArrayList<>(samples0);
        samples.sort(Comparator.comparingLong(Sample::seq));
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byVersion = new TreeMap<>();
        Map<String, Long> byNode = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        long connErrors = 0;
        long s502 = 0;
        long s504 = 0;
        Window longest = null;
        Instant runStart = null;
        Instant runEnd = null;
        long runCount = 0;
        Instant first503 = null;
        Instant last503 = null;
        long count503 = 0;
        for (Sample s : samples) {
            String key = s.isConnectionError() ? "error" : String.valueOf(s.status());
            byStatus.merge(key, 1L, Long::sum);
            if (s.version() != null) {
                byVersion.merge(s.version(), 1L, Long::sum);
            }
            if (s.node() != null) {
                byNode.merge(s.node(), 1L, Long::sum);
            }
            if (s.isConnectionError()) {
                connErrors++;
                if (errors.size() < 10 && !errors.contains(s.error())) {
                    errors.add(s.error());
                }
            }
            if (!s.isConnectionError() && s.status() == 502) {
                s502++;
            }
            if (!s.isConnectionError() && s.status() == 504) {
                s504++;
            }
            boolean is503 = !s.isConnectionError() && s.status() == 503;
            if (is503) {
                count503++;
                if (first503 == null) {
                    first503 = s.at();
                }
                last503 = s.at();
                if (runStart == null) {
                    runStart = s.at();
                    runCount = 0;
                }
                runEnd = s.at();
                runCount++;
            }
            if (!is503 || s == samples.get(samples.size() - 1)) {
                if (runStart != null && (longest == null || runCount > longest.count()
                        || runCount == longest.count() && Duration.between(runStart, runEnd).compareTo(longest.duration()) > 0)) {
                    longest = new Window(runStart, runEnd, runCount);
                }
                if (!is503) {
                    runStart = null;
                }
            }
        }
        Window maintenance = first503 == null ? null : new Window(first503, last503, count503);
        return new ProbeSummary(samples.size(), started, ended, byStatus, byVersion, byNode, connErrors, s502, s504,
                longest, first503, last503, maintenance, List.copyOf(errors));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("started", started.toString());
        m.put("ended", ended.toString());
        m.put("by_status", byStatus);
        m.put("by_version", byVersion);
        m.put("by_node", byNode);
        m.put("connection_errors", connectionErrors);
        m.put("status_502", status502);
        m.put("status_504", status504);
        m.put("longest_503", longest503 == null ? null : longest503.toMap());
        m.put("first_503", first503 == null ? null : first503.toString());
        m.put("last_503", last503 == null ? null : last503.toString());
        m.put("maintenance_window", maintenanceWindow == null ? null : maintenanceWindow.toMap());
        m.put("errors", errors);
        return m;
    }
}
