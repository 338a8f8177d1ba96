package dev.runbook.modules.ops;

import dev.runbook.engine.module.Outcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks a load balancer's config-swap outcome with where the maintenance window stands, so the
 * engine can measure it (load balancer in maintenance → traffic restored) from the run record:
 * data {@code maintenance_window: open} once the load balancer shows the maintenance page,
 * {@code closed} once it serves again. Only outcomes that describe the real state carry it: Ok and
 * Changed outside check mode (a check run changed nothing; a failed swap left the old state).
 */
public final class MaintenanceWindow {

    public static final String KEY = "maintenance_window";

    private MaintenanceWindow() {
    }

    public static Outcome mark(Outcome out, boolean maintenance, boolean checkMode) {
        if (checkMode) {
            return out;
        }
        String value = maintenance ? "open" : "closed";
        if (out instanceof Outcome.Ok ok) {
            return new Outcome.Ok(ok.message(), with(ok.data(), value));
        }
        if (out instanceof Outcome.Changed c) {
            return new Outcome.Changed(c.message(), with(c.data(), value), c.diff());
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> data, String value) {
        Map<String, Object> m = new LinkedHashMap<>(data);
        m.put(KEY, value);
        return m;
    }
}
