package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.template.TemplateException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fails the step unless every condition holds. Conditions are written without braces (like
 * {@code when}); the engine leaves such strings as they are, and this module evaluates each through
 * {@link ModuleContext#render} as {@code {{ (expr) }}}. An item the engine already turned into a
 * boolean (written as {@code "{{ expr }}"}) is used as is.
 */
public final class AssertModule extends ControllerModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.required("that", ArgType.LIST, "Conditions, each an expression without braces (e.g. \"res.status_code == 200\"); all must be true."),
            Arg.optional("fail_msg", ArgType.STRING, null, "Message when a condition is false (default: names the condition)."),
            Arg.optional("success_msg", ArgType.STRING, null, "Message when all conditions hold."));

    public AssertModule() {
        super("assert", "Fail unless every condition (expression without braces) is true.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        List<Object> that = a.list("that");
        if (that.isEmpty()) {
            return Outcome.failed("that is empty: give at least one condition");
        }
        List<String> checked = new ArrayList<>();
        for (Object item : that) {
            String expr = String.valueOf(item);
            boolean holds;
            if (item instanceof Boolean b) {
                holds = b;
            } else {
                try {
                    holds = truthy(ctx.render("{{ (" + expr + ") }}"));
                } catch (TemplateException e) {
                    return Outcome.failed("cannot evaluate condition '" + expr + "': " + e.reason());
                }
            }
            if (!holds) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("assertion", expr);
                data.put("evaluated_to", false);
                return Outcome.failed(a.optString("fail_msg").orElse("assertion failed: " + expr), data);
            }
            checked.add(expr);
        }
        return Outcome.ok(a.optString("success_msg").orElse("all " + checked.size() + " assertions passed"), Map.of());
    }

    /** Truthiness of a rendered value, as Jinja/Pebble authors expect: false, 0, empty and none are false. */
    static boolean truthy(String rendered) {
        String s = rendered.strip().toLowerCase(Locale.ROOT);
        return !(s.isEmpty() || s.equals("false") || s.equals("0") || s.equals("none") || s.equals("null")
                || s.equals("[]") || s.equals("{}"));
    }
}
