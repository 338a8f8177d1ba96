package dev.runbook.engine.plan;

import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shows a module call as one short line ({@code haproxy state=maintenance config=/etc/haproxy.cfg}),
 * with the values of secret arguments masked. Values are shown as written, templates unrendered:
 * planning does not know per-host variables, and a rendered secret must never be printed.
 */
public final class ArgSummary {

    public static final String MASK = "***";

    private final ModuleRegistry modules;

    public ArgSummary(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** The arguments with every secret argument's value replaced by {@link #MASK}, order kept. */
    public Map<String, Object> masked(ModuleCall call) {
        Set<String> secret = secretArgs(call.module());
        Map<String, Object> out = new LinkedHashMap<>();
        call.args().forEach((k, v) -> out.put(k, secret.contains(k) ? MASK : v));
        return out;
    }

    /** {@code module k=v ...}, at most about {@code maxChars} long. */
    public String line(ModuleCall call, int maxChars) {
        StringBuilder out = new StringBuilder(call.module());
        boolean first = true;
        for (Map.Entry<String, Object> e : masked(call).entrySet()) {
            String part = " " + e.getKey() + "=" + shorten(show(e.getValue()), 40);
            if (out.length() + part.length() > maxChars) {
                // the first argument is usually the one that says what happens: show as much of it as fits
                out.append(first ? shorten(part, Math.max(8, maxChars - out.length())) : " …");
                break;
            }
            out.append(part);
            first = false;
        }
        return out.toString();
    }

    private Set<String> secretArgs(String module) {
        return modules.find(module).map(Module::args)
                .map(spec -> spec.args().stream().filter(Arg::secret).map(Arg::name).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    static String show(Object v) {
        if (v instanceof String s) {
            String oneLine = s.strip().replace("\n", "⏎");
            return oneLine.isEmpty() || oneLine.contains(" ") ? "\"" + oneLine + "\"" : oneLine;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ArgSummary::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
