package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.engine.report.ReportData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaintenanceWindowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode hf(String at, String window) throws Exception {
        return JSON.readTree("{\"type\":\"host_finished\",\"at\":\"" + at + "\",\"registered\":{\"maintenance_window\":\"" + window + "\"}}");
    }

    @Test
    void windowRunsFromFirstOpenToLastCloseAndAnUndoCanCloseIt() throws Exception {
        ReportData.Window w = MaintenanceWindow.of(List.of(
                JSON.readTree("{\"type\":\"host_finished\",\"at\":\"2025-01-01T10:00:00Z\",\"registered\":{\"rc\":0}}"),
                hf("2025-01-01T10:00:05Z", "open"),
                hf("2025-01-01T10:00:30Z", "closed"),
                hf("2025-01-01T10:00:40Z", "open"),
                JSON.readTree("{\"type\":\"undo_host_finished\",\"at\":\"2025-01-01T10:01:28Z\",\"data\":{\"maintenance_window\":\"closed\"}}")))
                .orElseThrow();
        assertEquals(Duration.ofSeconds(83), w.duration());
    }

    @Test
    void openWithoutCloseIsReportedOpenAndNoLbStepMeansNoWindow() throws Exception {
        assertNull(MaintenanceWindow.of(List.of(hf("2025-01-01T10:00:05Z", "open"))).orElseThrow().end());
        assertTrue(MaintenanceWindow.of(List.of(hf("2025-01-01T10:00:05Z", "closed"))).isEmpty());
    }
}
