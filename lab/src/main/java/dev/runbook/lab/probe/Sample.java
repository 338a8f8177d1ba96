package dev.runbook.lab.probe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One probe request: when it was sent, its outcome, and which node/version answered.
 *
 * @param seq     send order, from 0
 * @param status  HTTP status, or 0 when no response arrived (see {@code error})
 * @param error   connection error text, or null
 */
public record Sample(long seq, Instant at, long latencyMs, int status, String version, String node, String error) {
    public boolean isConnectionError() {
        return error != null;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at.toString());
        m.put("latency_ms", latencyMs);
        m.put("status", error == null ? status : null);
        m.put("version", version);
        m.put("node", node);
        m.put("error", error);
        return m;
    }
}
