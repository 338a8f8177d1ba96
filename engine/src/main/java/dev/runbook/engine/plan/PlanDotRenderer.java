package dev.runbook.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan as a Graphviz digraph: one box per step (index, id, hosts, module), an edge per need,
 * and each parallel wave on one rank. {@code runbook plan ... --format dot | dot -Tsvg > plan.svg}
 */
public final class PlanDotRenderer {

    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(plan.runbook().name())).append(" {\n");
        out.append("  rankdir=TB;\n");
        out.append("  node [shape=box, fontname=\"monospace\"];\n");
        Map<Integer, List<String>> waves = new TreeMap<>();
        for (PlannedStep p : plan.steps()) {
            String label = p.index() + " " + p.step().id() + "\n" + HostRanges.compact(p.hosts(), ",", 30)
                    + "\n" + p.step().call().module() + (p.step().undo() != null ? " (undo: " + p.step().undo().module() + ")" : "");
            out.append("  ").append(quote(p.step().id())).append(" [label=").append(quote(label));
            if (p.step().undo() != null) {
                out.append(", style=bold");
            }
            out.append("];\n");
            waves.computeIfAbsent(p.wave(), w -> new ArrayList<>()).add(p.step().id());
        }
        for (Map.Entry<Integer, List<String>> wave : waves.entrySet()) {
            if (wave.getValue().size() > 1) {
                out.append("  { rank=same;");
                wave.getValue().forEach(id -> out.append(' ').append(quote(id)).append(';'));
                out.append(" }\n");
            }
        }
        for (PlannedStep p : plan.steps()) {
            for (String need : p.step().needs()) {
                out.append("  ").append(quote(need)).append(" -> ").append(quote(p.step().id())).append(";\n");
            }
        }
        out.append("}\n");
        return out.toString();
    }

    /** A DOT quoted string; a newline becomes the {@code \n} line break of labels. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
