package dev.runbook.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a self-contained HTML page for a run: summary, step × host table with durations, and a
 * Gantt-style timeline (inline SVG, no scripts, no external resources) with the maintenance window
 * marked and measured. Every text from the record is HTML-escaped.
 */
public final class HtmlReport {

    private static final int LABEL_W = 260;
    private static final int CHART_W = 760;
    private static final int ROW_H = 18;

    private HtmlReport() {
    }

    public static String render(ReportData d) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>run ")
                .append(esc(d.runId())).append("</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
                .append(".ok{color:#2a7d2a}.changed{color:#b36b00}.failed,.unreachable{color:#c0392b;font-weight:bold}.skipped{color:#888}")
                .append("dt{font-weight:bold;float:left;width:12em}dd{margin-left:13em}")
                .append("</style></head><body>\n");
        h.append("<h1>Run ").append(esc(d.runId())).append("</h1>\n<dl>");
        dl(h, "Runbook", d.runbook());
        dl(h, "Inventory", d.inventory());
        dl(h, "Commit", d.commit());
        dl(h, "Operator", d.operator());
        dl(h, "Started", String.valueOf(d.started()));
        dl(h, "Finished", String.valueOf(d.finished()));
        dl(h, "Duration", human(d.total()));
        dl(h, "Outcome", d.outcome());
        if (d.window() != null) {
            dl(h, "Maintenance window", d.window().end() == null
                    ? "opened at " + d.window().start() + ", never closed: the load balancer is still in maintenance"
                    : human(d.window().duration()) + " (" + d.window().start() + " → " + d.window().end() + ")");
        }
        h.append("</dl>\n");
        counts(h, d.rows());
        h.append("<h2>Timeline</h2>\n").append(timeline(d));
        table(h, d.rows());
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void counts(StringBuilder h, List<ReportData.Row> rows) {
        Map<String, Map<String, Integer>> perHost = new LinkedHashMap<>();
        for (ReportData.Row r : rows) {
            perHost.computeIfAbsent(r.host(), k -> new LinkedHashMap<>()).merge(r.undo() ? "undo" : r.status(), 1, Integer::sum);
        }
        h.append("<h2>Recap</h2>\n<table><tr><th>host</th><th>ok</th><th>changed</th><th>failed</th><th>skipped</th><th>unreachable</th><th>undo</th></tr>\n");
        perHost.forEach((host, c) -> {
            h.append("<tr><td>").append(esc(host)).append("</td>");
            for (String s : List.of("ok", "changed", "failed", "skipped", "unreachable", "undo")) {
                h.append("<td class=\"").append(s).append("\">").append(c.getOrDefault(s, 0)).append("</td>");
            }
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static void table(StringBuilder h, List<ReportData.Row> rows) {
        h.append("<h2>Steps</h2>\n<table><tr><th>step</th><th>host</th><th>status</th><th>duration</th><th>message</th></tr>\n");
        for (ReportData.Row r : rows) {
            h.append("<tr><td>").append(r.undo() ? "undo: " : "").append(esc(r.step())).append("</td><td>").append(esc(r.host()))
                    .append("</td><td class=\"").append(esc(r.status())).append("\">").append(esc(r.status()))
                    .append("</td><td>").append(human(r.duration())).append("</td><td>").append(esc(r.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String timeline(ReportData d) {
        List<ReportData.Row> rows = new ArrayList<>(d.rows().stream().filter(r -> r.start() != null).toList());
        Instant t0 = d.started() != null ? d.started() : rows.stream().map(ReportData.Row::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant t1 = d.finished() != null ? d.finished() : rows.stream().map(ReportData.Row::end).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(t0.plusSeconds(1));
        double span = Math.max(1, Duration.between(t0, t1).toMillis());
        int height = (rows.size() + 2) * ROW_H;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LABEL_W + CHART_W + 20).append("\" height=\"").append(height)
                .append("\" font-size=\"11\" font-family=\"monospace\">\n");
        if (d.window() != null) {
            double x0 = LABEL_W + CHART_W * Duration.between(t0, d.window().start()).toMillis() / span;
            Instant we = d.window().end() != null ? d.window().end() : t1;
            double x1 = LABEL_W + CHART_W * Duration.between(t0, we).toMillis() / span;
            s.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#fde2e2\"><title>maintenance window</title></rect>\n",
                    x0, Math.max(1, x1 - x0), height));
            s.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#c0392b\">maintenance window %s</text>\n",
                    x0 + 2, height - 4, esc(d.window().end() == null ? "(not closed)" : human(d.window().duration()))));
        }
        int y = ROW_H;
        for (ReportData.Row r : rows) {
            Instant end = r.end() != null ? r.end() : t1;
            double x = LABEL_W + CHART_W * Duration.between(t0, r.start()).toMillis() / span;
            double w = Math.max(2, CHART_W * Duration.between(r.start(), end).toMillis() / span);
            s.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(esc(truncate((r.undo() ? "undo " : "") + r.step() + " @ " + r.host(), 40)))
                    .append("</text>");
            s.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                    x, y + 2, w, ROW_H - 4, colour(r.status(), r.undo()), esc(r.step() + " " + r.host() + " " + r.status() + " " + human(r.duration()))));
            y += ROW_H;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String colour(String status, boolean undo) {
        if (undo) {
            return "#8e44ad";
        }
        return switch (status) {
            case "ok" -> "#5cb85c";
            case "changed" -> "#f0ad4e";
            case "failed", "unreachable" -> "#d9534f";
            default -> "#bbbbbb";
        };
    }

    private static void dl(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v == null ? "-" : v)).append("</dd>");
    }

    /** Durations for people: {@code 850ms}, {@code 4.2s}, {@code 1m23s}, {@code 2h05m}; the page and {@code show}/{@code history} agree. */
    public static String human(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return (ms / 60_000) + "m" + String.format(java.util.Locale.ROOT, "%02d", (ms / 1000) % 60) + "s";
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
