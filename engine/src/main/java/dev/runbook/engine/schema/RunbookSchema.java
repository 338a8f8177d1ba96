package dev.runbook.engine.schema;

import dev.runbook.engine.model.Durations;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleRegistry;

import java.util.List;

import static dev.runbook.engine.schema.JsonSchemas.*;

/**
 * JSON Schema (draft 2020-12) of runbooks and included step files, generated from the runbook format
 * and every module's {@link dev.runbook.engine.module.ArgSpec}, so editors complete and check module
 * arguments. The engine's validator remains the authority (it also checks needs, variables, hosts).
 */
public final class RunbookSchema {

    public static final String ID = "https://runbook.dev/schema/runbook.schema.json";
    static final String ID_PATTERN = "^[a-z0-9_-]+$";

    private final ModuleRegistry modules;

    public RunbookSchema(ModuleRegistry modules) {
        this.modules = modules;
    }

    public String json() {
        return print(generate());
    }

    public ObjectNode generate() {
        ObjectNode root = root(ID, "runbook", "A runbook (or a file of steps it includes): variables and steps "
                + "forming a task graph through 'needs'.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        root.set("required", F.arrayNode().add("steps"));
        ObjectNode props = root.putObject("properties");
        props.set("name", type("string", "Runbook name (included files need none)."));
        props.set("description", type("string", "What the runbook does."));
        ObjectNode vars = type("object", "Variable declarations.");
        vars.set("additionalProperties", ref("var"));
        props.set("vars", vars);
        ObjectNode steps = type("array", "The steps; order between them comes only from 'needs'.");
        steps.set("items", ref("step"));
        props.set("steps", steps);

        ObjectNode defs = root.putObject("$defs");
        defs.set("var", varDecl());
        defs.set("step", step());
        defs.set("undo", undo());
        for (Module m : modules.all()) {
            defs.set("module." + m.name(), module(m));
        }
        return root;
    }

    private static ObjectNode varDecl() {
        ObjectNode n = type("object", "A variable declaration.");
        n.put("additionalProperties", false);
        ObjectNode p = n.putObject("properties");
        ObjectNode t = type("string", "Value type.");
        ArrayNode types = t.putArray("enum");
        for (ArgType a : ArgType.values()) {
            types.add(a.spelling());
        }
        p.set("type", t);
        p.set("required", type("boolean", "Must be given (-e, inventory or include vars) when there is no default."));
        p.set("default", describe(F.objectNode(), "Default value (may be a template)."));
        p.set("secret", type("boolean", "Masked wherever the engine shows or records it."));
        p.set("description", type("string", "What the variable means."));
        return n;
    }

    private ObjectNode step() {
        ObjectNode n = type("object", "A step: exactly one module key (or 'include') plus step keywords.");
        n.put("additionalProperties", false);
        n.set("required", F.arrayNode().add("id"));
        ObjectNode p = n.putObject("properties");
        ObjectNode id = type("string", "Unique step id.");
        id.put("pattern", ID_PATTERN);
        p.set("id", id);
        p.set("name", type("string", "Human title shown in plans and output."));
        p.set("hosts", type("string", "Host pattern (all, app, app1, app[0], app:!app1, app:&cluster, app*); may use {{ runbook vars }}."));
        p.set("include", type("string", "File of steps to include, relative to this file."));
        p.set("needs", stringOrList("Ids of steps that must finish first."));
        p.set("when", type("string", "Condition (expression without braces), evaluated per host."));
        p.set("register", type("string", "Variable that stores the step's result per host."));
        ObjectNode retries = type("integer", null);
        retries.put("minimum", 0);
        p.set("retries", orTemplate(retries, "Extra attempts while 'until' is false or the step fails."));
        p.set("until", type("string", "Condition (without braces) that ends the retries."));
        p.set("delay", duration("Pause between attempts (500ms, 2s, 15m, 1h30m, or seconds)."));
        p.set("timeout", duration("Per-host limit (500ms, 2s, 15m, 1h30m, or seconds)."));
        ObjectNode count = type("integer", null);
        count.put("minimum", 1);
        ObjectNode percent = type("string", null);
        percent.put("pattern", "^[0-9]+%$");
        ObjectNode serial = F.objectNode();
        serial.put("description", "Rolling batches: a host count or a percentage such as \"30%\".");
        serial.putArray("anyOf").add(count).add(percent).add(template());
        p.set("serial", serial);
        p.set("run_once", type("boolean", "Run on the first matched host only; the result is registered for all."));
        p.set("ignore_errors", type("boolean", "A failure is reported but does not stop dependent steps."));
        p.set("tags", stringOrList("Tags for --tags / --skip-tags ('always' runs unless skipped)."));
        ObjectNode become = F.objectNode();
        become.put("description", "Run via sudo: true (root) or a user name.");
        become.putArray("type").add("boolean").add("string");
        p.set("become", become);
        p.set("vars", type("object", "Step-scoped variables (for an include: the included file's vars)."));
        p.set("undo", ref("undo"));
        ArrayNode oneOf = n.putArray("oneOf");
        oneOf.add(required("include"));
        for (Module m : modules.all()) {
            p.set(m.name(), ref("module." + m.name()));
            oneOf.add(required(m.name()));
        }
        return n;
    }

    private ObjectNode undo() {
        ObjectNode n = JsonSchemas.F.objectNode();
        n.put("description", "Module call, or list of module calls run in order, on the hosts where this step completed when a later step fails.");
        ArrayNode either = n.putArray("oneOf");
        either.add(undoCall());
        ObjectNode list = either.addObject();
        list.put("type", "array");
        list.put("minItems", 1);
        list.set("items", undoCall());
        return n;
    }

    private ObjectNode undoCall() {
        ObjectNode n = type("object", "One module call of an undo.");
        n.put("additionalProperties", false);
        ObjectNode p = n.putObject("properties");
        ArrayNode oneOf = n.putArray("oneOf");
        for (Module m : modules.all()) {
            p.set(m.name(), ref("module." + m.name()));
            oneOf.add(required(m.name()));
        }
        return n;
    }

    static ObjectNode module(Module m) {
        ObjectNode n = F.objectNode();
        boolean anyRequired = m.args().args().stream().anyMatch(Arg::required);
        if (anyRequired || !m.args().oneOf().isEmpty()) {
            n.put("type", "object");
        } else {
            n.putArray("type").add("object").add("null");
        }
        n.put("description", m.summary());
        // set_fact-like modules take any argument name; declared ones are still typed
        n.put("additionalProperties", m.args().acceptsUndeclared());
        ObjectNode p = n.putObject("properties");
        ArrayNode req = F.arrayNode();
        for (Arg a : m.args().args()) {
            p.set(a.name(), arg(a));
            if (a.required()) {
                req.add(a.name());
            }
        }
        if (!req.isEmpty()) {
            n.set("required", req);
        }
        if (!m.args().oneOf().isEmpty()) {
            ArrayNode all = n.putArray("allOf");
            for (List<String> group : m.args().oneOf()) {
                ObjectNode exactlyOne = F.objectNode();
                ArrayNode choices = exactlyOne.putArray("oneOf");
                group.forEach(name -> choices.add(required(name)));
                all.add(exactlyOne);
            }
        }
        return n;
    }

    static ObjectNode arg(Arg a) {
        String description = a.description() == null ? "" : a.description();
        if (a.secret()) {
            description += " (secret: masked in output)";
        }
        ObjectNode n = switch (a.type()) {
            case STRING -> a.choices().isEmpty() ? type("string", null) : choices(a.choices());
            case PATH -> type("string", null);
            case INT -> orTemplate(type("integer", null), null);
            case BOOL -> orTemplate(type("boolean", null), null);
            case LIST -> orTemplate(type("array", null), null);
            case MAP -> orTemplate(type("object", null), null);
            case DURATION -> duration(null);
            case ANY -> F.objectNode();
        };
        describe(n, description.isBlank() ? null : description);
        if (a.defaultValue() != null) {
            n.set("default", MAPPER.valueToTree(a.defaultValue() instanceof java.time.Duration d
                    ? dev.runbook.engine.model.Durations.format(d) : a.defaultValue()));
        }
        return n;
    }

    private static ObjectNode choices(List<String> values) {
        ObjectNode e = F.objectNode();
        ArrayNode en = e.putArray("enum");
        values.forEach(en::add);
        return orTemplate(e, null);
    }

    private static ObjectNode describe(ObjectNode n, String description) {
        if (description != null) {
            // description first reads better in editors' hovers; keep it where the builder put it otherwise
            ObjectNode copy = F.objectNode();
            copy.put("description", description);
            n.fieldNames().forEachRemaining(f -> {
                if (!f.equals("description")) {
                    copy.set(f, n.get(f));
                }
            });
            n.removeAll();
            n.setAll(copy);
        }
        return n;
    }

    private static ObjectNode stringOrList(String description) {
        ObjectNode n = F.objectNode();
        n.put("description", description);
        n.putArray("anyOf").add(type("string", null)).add(stringList(null));
        return n;
    }
}
