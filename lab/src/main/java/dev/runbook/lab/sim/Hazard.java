package dev.runbook.lab.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recorded violation of the cluster procedures (see {@link HazardKind}). */
public record Hazard(long id, Instant at, String node, HazardKind kind, String detail) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("node", node);
        m.put("kind", kind.code());
        m.put("detail", detail);
        return m;
    }
}
