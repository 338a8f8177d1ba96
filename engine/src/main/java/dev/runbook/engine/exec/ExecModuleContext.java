package dev.runbook.engine.exec;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Prompter;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.template.TemplateException;
import dev.runbook.engine.transport.Transport;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** What one module call on one host sees. */
record ExecModuleContext(Host host, Transport transport, Args args, boolean checkMode, boolean diffMode,
                         Map<String, Object> vars, Optional<Duration> timeout, Consumer<String> progressSink,
                         Prompter prompter, TemplateEngine templates, SourcePos pos, BooleanSupplier cancelFlag,
                         dev.runbook.engine.transport.Become become)
        implements ModuleContext {

    @Override
    public void progress(String message) {
        progressSink.accept(message);
    }

    @Override
    public String render(String template) throws TemplateException {
        return templates.render(template, vars, pos);
    }

    @Override
    public dev.runbook.engine.transport.Become become() {
        return become;
    }

    @Override
    public boolean cancelled() {
        return cancelFlag.getAsBoolean();
    }
}
