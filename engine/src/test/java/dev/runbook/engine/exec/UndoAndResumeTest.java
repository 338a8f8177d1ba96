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
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UndoAndResumeTest {

    @TempDir
    Path dir;

    private String d() {
        return dir.toString();
    }

    private List<String> lines(String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    /**
     * s1 completes on h1 and h2; s2 completes on h2 only (a condition skips h1); s3 fails on h2;
     * s4 (needs s3) never runs.
     */
    private Plan failingPlan(boolean failingUndo) {
        PlanFixture f = new PlanFixture().hosts("h1", "h2");
        f.step("s1", "sh", Map.of("cmd", "true")).undo("sh", Map.of("cmd", "echo u1 {{ host }} >> " + d() + "/undo"));
        f.step("s2", "sh", Map.of("cmd", "echo v-{{ host }}")).needs("s1").when("host == 'h2'").register("r2")
                .undo("sh", Map.of("cmd", (failingUndo ? "echo broken >&2; exit 4; " : "") + "echo u2 {{ host }} {{ r2.stdout }} >> " + d() + "/undo"));
        f.step("s3", "sh", Map.of("cmd", "test {{ host }} != h2")).needs("s2").on("h2");
        f.step("s4", "sh", Map.of("cmd", "true")).needs("s3").undo("sh", Map.of("cmd", "echo u4 >> " + d() + "/undo"));
        return f.plan();
    }

    @Test
    void undoRunsInReverseCompletionOrderOnTheHostsWhereStepsCompleted() throws IOException {
        RecordingSink sink = new RecordingSink();
        RunResult r = ExecutorTest.executor(RunOptions.defaults("t"), sink).run(failingPlan(false));
        assertEquals(RunResult.Status.FAILED, r.status());
        assertEquals(RunResult.Rollback.COMPLETE, r.rollback());
        assertEquals("failed, rolled back", sink.runFinished().message());
        List<String> undo = lines("undo");
        // s2 completed last (on h2 only), with its registered stdout available to the undo.
        assertEquals("u2 h2 v-h2", undo.get(0));
        List<String> s1Order = sink.finished().stream().filter(e -> e.step().equals("s1")).map(Event.HostFinished::host).toList();
        assertEquals(List.of("u1 " + s1Order.get(1), "u1 " + s1Order.get(0)), undo.subList(1, 3));
        assertEquals(3, undo.size(), "s4 never completed and s2 never ran on h1: " + undo);
        assertEquals("not run", sink.status("s4", "h1"));
        assertTrue(sink.events.stream().anyMatch(e -> e instanceof Event.UndoFinished u && u.complete() && u.succeeded() == 3));
    }

    @Test
    void failedUndoDoesNotStopTheChainAndIsReported() throws IOException {
        RecordingSink sink = new RecordingSink();
        RunResult r = ExecutorTest.executor(RunOptions.defaults("t"), sink).run(failingPlan(true));
        assertEquals(RunResult.Rollback.INCOMPLETE, r.rollback());
        assertEquals("failed, rollback incomplete", sink.runFinished().message());
        Event.UndoHostFinished first = sink.undos().get(0);
        assertEquals("s2", first.step());
        assertEquals("failed", first.status());
        assertEquals("broken", first.stderrTail());
        assertEquals(2, lines("undo").size(), "both undos of s1 still ran");
    }

    @Test
    void noUndoLeavesChangesAndSaysSo() throws IOException {
        RecordingSink sink = new RecordingSink();
        RunResult r = ExecutorTest.executor(RunOptions.defaults("t").withUndo(false), sink).run(failingPlan(false));
        assertEquals(RunResult.Status.FAILED, r.status());
        assertEquals(RunResult.Rollback.DISABLED, r.rollback());
        assertEquals(List.of(), lines("undo"));
        assertTrue(sink.undos().isEmpty());
    }

    @Test
    void priorResultsAreReplayedNotRerun() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1", "h2");
        f.step("s1", "sh", Map.of("cmd", "echo {{ host }} >> " + d() + "/ran; echo fresh-{{ host }}")).register("r")
                .undo("sh", Map.of("cmd", "echo undo-{{ host }} {{ r.stdout }} >> " + d() + "/undo"));
        f.step("s2", "echo", Map.of("msg", "{{ r.stdout }} {{ tag }}")).needs("s1");
        f.step("s3", "sh", Map.of("cmd", "exit 1")).needs("s2").on("h2");
        Map<String, Object> prevResult = Map.of("status", "changed", "changed", true, "failed", false, "msg", "ran",
                "stdout", "previous-h1", "facts", Map.of("tag", "from-before"));
        PriorResults prior = new PriorResults(List.of(new PriorResults.Prior("s1", "h1", "changed", "ran", prevResult, false),
                // a blocking prior result is run again
                new PriorResults.Prior("s1", "h2", "failed", "boom", Map.of(), true)));
        RecordingSink sink = new RecordingSink();
        RunResult r = ExecutorTest.executor(RunOptions.defaults("t"), sink).run(f.plan(Map.of()), prior);
        assertEquals(List.of("h2"), lines("ran"));
        assertTrue(sink.result("s1", "h1").orElseThrow().replayed());
        assertFalse(sink.result("s1", "h2").orElseThrow().replayed());
        assertEquals("previous-h1 from-before", sink.result("s2", "h1").orElseThrow().message());
        // s3 fails: the undo chain includes the replayed completion, which came first, so it is undone last.
        assertEquals(RunResult.Rollback.COMPLETE, r.rollback());
        assertEquals(List.of("undo-h2 fresh-h2", "undo-h1 previous-h1"), lines("undo"));
    }

    @Test
    void priorResultsRoundTripThroughEvents() {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("s1", "echo", Map.of("msg", "one")).register("r");
        RecordingSink first = new RecordingSink();
        ExecutorTest.executor(RunOptions.defaults("t"), first).run(f.plan());
        PriorResults prior = PriorResults.fromEvents(first.events);
        assertEquals(1, prior.results().size());
        RecordingSink second = new RecordingSink();
        ExecutorTest.executor(RunOptions.defaults("t"), second).run(f.plan(), prior);
        assertTrue(second.result("s1", "h1").orElseThrow().replayed());
        assertEquals("one", second.result("s1", "h1").orElseThrow().message());
    }

    /** Cancels the run (from another thread, as the signal handler does) once a host has started. */
    private static EventSink cancelOnStart(RecordingSink sink, Executor[] holder, int times) {
        return e -> {
            sink.accept(e);
            if (e instanceof Event.HostStarted) {
                CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < times; i++) {
                        holder[0].cancel();
                    }
                });
            }
        };
    }

    @Test
    void cancelLetsRunningCommandsFinishWithinGraceAndStartsNothingNew() throws IOException {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("s1", "sh", Map.of("cmd", "sleep 0.5; touch " + d() + "/done")).undo("sh", Map.of("cmd", "touch " + d() + "/undone"));
        f.step("s2", "sh", Map.of("cmd", "touch " + d() + "/s2")).needs("s1");
        RecordingSink sink = new RecordingSink();
        Executor[] holder = new Executor[1];
        holder[0] = ExecutorTest.executor(RunOptions.defaults("t").withGrace(Duration.ofSeconds(20)), cancelOnStart(sink, holder, 1));
        RunResult r = holder[0].run(f.plan());
        assertEquals(RunResult.Status.INTERRUPTED, r.status());
        assertEquals(130, r.exitCode());
        assertEquals("changed", sink.status("s1", "h1"));
        assertTrue(Files.exists(dir.resolve("done")));
        assertFalse(Files.exists(dir.resolve("s2")));
        assertFalse(Files.exists(dir.resolve("undone")), "undo does not run on interrupt unless configured");
        assertEquals("interrupted", sink.runFinished().status());
    }

    @Test
    void secondCancelKillsRunningCommands() throws Exception {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("s1", "sh", Map.of("cmd", "sleep 2; touch " + d() + "/late"));
        RecordingSink sink = new RecordingSink();
        Executor[] holder = new Executor[1];
        holder[0] = ExecutorTest.executor(RunOptions.defaults("t").withGrace(Duration.ofSeconds(20)), cancelOnStart(sink, holder, 2));
        RunResult r = holder[0].run(f.plan());
        assertEquals(RunResult.Status.INTERRUPTED, r.status());
        assertEquals("interrupted: command killed", sink.result("s1", "h1").orElseThrow().message());
        assertTrue(sink.events.stream().anyMatch(e -> e instanceof Event.Interrupted i && i.forced()));
        Thread.sleep(2500);
        assertFalse(Files.exists(dir.resolve("late")));
    }

    @Test
    void graceExpiryKillsRunningCommandsAndUndoOnInterruptIsOptional() throws Exception {
        PlanFixture f = new PlanFixture().hosts("h1");
        f.step("s0", "sh", Map.of("cmd", "true")).undo("sh", Map.of("cmd", "touch " + d() + "/undone"));
        f.step("s1", "sh", Map.of("cmd", "sleep 2; touch " + d() + "/late")).needs("s0");
        RecordingSink sink = new RecordingSink();
        Executor[] holder = new Executor[1];
        EventSink cancelOnS1 = e -> {
            sink.accept(e);
            if (e instanceof Event.HostStarted hs && hs.step().equals("s1")) {
                CompletableFuture.runAsync(() -> holder[0].cancel());
            }
        };
        holder[0] = ExecutorTest.executor(RunOptions.defaults("t").withGrace(Duration.ofMillis(200)).withUndoOnInterrupt(true), cancelOnS1);
        RunResult r = holder[0].run(f.plan());
        assertEquals(RunResult.Status.INTERRUPTED, r.status());
        assertEquals("failed", sink.status("s1", "h1"));
        assertTrue(Files.exists(dir.resolve("undone")));
        assertEquals(RunResult.Rollback.COMPLETE, r.rollback());
        Thread.sleep(2500);
        assertFalse(Files.exists(dir.resolve("late")), sink.events.toString());
    }
}
