package dev.runbook.modules.core;

import dev.runbook.engine.exec.BecomeTransport;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.local.LocalTransport;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.module.Prompter;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateException;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.Transport;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A ModuleContext for module tests: the real LocalTransport (or, with {@link #on}, a real SSH
 * transport to a lab host), Pebble configured as the contract says (strict, no autoescape, no
 * newline trimming), defaults filled from the module's ArgSpec and integers widened to Long as the
 * engine's argument typing does. With {@link #become}, the step's become is applied as the engine
 * applies it: {@link #become()} returns it, and every transport call that does not name its own
 * gets it (modules that pass {@code null}, like the operations helpers, inherit the step's).
 */
final class TestContext implements ModuleContext {

    private static final PebbleEngine PEBBLE = new PebbleEngine.Builder()
            .loader(new StringLoader()).strictVariables(true).autoEscaping(false).newLineTrimming(false).cacheActive(false).build();

    private final Module module;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Host host = Host.local("local");
    private Transport transport = new LocalTransport("local");
    private Become become;
    private boolean check;
    private boolean diff;
    private Duration timeout;
    private Prompter prompter = q -> {
        throw new Prompter.NoTerminalException("stdin is not a terminal");
    };

    private TestContext(Module module) {
        this.module = module;
    }

    static TestContext of(Module module, Object... keyValues) {
        TestContext c = new TestContext(module);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.given.put((String) keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    TestContext arg(String name, Object value) {
        given.put(name, value);
        return this;
    }

    TestContext check() {
        this.check = true;
        return this;
    }

    TestContext diff() {
        this.diff = true;
        return this;
    }

    TestContext var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    /** Runs the module against this host through this transport (e.g. SSH to a lab host). */
    TestContext on(Host host, Transport transport) {
        this.host = host;
        this.transport = transport;
        return this;
    }

    /** The step's {@code become}. */
    TestContext become(Become become) {
        this.become = become;
        return this;
    }

    TestContext stepTimeout(Duration d) {
        this.timeout = d;
        return this;
    }

    TestContext prompter(Prompter p) {
        this.prompter = p;
        return this;
    }

    void cancel() {
        cancelled.set(true);
    }

    List<String> progressMessages() {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }

    Outcome run() throws Exception {
        return module.run(this);
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public Transport transport() {
        return BecomeTransport.wrap(transport, become);
    }

    @Override
    public Become become() {
        return become;
    }

    @Override
    public Args args() {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Arg a : module.args().args()) {
            Object v = given.containsKey(a.name()) ? given.get(a.name()) : a.defaultValue();
            if (v != null) {
                typed.put(a.name(), widen(v));
            }
        }
        given.forEach((k, v) -> typed.putIfAbsent(k, widen(v)));
        return new Args(typed);
    }

    private static Object widen(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TestContext::widen).toList();
        }
        return v;
    }

    @Override
    public boolean checkMode() {
        return check;
    }

    @Override
    public boolean diffMode() {
        return diff;
    }

    @Override
    public Map<String, Object> vars() {
        return Collections.unmodifiableMap(vars);
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }

    @Override
    public Prompter prompter() {
        return prompter;
    }

    @Override
    public String render(String template) throws TemplateException {
        try {
            StringWriter w = new StringWriter();
            PEBBLE.getTemplate(template).evaluate(w, new LinkedHashMap<>(vars));
            return w.toString();
        } catch (PebbleException | java.io.IOException e) {
            throw new TemplateException(SourcePos.UNKNOWN, e.getMessage(), e);
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }
}
