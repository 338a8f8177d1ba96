package dev.runbook.engine.plan;

import dev.runbook.engine.model.Durations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.engine.git.Provenance;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;

import java.util.List;
import java.util.Map;

/**
 * The plan as JSON for other tools. The shape is documented in {@code docs/plan-json.md}; fields are
 * only ever added (bump {@link #FORMAT_VERSION} on any other change). Secret values are masked.
 */
public final class PlanJsonRenderer {

    public static final int FORMAT_VERSION = 1;

    private final ArgSummary args;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PlanJsonRenderer(ArgSummary args) {
        this.args = args;
    }

    /** @param git the runbook's git state, or null when it is not in a git work tree */
    public String render(Plan plan, Provenance git) {
        try {
            return mapper.writeValueAsString(tree(plan, git)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan values are plain YAML data and always serialise", e);
        }
    }

    public ObjectNode tree(Plan plan, Provenance git) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ObjectNode rb = root.putObject("runbook");
        rb.put("name", plan.runbook().name());
        rb.put("file", plan.runbook().file() == null ? null : plan.runbook().file().toString());
        ObjectNode gitNode = rb.putObject("git");
        gitNode.put("in_repository", git != null);
        gitNode.put("commit", git == null ? null : git.commit());
        gitNode.put("clean", git != null && git.clean());
        ArrayNode changed = gitNode.putArray("changed");
        if (git != null) {
            git.dirtyFiles().forEach(changed::add);
        }
        ObjectNode inv = root.putObject("inventory");
        inv.put("name", plan.inventory().name());
        inv.put("file", plan.inventory().file() == null ? null : plan.inventory().file().toString());
        strings(inv.putArray("hosts"), List.copyOf(plan.inventory().hosts().keySet()));
        ObjectNode extra = root.putObject("extra_vars");
        plan.extraVars().forEach((k, v) -> {
            VarDecl d = plan.runbook().vars().get(k);
            extra.set(k, mapper.valueToTree(d != null && d.secret() ? ArgSummary.MASK : v));
        });
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(p -> steps.add(step(p)));
        ArrayNode undo = root.putArray("undo_chain");
        for (int i = plan.steps().size() - 1; i >= 0; i--) {
            if (plan.steps().get(i).step().hasUndo()) {
                undo.add(plan.steps().get(i).step().id());
            }
        }
        strings(root.putArray("not_planned"), List.copyOf(PlanTextRenderer.excluded(plan)));
        return root;
    }

    private ObjectNode step(PlannedStep p) {
        Step s = p.step();
        ObjectNode n = mapper.createObjectNode();
        n.put("index", p.index());
        n.put("id", s.id());
        n.put("name", s.name());
        n.put("wave", p.wave());
        n.put("pattern", s.hosts());
        strings(n.putArray("hosts"), p.hosts());
        ArrayNode batches = n.putArray("batches");
        p.batches().forEach(b -> strings(batches.addArray(), b));
        n.set("call", call(s.call()));
        strings(n.putArray("needs"), s.needs());
        n.put("when", s.when());
        n.put("register", s.register());
        n.put("retries", s.retries());
        n.put("until", s.until());
        n.put("delay", Durations.format(s.delay()));
        n.put("timeout", Durations.format(s.timeout()));
        n.put("serial", s.serial() == null ? null : s.serial().toString());
        n.put("run_once", s.runOnce());
        n.put("ignore_errors", s.ignoreErrors());
        strings(n.putArray("tags"), s.tags().stream().sorted().toList());
        n.put("become", s.become() == null ? null : s.become().user());
        ArrayNode undoCalls = n.putArray("undo");
        s.undo().forEach(u -> undoCalls.add(call(u)));
        n.put("source", s.pos().toString());
        return n;
    }

    private ObjectNode call(ModuleCall call) {
        ObjectNode n = mapper.createObjectNode();
        n.put("module", call.module());
        ObjectNode a = n.putObject("args");
        for (Map.Entry<String, Object> e : args.masked(call).entrySet()) {
            a.set(e.getKey(), mapper.valueToTree(e.getValue()));
        }
        return n;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
