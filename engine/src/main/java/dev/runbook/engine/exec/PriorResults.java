package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Results of an earlier attempt at the same run (resume). The executor does not run these
 * step × host pairs again: it re-applies their registered values and facts, reports them as
 * replayed, and counts ok/changed ones as completed for the undo chain (in the given order,
 * before anything this run completes).
 *
 * <p>Only non-blocking results are replayed (ok, changed, skipped by a condition or check mode, or
 * a failure under ignore_errors); anything else given here is ignored and runs again.
 */
public record PriorResults(List<Prior> results) {

    /**
     * @param result the registered map of the step on the host (status, changed, failed, msg, module
     *               data, and {@code facts} when the module set facts), as in {@link Event.HostFinished#registered()}
     */
    public record Prior(String step, String host, String status, String message, Map<String, Object> result,
                        boolean blocking) {
        public Prior {
            result = result == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result));
        }

        public static Prior of(Event.HostFinished e) {
            return new Prior(e.step(), e.host(), e.status(), e.message(), e.registered(), e.blocking());
        }
    }

    public PriorResults {
        results = List.copyOf(results);
    }

    public static PriorResults none() {
        return new PriorResults(List.of());
    }

    /** From a run's journal: the last non-blocking HostFinished per step × host (undo events are not results). */
    public static PriorResults fromEvents(List<? extends Event> events) {
        Map<String, Prior> last = new LinkedHashMap<>();
        for (Event e : events) {
            if (e instanceof Event.HostFinished hf) {
                String key = hf.step() + "\u0000" + hf.host();
                last.remove(key);
                last.put(key, Prior.of(hf));
            }
        }
        return new PriorResults(new ArrayList<>(last.values().stream().filter(p -> !p.blocking()).toList()));
    }

    Optional<Prior> find(String step, String host) {
        return results.stream().filter(p -> p.step().equals(step) && p.host().equals(host) && !p.blocking()).findFirst();
    }
}
