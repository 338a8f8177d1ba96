package dev.runbook.modules.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.template.TemplateException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a message or a variable's value. Secret variables are masked by the engine's output
 * masking like everything else; debug does not bypass it.
 */
public final class DebugModule extends ControllerModule {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.optional("msg", ArgType.ANY, null, "Text (or any value) to show."),
            Arg.optional("var", ArgType.STRING, null, "Name of a variable to show, dotted for nested values (e.g. res.status_code), or an expression."))
            .oneOf("msg", "var");

    public DebugModule() {
        super("debug", "Show a message or a variable's value.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        Map<String, Object> data = new LinkedHashMap<>();
        if (a.has("msg")) {
            Object msg = a.raw("msg");
            data.put("msg", msg);
            return Outcome.ok(show(msg), data);
        }
        String var = a.string("var").strip();
        Object value;
        if (var.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*")) {
            Lookup found = lookup(ctx.vars(), var);
            if (!found.defined()) {
                return Outcome.ok(var + " is not defined", Map.of("defined", false));
            }
            value = found.value();
        } else {
            try {
                value = ctx.render("{{ " + var + " }}");
            } catch (TemplateException e) {
                return Outcome.failed("cannot evaluate '" + var + "': " + e.reason());
            }
        }
        data.put(var, value);
        return Outcome.ok(var + " = " + show(value), data);
    }

    private record Lookup(boolean defined, Object value) {
    }

    @SuppressWarnings("unchecked")
    private static Lookup lookup(Map<String, Object> vars, String dotted) {
        Object current = vars;
        for (String part : dotted.split("\\.")) {
            if (current instanceof Map<?, ?> m && m.containsKey(part)) {
                current = ((Map<String, Object>) m).get(part);
            } else if (current instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                current = l.get(Integer.parseInt(part));
            } else {
                return new Lookup(false, null);
            }
        }
        return new Lookup(true, current);
    }

    private static String show(Object v) {
        if (v instanceof Map || v instanceof List) {
            try {
                return JSON.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }
}
