package dev.runbook.engine.plan;

import dev.runbook.engine.model.Serial;
import dev.runbook.engine.source.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.runbook.engine.plan.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class PlannerTest {

    private final Planner planner = planner();

    private Plan plan(PlanOptions options, dev.runbook.engine.model.Step... steps) throws InvalidInputException {
        return planner.plan(runbook(steps), inventory(), Map.of(), options);
    }

    @Test
    void ordersByNeedsAndKeepsFileOrderAmongReadySteps() throws Exception {
        Plan plan = plan(PlanOptions.ALL,
                step("start", "app", "stop", "backup"),
                step("stop", "app"),
                step("backup", "db", "stop"),
                step("notify", "lb"));
        assertEquals(List.of("stop", "backup", "start", "notify"), ids(plan));
        assertEquals(List.of(1, 2, 3, 4), plan.steps().stream().map(PlannedStep::index).toList());
    }

    @Test
    void independentBranchesShareAWave() throws Exception {
        Plan plan = plan(PlanOptions.ALL,
                step("maint", "lb"),
                step("stop", "app", "maint"),
                step("backup", "db", "maint"),
                step("upgrade", "app", "stop", "backup"),
                step("lonely", "db"));
        assertEquals(1, plan.step("maint").wave());
        assertEquals(2, plan.step("stop").wave());
        assertEquals(2, plan.step("backup").wave());
        assertEquals(3, plan.step("upgrade").wave());
        assertEquals(1, plan.step("lonely").wave(), "a step without needs may run from the start");
    }

    @Test
    void stepHostsAreResolvedInInventoryOrder() throws Exception {
        Plan plan = plan(PlanOptions.ALL, step("a", "db1,app3,lb"));
        assertEquals(List.of("lb1", "app3", "db1"), plan.step("a").hosts());
        assertEquals(List.of(List.of("lb1", "app3", "db1")), plan.step("a").batches());
    }

    @Test
    void serialCountSplitsHostsIntoBatches() throws Exception {
        Plan plan = plan(PlanOptions.ALL, serial(step("roll", "app"), Serial.count(2)));
        assertEquals(List.of(List.of("app1", "app2"), List.of("app3")), plan.step("roll").batches());
    }

    @Test
    void serialPercentRoundsDownButTakesAtLeastOneHost() throws Exception {
        Plan thirty = plan(PlanOptions.ALL, serial(step("roll", "all"), Serial.percent(30)));
        // 30% of 5 hosts = 1.5 → batches of one host
        assertEquals(5, thirty.step("roll").batches().size());
        Plan half = plan(PlanOptions.ALL, serial(step("roll", "all"), Serial.percent(50)));
        assertEquals(List.of(List.of("lb1", "app1"), List.of("app2", "app3"), List.of("db1")),
                half.step("roll").batches());
        Plan tiny = plan(PlanOptions.ALL, serial(step("roll", "app"), Serial.percent(10)));
        assertEquals(3, tiny.step("roll").batches().size());
    }

    @Test
    void runOnceRunsOnTheFirstHostButKeepsAllHosts() throws Exception {
        Plan plan = plan(PlanOptions.ALL, runOnce(step("migrate", "app")));
        assertEquals(List.of("app1", "app2", "app3"), plan.step("migrate").hosts());
        assertEquals(List.of(List.of("app1")), plan.step("migrate").batches());
    }

    @Test
    void limitIntersectsEveryStepsHosts() throws Exception {
        Plan plan = plan(new PlanOptions("app2,db", Set.of(), Set.of()),
                step("a", "app"), step("b", "lb"), runOnce(step("c", "app", "a")));
        assertEquals(List.of("app2"), plan.step("a").hosts());
        assertEquals(List.of(), plan.step("b").hosts(), "a step left without hosts stays in the plan, empty");
        assertEquals(List.of(), plan.step("b").batches());
        assertEquals(List.of(List.of("app2")), plan.step("c").batches());
    }

    @Test
    void limitMatchingNoHostIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(
                new PlanOptions("app:&db", Set.of(), Set.of()), step("a", "app")));
        assertTrue(e.getMessage().contains("--limit"), e.getMessage());
    }

    @Test
    void tagsDropStepsButKeepTheOrderThroughThem() throws Exception {
        Plan plan = plan(new PlanOptions(null, Set.of("app"), Set.of()),
                tags(step("backup", "db"), "db"),
                tags(step("check", "db", "backup"), "db"),
                tags(step("upgrade", "app", "check"), "app"),
                tags(step("announce", "lb"), "always"),
                tags(step("other", "lb"), "lb"));
        assertEquals(List.of("upgrade", "announce"), ids(plan));
        assertEquals(List.of(), plan.step("upgrade").step().needs(), "needs point at planned steps only");
        assertEquals(List.of("check"), plan.runbook().steps().get(2).needs(), "the runbook keeps its needs");
    }

    @Test
    void droppedStepPassesItsNeedsOn() throws Exception {
        Plan plan = plan(new PlanOptions(null, Set.of(), Set.of("slow")),
                step("a", "app"),
                tags(step("b", "app", "a"), "slow"),
                step("c", "app", "b"));
        assertEquals(List.of("a", "c"), ids(plan));
        assertEquals(List.of("a"), plan.step("c").step().needs());
        assertEquals(2, plan.step("c").wave());
    }

    @Test
    void skipTagsWinsOverTagsAndAlways() throws Exception {
        Plan plan = plan(new PlanOptions(null, Set.of("x"), Set.of("always")),
                tags(step("a", "app"), "x", "always"), tags(step("b", "app"), "always"));
        assertEquals(List.of(), ids(plan));
    }

    @Test
    void unknownTagIsReportedWithTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(
                new PlanOptions(null, Set.of("dbb"), Set.of()), tags(step("a", "db"), "db")));
        assertEquals("--tags: no step has the tag 'dbb' (tags in this runbook: db)", e.problems().get(0).toString());
    }

    @Test
    void cycleIsReportedNotLoopedOn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(PlanOptions.ALL,
                step("a", "app"), at(step("b", "app", "d"), 7), step("c", "app", "b"), step("d", "app", "c", "a")));
        assertEquals("rb.yml:7:5: needs form a cycle: b → d → c → b (remove one of these needs)",
                e.problems().get(0).toString());
    }

    @Test
    void unknownNeedIsLocated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(PlanOptions.ALL,
                at(step("a", "app", "nope"), 4)));
        assertTrue(e.problems().get(0).toString().startsWith("rb.yml:4:5: step 'a' needs unknown step 'nope'"));
    }

    @Test
    void templatedPatternUsesExtraVarsAndAllGroupVars() throws Exception {
        Plan plan = planner.plan(runbook(step("a", "{{ target }}"), step("b", "{{ lb_group }}")), inventory(),
                Map.of("target", "db"), PlanOptions.ALL);
        assertEquals(List.of("db1"), plan.step("a").hosts());
        assertEquals(List.of("lb1"), plan.step("b").hosts());
    }

    @Test
    void everyUnresolvablePatternIsReported() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(PlanOptions.ALL,
                step("a", "{{ missing }}"), step("b", "nosuchgroup"), step("c", "app")));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("hosts of step 'a': ") && e.problems().get(0).message().contains("missing"), e.getMessage());
        assertTrue(e.problems().get(1).message().contains("nosuchgroup"));
    }

    @Test
    void largeChainPlansWithoutRecursionTrouble() throws Exception {
        dev.runbook.engine.model.Step[] steps = new dev.runbook.engine.model.Step[5000];
        steps[0] = step("s0", "app");
        for (int i = 1; i < steps.length; i++) {
            steps[i] = step("s" + i, "app", "s" + (i - 1));
        }
        Plan plan = plan(PlanOptions.ALL, steps);
        assertEquals(5000, plan.step("s4999").wave());
    }
}
