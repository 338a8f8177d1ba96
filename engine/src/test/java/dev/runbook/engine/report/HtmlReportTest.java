package dev.runbook.engine.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HtmlReportTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    private ReportData data(ReportData.Window window, String message) {
        return new ReportData("20261122T030000Z-abc123", "runbooks/nocobase/upgrade.yml", "lab", "a1c9e0f (clean)", "ops@ctl",
                T0, T0.plusSeconds(95), "ok",
                List.of(new ReportData.Row("lb-maintenance", "lb1", "changed", T0.plusSeconds(1), T0.plusSeconds(2), "maintenance", false),
                        new ReportData.Row("backup", "db1", "changed", T0.plusSeconds(10), T0.plusSeconds(30), message, false),
                        new ReportData.Row("lb-maintenance", "lb1", "changed", T0.plusSeconds(80), T0.plusSeconds(81), "serving", true)),
                window);
    }

    @Test
    void reportNamesTheRunMeasuresTheWindowAndDrawsEveryRow() {
        String html = HtmlReport.render(data(new ReportData.Window(T0.plusSeconds(2), T0.plusSeconds(84)), "pg_dump ok"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("20261122T030000Z-abc123"));
        assertTrue(html.contains("1m22s (2026-11-22T03:00:02Z → 2026-11-22T03:01:24Z)"), "window measured");
        assertEquals(3, html.split("<rect x=").length - 2, "one bar per row plus the window");
        assertTrue(html.contains("maintenance window 1m22s"));
        assertTrue(html.contains("undo: lb-maintenance"));
        assertFalse(html.contains("<script"), "self-contained and script-free");
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no external resources");
    }

    @Test
    void recordTextIsEscapedAndAnOpenWindowIsCalledOut() {
        String html = HtmlReport.render(data(new ReportData.Window(T0.plusSeconds(2), null), "<img src=x onerror=alert(1)>"));
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("never closed"));
    }
}
