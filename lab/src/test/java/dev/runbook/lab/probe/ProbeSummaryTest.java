package dev.runbook.lab.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProbeSummaryTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Sample s(long seq, int status, String version) {
        return new Sample(seq, T0.plusMillis(seq * 100), 1, status, version, version == null ? null : "app" + (seq % 3 + 1), null);
    }

    @Test
    void findsTheLongest503RunAndTheWholeMaintenanceWindow() {
        List<Sample> samples = new ArrayList<>(List.of(
                s(0, 200, "1.7.10"), s(1, 503, null), s(2, 200, "1.7.10"), s(3, 503, null), s(4, 503, null),
                s(5, 503, null), s(6, 502, null), s(7, 200, "1.7.14"),
                new Sample(8, T0.plusMillis(800), 1, 0, null, null, "ConnectException: Connection refused"),
                s(9, 504, null)));
        java.util.Collections.reverse(samples); // completion order differs from send order

        ProbeSummary sum = ProbeSummary.of(samples, T0, T0.plusSeconds(1));

        assertEquals(10, sum.total());
        assertEquals(Map.of("200", 3L, "503", 4L, "502", 1L, "504", 1L, "error", 1L), sum.byStatus());
        assertEquals(Map.of("1.7.10", 2L, "1.7.14", 1L), sum.byVersion());
        assertEquals(3, sum.longest503().count());
        assertEquals(T0.plusMillis(300), sum.longest503().start());
        assertEquals(Duration.ofMillis(200), sum.longest503().duration());
        assertEquals(T0.plusMillis(100), sum.first503());
        assertEquals(T0.plusMillis(500), sum.last503());
        assertEquals(Duration.ofMillis(400), sum.maintenanceWindow().duration());
        assertEquals(1, sum.status502());
        assertEquals(1, sum.status504());
        assertEquals(1, sum.connectionErrors());
        assertEquals(List.of("ConnectException: Connection refused"), sum.errors());
        assertEquals(3, sum.unexpected());
    }

    @Test
    void aRunEndingWith503IsCountedAndNo503MeansNoWindow() {
        ProbeSummary tail = ProbeSummary.of(List.of(s(0, 200, "1"), s(1, 503, null), s(2, 503, null)), T0, T0);
        assertEquals(2, tail.longest503().count());
        ProbeSummary none = ProbeSummary.of(List.of(s(0, 200, "1"), s(1, 200, "1")), T0, T0);
        assertNull(none.longest503());
        assertNull(none.maintenanceWindow());
        assertEquals(0, none.unexpected());
    }
}
