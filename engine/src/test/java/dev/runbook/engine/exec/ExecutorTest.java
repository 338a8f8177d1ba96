package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutorTest {

    @TempDir
    Path dir;

    static Executor executor(RunOptions options, EventSink sink) {
        return new Executor(TestModules.registry(), new TestTemplates(), TransportProvider.localOnly(), q -> true, sink,
                UnaryOperator.identity(), options);
    }

    static RunResult run(Plan plan, RecordingSink sink) {
        return executor(RunOptions.defaults("t1"), sink).run(plan);
    }

    private String d() {
        return dir.toString();
    }

    private List<String> lines(String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void independentStepsOverlapAndDependentWaitsForBoth() {
        PlanFixture f = new PlanFixture().hosts("h1");
        // Each of a and b waits for the other's marker: both succeed only if they run at the same time.
        f.step("a", "sh", Map.of("cmd", "touch " + d() + "/a; for i in $(seq 200); do [ -e " + d() + "/b ] && exit 0; sleep 0.05; done; exit 1"));
        f.step("b", "sh", Map.of("cmd", "touch " + d() + "/b; for i in $(seq 200); do [ -e " + d() + "/a ] && exit 0; sleep 0.05; done; exit 1"));
        f.step("c", "sh", Map.of("cmd", "test -e " + d() + "/a && test -e " + d() + "/b")).needs("a", "b");
        RecordingSink sink = new RecordingSink();
        RunResult r = run(f.plan(), sink);
        assertEquals(RunResult.Status.OK, r.status());
        assertEquals("changed", sink.status("a", "h1"));
        assertEquals("changed", sink.status("b", "h1"));
        assertEquals("changed", sink.status("c", "h1"));
        int cStarted = indexOf(sink, e -> e instanceof Event.StepStarted s && s.step().equals("c"));
        int aDone = indexOf(sink, e -> e instanceof Event.StepFinished s && s.step().equals("a"));
        int bDone = indexOf(sink, e -> e instanceof Event.StepFinished s && s.step().equals("b"));
        assertTrue(cStarted > aDone && cStarted > bDone, "c started before its needs finished");
        assertEquals(0, r.exitCode());
    }

    private static int indexOf(RecordingSink sink, java.util.function.Predicate<Event> p) {
        for (int i = 0; i < sink.events.size(); i++) {
            if (p.test(sink.events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void forksBoundConcurrentHostTasks() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1", "h2", "h3", "h4", "h5", "h6");
        f.step("s", "sh", Map.of("cmd", "touch " + d() + "/run.{{ inventory_hostname }}; ls " + d()
                + " | grep -c '^run\\.' >> " + d() + "/counts; sleep 0.4; rm " + d() + "/run.{{ inventory_hostname }}"));
        RecordingSink sink = new RecordingSink();
        RunResult r = executor(RunOptions.defaults("t").withForks(2), sink).run(f.plan());
        assertEquals(RunResult.Status.OK, r.status());
        int max = lines("counts").stream().mapToInt(s -> Integer.parseInt(s.strip())).max().orElseThrow();
        assertEquals(6, lines("counts").size());
        assertEquals(2, max, "at most --forks hosts run at once, and they do run in parallel");
    }

    @Test
    void serialBatchesRollOneAfterAnother() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1", "h2", "h3", "h4");
        f.step("roll", "sh", Map.of("cmd", "echo start {{ host }} >> " + d() + "/log; sleep 0.2; echo end {{ host }} >> " + d() + "/log"))
                .serial(2);
        RunResult r = run(f.plan(), new RecordingSink());
        assertEquals(RunResult.Status.OK, r.status());
        List<String> log = lines("log");
        int lastEndOfFirst = Math.max(log.indexOf("end h1"), log.indexOf("end h2"));
        int firstStartOfSecond = Math.min(log.indexOf("start h3"), log.indexOf("start h4"));
        assertTrue(lastEndOfFirst >= 0 && lastEndOfFirst < firstStartOfSecond, "batches overlapped: " + log);
    }

    @Test
    void failedBatchStopsTheRoll() {
        PlanFixture f = new PlanFixture().hosts("h1", "h2", "h3");
        f.step("roll", "sh", Map.of("cmd", "test {{ host }} != h2")).serial(1);
        RecordingSink sink = new RecordingSink();
        RunResult r = run(f.plan(), sink);
        assertEquals(RunResult.Status.FAILED, r.status());
        assertEquals("changed", sink.status("roll", "h1"));
        assertEquals("failed", sink.status("roll", "h2"));
        assertEquals("skipped", sink.status("roll", "h3"));
        assertTrue(sink.result("roll", "h3").orElseThrow().message().contains("earlier batch failed on h2"));
    }

    @Test
    void runOnceRunsOnFirstHostAndRegistersForAll() {
        PlanFixture f = new PlanFixture().hosts("h1", "h2", "h3");
        f.step("once", "echo", Map.of("msg", "from {{ inventory_hostname }}")).runOnce().register("r");
        f.step("use", "echo", Map.of("msg", "{{ r.msg }}")).needs("once");
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        assertEquals(1, sink.finished().stream().filter(e -> e.step().equals("once")).count());
        for (String h : List.of("h1", "h2", "h3")) {
            assertEquals("from h1", sink.result("use", h).orElseThrow().message());
        }
    }

    @Test
    void whenSkipsPerHostAndArgsAreTypedFromTemplates() {
        PlanFixture f = new PlanFixture().hosts("h1", "h2");
        f.step("only-h1", "echo", Map.of("msg", "hi", "n", "{{ num }}", "d", "15m", "flag", "true"))
                .when("hv == 'hostvar-h1'").register("e");
        RecordingSink sink = new RecordingSink();
        run(f.plan(Map.of("num", "5")), sink);
        Event.HostFinished h1 = sink.result("only-h1", "h1").orElseThrow();
        assertEquals("ok", h1.status());
        assertEquals(5L, ((Number) h1.registered().get("n")).longValue());
        assertEquals(Duration.ofMinutes(15), h1.registered().get("d"));
        assertEquals(true, h1.registered().get("flag"));
        assertEquals("skipped", sink.status("only-h1", "h2"));
        assertTrue(sink.result("only-h1", "h2").orElseThrow().message().contains("condition false"));
    }

    @Test
    void badArgumentTypeFailsTheHostWithLocatedMessage() {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("bad", "echo", Map.of("n", "five"));
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        Event.HostFinished r = sink.result("bad", "h1").orElseThrow();
        assertEquals("failed", r.status());
        assertTrue(r.message().startsWith("rb.yml:1:1: argument 'n' of module 'echo': expected a whole number"), r.message());
    }

    @Test
    void untilRetriesUntilConditionHolds() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1");
        String counter = d() + "/n";
        f.step("poll", "sh", Map.of("cmd", "n=$(cat " + counter + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + counter + "; echo $n"))
                .register("c").retries(5, "c.stdout == '3'", Duration.ofMillis(10));
        f.step("after", "echo", Map.of("msg", "{{ c.stdout }}")).needs("poll");
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        assertEquals("changed", sink.status("poll", "h1"));
        assertEquals(List.of("3"), lines("n"));
        assertEquals("3", sink.result("after", "h1").orElseThrow().message());
        assertTrue(sink.events.stream().anyMatch(e -> e instanceof Event.Progress p && p.message().contains("attempt 1 of 6")));
    }

    @Test
    void untilNeverTrueFailsAfterRetries() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("poll", "sh", Map.of("cmd", "echo x >> " + d() + "/tries; echo no")).register("c")
                .retries(2, "c.stdout == 'yes'", Duration.ofMillis(10));
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        Event.HostFinished r = sink.result("poll", "h1").orElseThrow();
        assertEquals("failed", r.status());
        assertTrue(r.message().startsWith("condition 'c.stdout == 'yes'' still false after 3 attempts"), r.message());
        assertEquals(3, lines("tries").size());
    }

    @Test
    void retriesWithoutUntilRetryFailures() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("flaky", "sh", Map.of("cmd", "echo x >> " + d() + "/tries; test $(wc -l < " + d() + "/tries) -ge 3"))
                .retries(4, null, Duration.ofMillis(10));
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        assertEquals("changed", sink.status("flaky", "h1"));
        assertEquals(3, lines("tries").size());
    }

    @Test
    void timeoutKillsTheCommandAndFailsTheHost() throws Exception {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("slow", "sh", Map.of("cmd", "sleep 2; touch " + d() + "/late")).timeout(Duration.ofMillis(300));
        RecordingSink sink = new RecordingSink();
        RunResult r = run(f.plan(), sink);
        Event.HostFinished res = sink.result("slow", "h1").orElseThrow();
        assertEquals("failed", res.status());
        assertEquals("timed out after 300ms", res.message());
        assertEquals(RunResult.Status.FAILED, r.status());
        Thread.sleep(2500);
        assertFalse(Files.exists(dir.resolve("late")), "the timed-out command kept running");
    }

    @Test
    void ignoredFailureLetsDependentsRunAndTheRunSucceed() {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("may-fail", "sh", Map.of("cmd", "echo oops >&2; exit 3")).ignoreErrors().register("m");
        f.step("next", "echo", Map.of("msg", "rc={{ m.rc }}")).needs("may-fail");
        RecordingSink sink = new RecordingSink();
        RunResult r = run(f.plan(), sink);
        Event.HostFinished mf = sink.result("may-fail", "h1").orElseThrow();
        assertEquals("failed", mf.status());
        assertTrue(mf.ignored());
        assertEquals("oops", mf.stderrTail());
        assertEquals("rc=3", sink.result("next", "h1").orElseThrow().message());
        assertEquals(RunResult.Status.OK, r.status());
    }

    @Test
    void failedHostSkipsItsDependentsWhileOtherHostsContinue() {
        PlanFixture f = new PlanFixture().hosts("h1", "h2");
        f.step("s1", "sh", Map.of("cmd", "test {{ host }} != h1"));
        f.step("s2", "echo", Map.of()).needs("s1");
        f.step("other", "echo", Map.of());
        RecordingSink sink = new RecordingSink();
        RunResult r = run(f.plan(), sink);
        assertEquals("failed", sink.status("s1", "h1"));
        assertEquals("skipped", sink.status("s2", "h1"));
        assertEquals("skipped: needed step 's1' failed on this host", sink.result("s2", "h1").orElseThrow().message());
        assertTrue(sink.result("s2", "h1").orElseThrow().blocking());
        assertEquals("ok", sink.status("s2", "h2"));
        assertEquals("ok", sink.status("other", "h1"));
        assertEquals(RunResult.Status.FAILED, r.status());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.recap().get("h1").get("failed"));
        assertEquals(1, r.recap().get("h1").get("skipped"));
    }

    @Test
    void stepWhoseNeedFailedOnEveryHostIsSkipped() {
        PlanFixture f = new PlanFixture().hosts("db", "app");
        f.step("backup", "sh", Map.of("cmd", "exit 1")).on("db");
        f.step("upgrade", "echo", Map.of()).on("app").needs("backup");
        RecordingSink sink = new RecordingSink();
        run(f.plan(), sink);
        assertEquals("skipped: needed step 'backup' failed on every host", sink.result("upgrade", "app").orElseThrow().message());
    }

    @Test
    void maxFailAbortsBeforeNewSteps() {
        PlanFixture f = new PlanFixture().hosts("h1", "h2", "h3", "h4");
        f.step("s1", "sh", Map.of("cmd", "case {{ host }} in h1|h2) exit 1;; esac"));
        f.step("s2", "echo", Map.of()).needs("s1");
        RecordingSink sink = new RecordingSink();
        RunResult r = executor(RunOptions.defaults("t").withMaxFail(MaxFail.parse("1")), sink).run(f.plan());
        assertEquals(RunResult.Status.ABORTED, r.status());
        assertEquals("not run", sink.status("s2", "h3"));
        assertEquals("aborted", sink.runFinished().status());

        RecordingSink sink2 = new RecordingSink();
        RunResult r2 = executor(RunOptions.defaults("t").withMaxFail(MaxFail.parse("50%")), sink2).run(f.plan());
        assertEquals(RunResult.Status.FAILED, r2.status(), "2 of 4 is not more than 50%");
        assertEquals("ok", sink2.status("s2", "h3"));
    }

    @Test
    void unreachableOnlyGivesExitCodeThree() {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("s", "sh", Map.of("cmd", "true"));
        RecordingSink sink = new RecordingSink();
        TransportProvider down = host -> {
            throw new dev.runbook.engine.transport.TransportException("cannot connect to " + host.name() + ": connection refused", true);
        };
        RunResult r = new Executor(TestModules.registry(), new TestTemplates(), down, q -> true, sink, UnaryOperator.identity(),
                RunOptions.defaults("t")).run(f.plan());
        assertEquals("unreachable", sink.status("s", "h1"));
        assertEquals(3, r.exitCode());
    }
}
