package dev.runbook.engine.exec;

import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registered form of an outcome (CONTRACTS: status, changed, failed, msg, plus the module's data). */
final class Results {

    static final List<String> STANDARD = List.of("status", "changed", "failed", "skipped", "msg");

    private Results() {
    }

    /** What {@code register} stores: the module's data without facts, and the standard fields. */
    static Map<String, Object> registered(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>(o.data());
        m.remove(Module.FACTS);
        m.put("status", o.status());
        m.put("changed", o instanceof Outcome.Changed);
        m.put("failed", o.isFailure());
        m.put("skipped", o instanceof Outcome.Skipped);
        m.put("msg", o.message() == null ? "" : o.message());
        return m;
    }

    /** What the HostFinished event carries: the registered form plus facts, so a resume can re-apply both. */
    static Map<String, Object> recorded(Outcome o) {
        Map<String, Object> m = registered(o);
        Object facts = o.data().get(Module.FACTS);
        if (facts instanceof Map<?, ?>) {
            m.put(Module.FACTS, facts);
        }
        return m;
    }

    /** Rebuilds an outcome from a recorded map (resume). */
    static Outcome fromRecorded(String status, String message, Map<String, Object> recorded) {
        Map<String, Object> data = new LinkedHashMap<>(recorded);
        STANDARD.forEach(data::remove);
        return switch (status) {
            case "ok" -> Outcome.ok(message, data);
            case "changed" -> Outcome.changed(message, data, null);
            case "failed" -> Outcome.failed(message, data);
            case "unreachable" -> new Outcome.Unreachable(message);
            default -> Outcome.skipped(message);
        };
    }

    /** The last lines of a failed command's stderr, or null. */
    static String stderrTail(Outcome o, int lines) {
        if (!o.isFailure()) {
            return null;
        }
        Object err = o.data().get("stderr");
        if (!(err instanceof String s) || s.isBlank()) {
            return null;
        }
        String[] all = s.strip().split("\\R");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }
}
