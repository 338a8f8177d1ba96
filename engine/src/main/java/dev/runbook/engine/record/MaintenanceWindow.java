package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.engine.report.ReportData;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance window of a run, measured from its events: load-balancer modules put
 * {@code maintenance_window: open|closed} in their outcome data. The window runs from the first
 * event reporting {@code open} to the last reporting {@code closed} after it (an undo that restores
 * traffic closes it too). Open without a later close: the run left the site in maintenance.
 */
public final class MaintenanceWindow {

    public static final String KEY = "maintenance_window";

    private MaintenanceWindow() {
    }

    /** From journal events (JSON form); empty when no step opened a window. */
    public static Optional<ReportData.Window> of(List<JsonNode> events) {
        Instant open = null;
        Instant close = null;
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (!type.equals("host_finished") && !type.equals("undo_host_finished")) {
                continue;
            }
            if (e.path("replayed").asBoolean(false)) {
                continue; // a resumed run repeats earlier results; their times are the originals'
            }
            JsonNode data = type.equals("host_finished") ? e.path("registered") : e.path("data");
            String state = data.path(KEY).asText("");
            Instant at = Instant.parse(e.path("at").asText());
            if (state.equals("open") && open == null) {
                open = at;
                close = null;
            } else if (state.equals("open") && close != null && at.isAfter(close)) {
                close = null; // opened again after closing: the window lasts until the final close
            } else if (state.equals("closed") && open != null) {
                close = at;
            }
        }
        return open == null ? Optional.empty() : Optional.of(new ReportData.Window(open, close));
    }
}
