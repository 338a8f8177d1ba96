package dev.runbook.engine.plan;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.git.Provenance;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plan as people read it: a header (runbook, commit, inventory), one line per step with its
 * hosts, what it does and how (parallel, batches, undo, limits), the undo chain, and the steps
 * that tag selection left out.
 */
public final class PlanTextRenderer {

    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final ArgSummary args;
    private final boolean colour;

    public PlanTextRenderer(ArgSummary args, boolean colour) {
        this.args = args;
        this.colour = colour;
    }

    /** @param git the runbook's git state, or null when it is not in a git work tree */
    public String render(Plan plan, Provenance git) {
        StringBuilder out = new StringBuilder();
        header(plan, git, out);
        List<PlannedStep> steps = plan.steps();
        if (steps.isEmpty()) {
            out.append("  no steps selected\n");
        }
        Map<Integer, List<Integer>> byWave = new HashMap<>();
        steps.forEach(p -> byWave.computeIfAbsent(p.wave(), w -> new ArrayList<>()).add(p.index()));
        int idWidth = Math.min(32, steps.stream().mapToInt(p -> p.step().id().length()).max().orElse(4));
        List<String> hostCells = steps.stream().map(p -> HostRanges.compact(p.hosts(), ",", 24)).toList();
        int hostWidth = hostCells.stream().mapToInt(String::length).max().orElse(5);
        List<String> actions = steps.stream().map(this::action).toList();
        int actionWidth = Math.min(56, actions.stream().mapToInt(String::length).max().orElse(6));
        int indexWidth = String.valueOf(steps.size()).length();
        Set<String> excluded = excluded(plan);
        Map<String, Step> written = new HashMap<>();
        plan.runbook().steps().forEach(r -> written.putIfAbsent(r.id(), r));
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep p = steps.get(i);
            out.append("  ").append(pad(String.valueOf(p.index()), indexWidth, true)).append(' ')
                    .append(paint(BOLD, pad(ArgSummary.shorten(p.step().id(), idWidth), idWidth, false))).append("  ")
                    .append(pad(hostCells.get(i), hostWidth, false)).append("  ")
                    .append(pad(ArgSummary.shorten(actions.get(i), actionWidth), actionWidth, false));
            String notes = notes(written.getOrDefault(p.step().id(), p.step()), p, byWave.get(p.wave()), excluded);
            if (!notes.isEmpty()) {
                out.append("  ").append(notes);
            }
            trimEnd(out);
            out.append('\n');
        }
        undoChain(steps, indexWidth, idWidth, hostWidth, out);
        if (!excluded.isEmpty()) {
            out.append("not planned (tag selection): ").append(String.join(", ", excluded))
                    .append("\n  steps that need them still run, after what those steps needed\n");
        }
        return out.toString();
    }

    private void header(Plan plan, Provenance git, StringBuilder out) {
        out.append("runbook ").append(paint(BOLD, plan.runbook().name()));
        if (plan.runbook().file() != null) {
            out.append(" (").append(plan.runbook().file()).append(')');
        }
        out.append(" · ").append(git == null ? "not in git" : git.describe());
        out.append(" · inventory ").append(plan.inventory().name()).append(": ")
                .append(HostRanges.compact(List.copyOf(plan.inventory().hosts().keySet()), ", ", 80)).append('\n');
        if (!plan.extraVars().isEmpty()) {
            out.append("extra vars: ").append(plan.extraVars().entrySet().stream()
                    .map(e -> e.getKey() + "=" + (secret(plan, e.getKey()) ? ArgSummary.MASK
                            : ArgSummary.shorten(ArgSummary.show(e.getValue()), 40)))
                    .collect(Collectors.joining(", "))).append('\n');
        }
    }

    private static boolean secret(Plan plan, String var) {
        VarDecl d = plan.runbook().vars().get(var);
        return d != null && d.secret();
    }

    private String action(PlannedStep p) {
        String module = args.line(p.step().call(), 56);
        String name = p.step().name();
        return name == null || name.isBlank() ? module : name + " · " + module;
    }

    private String notes(Step asWritten, PlannedStep p, List<Integer> wave, Set<String> excluded) {
        Step s = p.step();
        List<String> notes = new ArrayList<>();
        if (p.hosts().isEmpty()) {
            notes.add("no hosts: skipped");
        }
        if (wave.size() > 1) {
            if (wave.size() <= 6) {
                notes.add("parallel with " + wave.stream().filter(i -> i != p.index()).map(String::valueOf)
                        .collect(Collectors.joining(",")));
            } else {
                notes.add("parallel with " + (wave.size() - 1) + " steps");
            }
        }
        if (s.runOnce() && !p.hosts().isEmpty()) {
            notes.add("once on " + p.batches().get(0).get(0));
        } else if (s.serial() != null && !p.hosts().isEmpty()) {
            notes.add(batches(p));
        }
        if (s.when() != null) {
            notes.add("when " + ArgSummary.shorten(s.when(), 40));
        }
        if (s.timeout() != null) {
            notes.add("≤ " + Durations.format(s.timeout()));
        }
        if (s.retries() > 0) {
            notes.add("retries " + s.retries() + (s.delay().isZero() ? "" : " every " + Durations.format(s.delay())));
        }
        if (s.ignoreErrors()) {
            notes.add("errors ignored");
        }
        List<String> droppedNeeds = asWritten.needs().stream().filter(excluded::contains).toList();
        if (!droppedNeeds.isEmpty()) {
            notes.add("needs " + String.join(",", droppedNeeds) + " (not planned)");
        }
        if (s.hasUndo()) {
            notes.add(paint(YELLOW, "undo: " + undoLine(s, 40)));
        }
        return notes.stream().map(n -> n.startsWith("\u001b") ? n : paint(DIM, n)).collect(Collectors.joining(" · "));
    }

    /** The undo's calls in the order they run, joined by arrows. */
    private String undoLine(dev.runbook.engine.model.Step s, int width) {
        int each = Math.max(16, width / s.undo().size());
        return s.undo().stream().map(c -> args.line(c, each)).collect(Collectors.joining(" → "));
    }

    private static String batches(PlannedStep p) {
        List<List<String>> b = p.batches();
        if (b.size() <= 4) {
            return "serial " + p.step().serial() + ": " + b.stream().map(x -> HostRanges.compact(x, ",", 20))
                    .collect(Collectors.joining(" | "));
        }
        return "serial " + p.step().serial() + ": " + b.size() + " batches of " + b.get(0).size();
    }

    private void undoChain(List<PlannedStep> steps, int indexWidth, int idWidth, int hostWidth, StringBuilder out) {
        List<PlannedStep> withUndo = steps.stream().filter(p -> p.step().hasUndo()).toList();
        if (withUndo.isEmpty()) {
            return;
        }
        out.append("undo chain (when a later step fails, on the hosts where the step completed, in this order):\n");
        for (int i = withUndo.size() - 1; i >= 0; i--) {
            PlannedStep p = withUndo.get(i);
            out.append("  ").append(pad(String.valueOf(p.index()), indexWidth, true)).append(' ')
                    .append(paint(BOLD, pad(ArgSummary.shorten(p.step().id(), idWidth), idWidth, false))).append("  ")
                    .append(pad(HostRanges.compact(p.hosts(), ",", 24), hostWidth, false)).append("  ")
                    .append(paint(YELLOW, undoLine(p.step(), 72)));
            trimEnd(out);
            out.append('\n');
        }
    }

    /** Runbook steps that tag selection left out of the plan, in file order. */
    static Set<String> excluded(Plan plan) {
        Set<String> planned = new HashSet<>();
        plan.steps().forEach(p -> planned.add(p.step().id()));
        Set<String> out = new java.util.LinkedHashSet<>();
        plan.runbook().steps().stream().map(Step::id).filter(id -> !planned.contains(id)).forEach(out::add);
        return out;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static void trimEnd(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
