package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.support.Poller;
import dev.runbook.modules.support.Texts;

import java.time.Duration;
import java.util.Map;

/** Waits a fixed time (let a service settle); an operator interrupt ends it at once. */
public final class PauseModule extends ControllerModule {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.optional("seconds", ArgType.INT, null, "How many seconds to wait."),
            Arg.optional("duration", ArgType.DURATION, null, "How long to wait, e.g. 30s, 2m."))
            .oneOf("seconds", "duration");

    public PauseModule() {
        super("pause", "Wait a fixed time; honours interruption.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        Duration d = a.has("seconds") ? Duration.ofSeconds(a.integer("seconds")) : a.duration("duration");
        if (d.isNegative()) {
            return Outcome.failed("pause must not be negative (got " + d.getSeconds() + "s)");
        }
        if (ctx.checkMode()) {
            return Outcome.skipped("not pausing " + Texts.human(d) + " in check mode");
        }
        // the pause itself is the deadline; the step's timeout, if shorter, cuts it
        Poller poller = new Poller(ctx, d);
        while (!poller.expired()) {
            ctx.progress("pausing, " + Texts.human(Duration.ofSeconds((poller.remaining().toMillis() + 999) / 1000)) + " left");
            Duration chunk = poller.remaining().compareTo(REPORT_EVERY) < 0 ? poller.remaining() : REPORT_EVERY;
            if (!poller.sleep(chunk)) {
                return Outcome.failed("pause interrupted after " + Texts.human(Duration.ofSeconds(poller.elapsed().toSeconds())));
            }
        }
        return Outcome.ok("paused " + Texts.human(poller.elapsed().compareTo(d) < 0 ? poller.elapsed() : d), Map.of("elapsed_ms", poller.elapsed().toMillis()));
    }
}
