package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventJson;
import dev.runbook.engine.event.EventRedaction;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.event.HumanRenderer;
import dev.runbook.engine.event.JsonLinesSink;
import dev.runbook.engine.secret.Secrets;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventOutputTest {

    private static PlanFixture plan() {
        PlanFixture f = new PlanFixture().hosts("app1", "app2");
        f.step("greet", "echo", Map.of("msg", "hello {{ host }}"));
        f.step("check", "sh", Map.of("cmd", "if [ {{ host }} = app2 ]; then echo 'disk full' >&2; exit 2; fi")).needs("greet");
        f.step("after", "echo", Map.of()).needs("check");
        return f;
    }

    @Test
    void jsonEventsParseBackAndMatchTheHumanOutcomes() {
        StringWriter json = new StringWriter();
        StringWriter human = new StringWriter();
        EventSink both = EventSink.all(List.of(new JsonLinesSink(new PrintWriter(json)),
                new HumanRenderer(new PrintWriter(human), false, false)));
        RunResult r = ExecutorTest.executor(RunOptions.defaults("run-42"), both).run(plan().plan());
        assertEquals(1, r.exitCode());

        EventJson codec = new EventJson();
        List<Event> events = json.toString().lines().map(codec::read).toList();
        assertTrue(json.toString().lines().allMatch(l -> l.startsWith("{\"type\":\"")), "type comes first");
        assertTrue(events.get(0) instanceof Event.RunStarted);
        assertTrue(events.get(events.size() - 1) instanceof Event.RunFinished rf && rf.status().equals("failed"));
        assertTrue(events.stream().allMatch(e -> e.runId().equals("run-42")));

        String text = human.toString();
        for (Event e : events) {
            if (e instanceof Event.HostFinished hf) {
                // the human line for the same step × host shows the same outcome
                assertTrue(text.lines().anyMatch(l -> l.trim().startsWith(hf.status()) && l.contains(hf.host()) && l.contains(hf.step())),
                        "no human line for " + hf.status() + " " + hf.host() + " " + hf.step() + " in\n" + text);
            }
        }
        assertTrue(text.contains("│ disk full"), text);
        assertTrue(text.contains("recap"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("app2") && l.matches(".*\\s1\\s+\\d+\\s+\\d+\\s*$")) , text);
        Event.HostFinished failed = events.stream().filter(e -> e instanceof Event.HostFinished hf && hf.status().equals("failed"))
                .map(e -> (Event.HostFinished) e).findFirst().orElseThrow();
        assertEquals("disk full", failed.stderrTail());
        assertEquals(2, ((Number) failed.registered().get("rc")).intValue());
    }

    @Test
    void secretsNeverReachTheSinks() {
        Secrets secrets = new Secrets();
        secrets.add("hunter2-secret");
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("leak", "sh", Map.of("cmd", "echo password={{ pw }}; echo also {{ pw }} >&2; exit 1")).register("out");
        StringWriter json = new StringWriter();
        StringWriter human = new StringWriter();
        EventSink both = EventSink.all(List.of(new JsonLinesSink(new PrintWriter(json)),
                new HumanRenderer(new PrintWriter(human), false, false)));
        Executor ex = new Executor(TestModules.registry(), new TestTemplates(), TransportProvider.localOnly(), q -> true, both,
                new EventRedaction(secrets::redact), RunOptions.defaults("r"));
        ex.run(f.plan(Map.of("pw", "hunter2-secret")));
        assertFalse(json.toString().contains("hunter2"), json.toString());
        assertFalse(human.toString().contains("hunter2"), human.toString());
        assertTrue(json.toString().contains("password=******"), json.toString());
    }
}
