package dev.runbook.engine.plan;

import dev.runbook.engine.model.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.engine.git.Provenance;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.source.SourcePos;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.runbook.engine.plan.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class PlanRenderersTest {

    private static final ModuleRegistry MODULES = new ModuleRegistry(List.of(
            new TestModule("command", "runs a command", ArgSpec.of(Arg.required("cmd", ArgType.STRING, "command line"))),
            new TestModule("pg", "database", ArgSpec.of(Arg.required("db", ArgType.STRING, "database"),
                    Arg.required("password", ArgType.STRING, "login password").asSecret()))));

    private static final Provenance GIT = new Provenance(Path.of("/repo"), "a1c9e0f5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1", null, false, List.of());

    private Plan plan() throws Exception {
        Map<String, Object> maint = new LinkedHashMap<>();
        maint.put("cmd", "maintenance on");
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("db", "nocobase");
        pg.put("password", "hunter2");
        Runbook rb = new Runbook("upgrade", "d", Path.of("runbooks/upgrade.yml"),
                Map.of("db_password", new VarDecl("db_password", ArgType.STRING, null, true, true, "pw", SourcePos.UNKNOWN)),
                List.of(
                        named(step("maint", "lb"), "LB to maintenance", call("command", maint),
                                call("command", Map.of("cmd", "maintenance off")), Duration.ofMinutes(15), 0),
                        step("stop", "app", "maint"),
                        named(step("backup", "db", "maint"), null,
                                call("pg", pg), null, null, 3),
                        tags(step("notify", "lb", "backup"), "chat"),
                        serial(step("start", "app", "stop", "notify"), Serial.count(1)),
                        runOnce(step("migrate", "app", "start"))),
                List.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("version", "1.7.14");
        extra.put("db_password", "hunter2");
        return planner().plan(rb, inventory(), extra, new PlanOptions(null, Set.of(), Set.of("chat")));
    }

    @Test
    void textShowsEveryStepWithHostsParallelBatchesAndTheUndoChain() throws Exception {
        String text = new PlanTextRenderer(new ArgSummary(MODULES), false).render(plan(), GIT);
        assertEquals("""
                runbook upgrade (runbooks/upgrade.yml) · a1c9e0f (clean) · inventory test: lb1, app1..app3, db1
                extra vars: version=1.7.14, db_password=***
                  1 maint    lb1         LB to maintenance · command cmd="maintenance on"  ≤ 15m · undo: command cmd="maintenance off"
                  2 stop     app1..app3  command cmd="echo stop"                           parallel with 3
                  3 backup   db1         pg db=nocobase password=***                       parallel with 2 · retries 3
                  4 start    app1..app3  command cmd="echo start"                          serial 1: app1 | app2 | app3 · needs notify (not planned)
                  5 migrate  app1..app3  command cmd="echo migrate"                        once on app1
                undo chain (when a later step fails, on the hosts where the step completed, in this order):
                  1 maint    lb1         command cmd="maintenance off"
                not planned (tag selection): notify
                  steps that need them still run, after what those steps needed
                """, text);
        assertFalse(text.contains("hunter2"));
    }

    @Test
    void colourIsOnlyUsedWhenAsked() throws Exception {
        assertTrue(new PlanTextRenderer(new ArgSummary(MODULES), true).render(plan(), GIT).contains("\u001b[1m"));
        assertFalse(new PlanTextRenderer(new ArgSummary(MODULES), false).render(plan(), null).contains("\u001b"));
    }

    @Test
    void jsonIsStableAndMasksSecrets() throws Exception {
        String json = new PlanJsonRenderer(new ArgSummary(MODULES)).render(plan(), GIT);
        assertFalse(json.contains("hunter2"), json);
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(1, root.get("format_version").asInt());
        assertEquals("a1c9e0f5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1", root.at("/runbook/git/commit").asText());
        assertTrue(root.at("/runbook/git/clean").asBoolean());
        assertEquals("***", root.at("/extra_vars/db_password").asText());
        JsonNode start = root.at("/steps/3");
        assertEquals("start", start.get("id").asText());
        assertEquals(3, start.get("wave").asInt());
        assertEquals("[\"stop\",\"backup\"]", start.get("needs").toString(), "needs of the dropped step passed on");
        assertEquals("[[\"app1\"],[\"app2\"],[\"app3\"]]", start.get("batches").toString());
        assertEquals("1", start.get("serial").asText());
        assertEquals("***", root.at("/steps/2/call/args/password").asText());
        assertEquals("15m", root.at("/steps/0/timeout").asText());
        assertEquals("maintenance off", root.at("/steps/0/undo/0/args/cmd").asText());
        assertEquals("[\"maint\"]", root.get("undo_chain").toString());
        assertEquals("[\"notify\"]", root.get("not_planned").toString());
        assertEquals(json, new PlanJsonRenderer(new ArgSummary(MODULES)).render(plan(), GIT), "same plan, same bytes");
    }

    @Test
    void dotHasNeedsEdgesAndWavesAsRanks() throws Exception {
        String dot = new PlanDotRenderer().render(plan());
        assertEquals("""
                digraph "upgrade" {
                  rankdir=TB;
                  node [shape=box, fontname="monospace"];
                  "maint" [label="1 maint\\nlb1\\ncommand (undo: command)", style=bold];
                  "stop" [label="2 stop\\napp1..app3\\ncommand"];
                  "backup" [label="3 backup\\ndb1\\npg"];
                  "start" [label="4 start\\napp1..app3\\ncommand"];
                  "migrate" [label="5 migrate\\napp1..app3\\ncommand"];
                  { rank=same; "stop"; "backup"; }
                  "maint" -> "stop";
                  "maint" -> "backup";
                  "stop" -> "start";
                  "backup" -> "start";
                  "start" -> "migrate";
                }
                """, dot);
    }

    @Test
    void hostRangesCompactConsecutiveNumbers() {
        assertEquals(List.of("app1..app3", "db1"), HostRanges.ranges(List.of("app1", "app2", "app3", "db1")));
        assertEquals(List.of("app2", "app3"), HostRanges.ranges(List.of("app2", "app3")));
        assertEquals(List.of("h09..h11", "web"), HostRanges.ranges(List.of("h09", "h10", "h11", "web")));
        assertEquals("h1..h3,x,+2 more", HostRanges.compact(List.of("h1", "h2", "h3", "x", "y", "z"), ",", 9));
    }

    @Test
    void durationsUseTheRunbookSpelling() {
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("2s", Durations.format(Duration.ofSeconds(2)));
    }

}
