package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.engine.report.ReportData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run record for people: {@code history}, {@code show} and {@code report}. Works on the JSON
 * form so that records of older engine versions (or a journal cut off by SIGKILL) still read.
 */
public final class RunRecordView {

    private final JsonNode meta;
    private final List<JsonNode> journal;

    public RunRecordView(JsonNode meta, List<JsonNode> journal) {
        this.meta = meta;
        this.journal = List.copyOf(journal);
    }

    public JsonNode meta() {
        return meta;
    }

    /**
     * run.json's outcome; a record still saying "running" whose journal has no {@code run_finished}
     * after its last {@code run_started} is reported as "running or killed".
     */
    public String outcome() {
        String o = meta.path("outcome").asText(RunRecord.RUNNING);
        return o.equals(RunRecord.RUNNING) ? "running or killed (resume it)" : o;
    }

    public Instant started() {
        return instant(meta.path("started"));
    }

    public Instant finished() {
        return instant(meta.path("finished"));
    }

    public Duration duration() {
        Instant s = started();
        Instant f = finished();
        if (s == null) {
            return null;
        }
        if (f == null) {
            f = journal.isEmpty() ? null : instant(journal.get(journal.size() - 1).path("at"));
        }
        return f == null ? null : Duration.between(s, f);
    }

    /** Every step × host result and undo, in journal order (a resumed step's later result comes later). */
    public List<ReportData.Row> rows() {
        List<ReportData.Row> rows = new ArrayList<>();
        Map<String, Instant> started = new HashMap<>();
        for (JsonNode e : journal) {
            String type = e.path("type").asText();
            String key = e.path("step").asText() + "\u0000" + e.path("host").asText();
            Instant at = instant(e.path("at"));
            switch (type) {
                case "host_started" -> started.put(key, at);
                case "host_finished" -> {
                    Instant start = started.remove(key);
                    if (start == null && at != null) {
                        start = at.minusMillis(e.path("duration_ms").asLong());
                    }
                    String msg = e.path("message").asText("");
                    if (e.path("replayed").asBoolean(false)) {
                        msg = "(from the earlier attempt) " + msg;
                    }
                    rows.add(new ReportData.Row(e.path("step").asText(), e.path("host").asText(), e.path("status").asText(),
                            start, at, msg, false));
                }
                case "undo_host_finished" -> rows.add(new ReportData.Row(e.path("step").asText(), e.path("host").asText(),
                        e.path("status").asText(), at == null ? null : at.minusMillis(e.path("duration_ms").asLong()), at,
                        e.path("message").asText(""), true));
                default -> {
                }
            }
        }
        return rows;
    }

    /** The final result per step × host (and per undo), first-seen order: what {@code show} prints. */
    public List<ReportData.Row> latest() {
        Map<String, ReportData.Row> last = new LinkedHashMap<>();
        for (ReportData.Row r : rows()) {
            last.put((r.undo() ? "undo\u0000" : "") + r.step() + "\u0000" + r.host(), r);
        }
        return List.copyOf(last.values());
    }

    public ReportData.Window window() {
        JsonNode w = meta.path("maintenance_window");
        if (w.isObject()) {
            return new ReportData.Window(instant(w.path("start")), instant(w.path("end")));
        }
        return MaintenanceWindow.of(journal).orElse(null);
    }

    public ReportData report() {
        JsonNode git = meta.path("git");
        String commit = git.isObject() ? git.path("commit").asText("?")
                + (git.path("ref").isTextual() ? " (ref " + git.path("ref").asText() + ")"
                : git.path("dirty").asBoolean(false) ? " (dirty)" : " (clean)") : "not in git";
        return new ReportData(meta.path("id").asText(), meta.path("runbook").asText(), meta.path("inventory").asText(), commit,
                meta.path("operator").asText(), started(), finished(), outcome(), rows(), window());
    }

    static Instant instant(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
