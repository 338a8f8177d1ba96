package dev.runbook.modules.core;

import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.module.Prompter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControllerModulesTest {

    @Test
    void everyCoreModuleIsRegisteredAndDocumentsItsArguments() {
        ModuleRegistry registry = ModuleRegistry.load();
        assertTrue(registry.names().containsAll(Set.of("command", "shell", "copy", "template", "file", "lineinfile", "wait_for",
                "http", "assert", "set_fact", "debug", "confirm", "pause")), registry.names().toString());
        for (Module m : registry.all()) {
            assertFalse(m.summary().isBlank(), m.name());
            m.args().args().forEach(a -> assertFalse(a.description() == null || a.description().isBlank(), m.name() + "." + a.name()));
        }
    }

    @Test
    void assertEvaluatesExpressionsWithoutBraces() throws Exception {
        AssertModule mod = new AssertModule();
        TestContext ok = TestContext.of(mod, "that", List.of("res.status_code == 200", "version is not empty", true))
                .var("res", Map.of("status_code", 200)).var("version", "1.2.3");
        assertEquals("all 3 assertions passed", ok.run().message());

        TestContext bad = TestContext.of(mod, "that", List.of("res.status_code == 200", "version == '2.0.0'"), "fail_msg", "wrong version")
                .var("res", Map.of("status_code", 200)).var("version", "1.2.3");
        Outcome o = bad.run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertEquals("wrong version", o.message());
        assertEquals("version == '2.0.0'", o.data().get("assertion"));

        Outcome defaultMsg = TestContext.of(mod, "that", List.of("1 > 2")).run();
        assertEquals("assertion failed: 1 > 2", defaultMsg.message());

        Outcome undefined = TestContext.of(mod, "that", List.of("nope == 1")).run();
        assertInstanceOf(Outcome.Failed.class, undefined);
        assertTrue(undefined.message().startsWith("cannot evaluate condition 'nope == 1'"), undefined.message());
    }

    @Test
    void setFactReturnsFactsForTheExecutor() throws Exception {
        Outcome o = TestContext.of(new SetFactModule(), "current_version", "1.2.3", "nodes", List.of("app1")).run();
        assertInstanceOf(Outcome.Ok.class, o);
        assertEquals(Map.of("current_version", "1.2.3", "nodes", List.of("app1")), o.data().get(Module.FACTS));
        assertEquals("set current_version, nodes", o.message());
        assertTrue(new SetFactModule().args().acceptsUndeclared());

        Outcome bad = TestContext.of(new SetFactModule(), "not-valid", 1).run();
        assertInstanceOf(Outcome.Failed.class, bad);
    }

    @Test
    void debugShowsMessagesAndVariables() throws Exception {
        DebugModule d = new DebugModule();
        assertEquals("hello", TestContext.of(d, "msg", "hello").run().message());
        TestContext ctx = TestContext.of(d, "var", "res.json.data").var("res", Map.of("json", Map.of("data", Map.of("v", 1))));
        Outcome o = ctx.run();
        assertTrue(o.message().startsWith("res.json.data = {"), o.message());
        assertEquals(Map.of("v", 1), o.data().get("res.json.data"));
        assertEquals("missing is not defined", TestContext.of(d, "var", "missing").run().message());
        assertEquals("nodes | length = 2", TestContext.of(d, "var", "nodes | length").var("nodes", List.of("a", "b")).run().message());
    }

    @Test
    void confirmAsksAndHonoursTheAnswer() throws Exception {
        ConfirmModule c = new ConfirmModule();
        List<String> asked = new ArrayList<>();
        Outcome yes = TestContext.of(c, "prompt", "Stop app1?").prompter(q -> asked.add(q)).run();
        assertInstanceOf(Outcome.Ok.class, yes);
        assertEquals(List.of("Stop app1?"), asked);

        Outcome no = TestContext.of(c, "prompt", "Stop app1?").prompter(q -> false).run();
        assertInstanceOf(Outcome.Failed.class, no);
        assertEquals("operator declined: Stop app1?", no.message());

        Outcome noTty = TestContext.of(c).prompter(q -> {
            throw new Prompter.NoTerminalException("stdin is not a terminal");
        }).run();
        assertInstanceOf(Outcome.Failed.class, noTty);
        assertTrue(noTty.message().contains("--yes") && noTty.message().contains("terminal"), noTty.message());

        List<String> askedInCheck = new ArrayList<>();
        Outcome check = TestContext.of(c).prompter(askedInCheck::add).check().run();
        assertInstanceOf(Outcome.Skipped.class, check);
        assertTrue(askedInCheck.isEmpty());
    }

    @Test
    void pauseWaitsAndCanBeInterrupted() throws Exception {
        PauseModule p = new PauseModule();
        long start = System.nanoTime();
        Outcome o = TestContext.of(p, "duration", Duration.ofMillis(300)).run();
        assertInstanceOf(Outcome.Ok.class, o);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "the pause must last as long as asked");

        TestContext ctx = TestContext.of(p, "seconds", 60);
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(ctx::cancel);
        Outcome cut = ctx.run();
        assertInstanceOf(Outcome.Failed.class, cut);
        assertTrue(cut.message().startsWith("pause interrupted"), cut.message());
        assertTrue(ctx.progressMessages().get(0).startsWith("pausing, 1m left"), ctx.progressMessages().toString());

        assertInstanceOf(Outcome.Skipped.class, TestContext.of(p, "seconds", 60).check().run());
    }
}
