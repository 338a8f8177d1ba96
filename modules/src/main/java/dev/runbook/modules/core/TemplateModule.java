package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.template.TemplateException;

import java.nio.charset.StandardCharsets;

/** Renders a template with the host's variables and writes the result to a file on the host. */
public final class TemplateModule extends CoreModule {

    private static final ArgSpec SPEC = withCommon(FilePlacer.COMMON_ARGS,
            Arg.optional("src", ArgType.PATH, null, "Template file on the control machine (Pebble, strict: an undefined variable fails the step)."),
            Arg.optional("content", ArgType.STRING, null, "Inline template text. Like every step argument it is rendered once by the "
                    + "engine before the module runs; the module does not render it a second time (a variable's value "
                    + "containing {{ }} stays literal).")).oneOf("src", "content");

    public TemplateModule() {
        super("template", "Render a template with the host's variables into a file on the host; changed only when the result differs.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String source = a.has("src") ? a.string("src") : "content";
        String rendered;
        if (a.has("src")) {
            try {
                rendered = ctx.render(new String(CopyModule.readLocal(a.string("src")), StandardCharsets.UTF_8));
            } catch (TemplateException e) {
                return Outcome.failed("cannot render " + source + ": " + e.getMessage());
            }
        } else {
            // already rendered with the step's arguments; rendering again would evaluate values as templates
            rendered = a.string("content");
        }
        return FilePlacer.place(ctx, rendered.getBytes(StandardCharsets.UTF_8), source);
    }
}
