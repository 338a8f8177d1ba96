package dev.runbook.engine.load;

import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.testing.FakeModules;
import dev.runbook.engine.transport.Become;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunbookLoaderTest {

    static final Path DIR = Path.of("src/test/resources/runbooks");

    private final RunbookLoader loader = new RunbookLoader(FakeModules.registry());

    static List<String> problems(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RunbookLoader(FakeModules.registry()).load(file));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void loadsStepsWithEveryFieldAndExpandsNestedIncludes() throws Exception {
        Runbook rb = loader.load(DIR.resolve("good/upgrade.yml"));
        assertEquals("upgrade", rb.name());
        assertEquals("Offline upgrade", rb.description());
        assertEquals(List.of("backup", "stop", "wait.ping", "wait.check.get", "wait.check.verify", "wait.after", "done"),
                rb.steps().stream().map(Step::id).toList());
        Step stop = rb.steps().get(1);
        assertEquals("Stop the app", stop.title());
        assertEquals("command", stop.call().module());
        assertEquals(Map.of("cmd", "service app stop"), stop.call().args());
        assertEquals(Serial.percent(50), stop.serial());
        assertEquals(new Become("deploy"), stop.become());
        assertEquals(Duration.ofMinutes(90), stop.timeout());
        assertEquals(Duration.ofMillis(500), stop.delay());
        assertEquals(2, stop.retries());
        assertEquals("true", stop.until());
        assertEquals("version != '0'", stop.when());
        assertEquals(Set.of("upgrade"), stop.tags());
        assertFalse(stop.runOnce());
        assertTrue(stop.ignoreErrors());
        assertEquals(Map.of("cmd", "service app start"), stop.undo().args());
        assertEquals(DIR.resolve("good/upgrade.yml") + ":14:5", stop.call().pos().toString());
        assertEquals(DIR.resolve("good/upgrade.yml") + ":14:16", stop.call().posOf("cmd").toString());
        // an include's root steps inherit its needs; nested includes pass them down
        assertEquals(List.of("stop"), step(rb, "wait.ping").needs());
        assertEquals(List.of("stop"), step(rb, "wait.check.get").needs());
        assertEquals(List.of("wait.check.get"), step(rb, "wait.check.verify").needs());
        // needing an include means needing every step of it
        assertEquals(List.of("wait.ping", "wait.check.get", "wait.check.verify"), step(rb, "wait.after").needs());
        assertEquals(List.of("wait.ping", "wait.check.get", "wait.check.verify", "wait.after"), step(rb, "done").needs());
        // include vars reach every included step, nested ones too
        assertEquals(Map.of("node", "app1", "url", "http://{{ node }}"), step(rb, "wait.check.get").vars());
        assertEquals(Become.ROOT, step(rb, "wait.check.verify").become());
        assertEquals(Serial.count(2), step(rb, "wait.check.verify").serial());
        assertEquals(DIR.resolve("good/common/nested/check.yml") + ":2:5", step(rb, "wait.check.get").pos().toString());
        // included declarations join the runbook's; a var the include passes is no longer required
        assertEquals(List.of("version", "health_timeout", "node", "port"), List.copyOf(rb.vars().keySet()));
        assertTrue(rb.vars().get("version").required());
        assertFalse(rb.vars().get("node").required());
        assertEquals(13000L, rb.vars().get("port").defaultValue());
        assertEquals(ArgType.DURATION, rb.vars().get("health_timeout").type());
        assertEquals(List.of(DIR.resolve("good/upgrade.yml"), DIR.resolve("good/common/wait.yml"),
                DIR.resolve("good/common/nested/check.yml")), rb.sources());
    }

    private static Step step(Runbook rb, String id) {
        return rb.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void unknownKeysAndModulesWithSuggestions() {
        String f = DIR.resolve("invalid/unknown-keys.yml").toString();
        assertEquals(List.of(
                f + ":2:1: unknown key 'descripton' in the runbook (did you mean 'description'?)",
                f + ":4:5: step 'a' has no hosts (add 'hosts: <pattern>', e.g. 'hosts: all')",
                f + ":5:5: unknown key or module 'hots' in step 'a' (did you mean 'hosts'?)",
                f + ":9:5: unknown key or module 'comand' in step 'b' (did you mean 'command'?)",
                f + ":13:5: step 'c' names two modules, 'command' and 'debug' (a step runs exactly one module; split it into two steps)",
                f + ":14:5: step 'd' names no module (add one key naming a module, e.g. 'command:')"),
                problems(DIR.resolve("invalid/unknown-keys.yml")));
    }

    @Test
    void wrongTypesOfStepFields() {
        String f = DIR.resolve("invalid/types.yml").toString();
        assertEquals(List.of(
                f + ":5:14: retries must be an integer, not 'many'",
                f + ":6:15: run_once must be true or false, not 'yes'",
                f + ":7:12: delay must be a duration such as 500ms, 30s, 15m, 1h30m, or a number of seconds, not '5x'",
                f + ":8:13: serial must be a batch size of at least 1 or a percentage such as \"30%\", not '150%'",
                f + ":9:13: become must be true, false or a user name, not 3",
                f + ":10:14: timeout must be longer than 0",
                f + ":11:16: tags item must be a non-empty string, not a list",
                f + ":12:15: register name '9lives' is not a valid variable name (use letters, digits and '_', not starting with a digit)",
                f + ":15:12: hosts must be a non-empty string, not a list"),
                problems(DIR.resolve("invalid/types.yml")));
    }

    @Test
    void moduleArgumentsAreCheckedAgainstTheArgSpec() {
        String f = DIR.resolve("invalid/args.yml").toString();
        assertEquals(List.of(
                f + ":4:5: module 'haproxy' needs argument 'state' (state: serving or maintenance)",
                f + ":4:5: module 'haproxy' needs argument 'config' (config: haproxy.cfg path)",
                f + ":4:16: module 'haproxy' has no argument 'stat' (did you mean 'state'?)",
                f + ":7:16: argument 'state' of module 'haproxy' must be one of serving, maintenance, drain, not 'servng' (did you mean 'serving'?)",
                f + ":7:51: argument 'timeout' of module 'haproxy' must be a duration such as 500ms, 30s, 15m, 1h30m, or a number of seconds, not 'soon'",
                f + ":10:17: argument 'port' of module 'wait_for' must be an integer, not 'abc'",
                // a secret argument's value is never echoed
                f + ":10:28: argument 'password' of module 'wait_for' must be a string",
                f + ":16:5: module 'command' needs one of: argv, cmd",
                f + ":19:28: module 'command' takes only one of argv, cmd, but got argv and cmd (remove all but one)",
                f + ":22:14: the arguments of module 'command' in step 'freeform' must be a map, not a string"),
                problems(DIR.resolve("invalid/args.yml")));
    }

    @Test
    void duplicateBadMissingAndUnknownIds() {
        String f = DIR.resolve("invalid/ids.yml").toString();
        assertEquals(List.of(
                f + ":5:9: duplicate step id 'start' (first used at line 2:9; ids must be unique)",
                f + ":8:9: step id 'Stop' may only use lower-case letters, digits, '-' and '_' (write 'stop')",
                f + ":11:5: step 4 has no id (add 'id: <name>' of lower-case letters, digits, '-' and '_')",
                f + ":15:13: needs unknown step id 'strat' (did you mean 'start'?)",
                f + ":15:20: needs unknown step id 'nothing' (needs names steps by id: start, Stop, check)"),
                problems(DIR.resolve("invalid/ids.yml")));
    }

    @Test
    void cyclesNameEveryStepInOrder() {
        String f = DIR.resolve("invalid/cycle.yml").toString();
        assertEquals(List.of(
                f + ":4:13: steps need each other in a cycle: a → c → b → a ('a → b' means a needs b; remove one of these needs)",
                f + ":16:13: steps need each other in a cycle: self → self ('a → b' means a needs b; remove one of these needs)"),
                problems(DIR.resolve("invalid/cycle.yml")));
    }

    @Test
    void varDeclarations() {
        String f = DIR.resolve("invalid/vars.yml").toString();
        assertEquals(List.of(
                f + ":2:14: unknown type 'strng' for var 'a' (did you mean 'string'?)",
                f + ":3:8: unknown key 'requird' in the declaration of var 'b' (did you mean 'required'?)",
                f + ":4:28: the default of var 'c' must be an integer, not 'abc'",
                f + ":7:3: '9x' is not a valid variable name (use letters, digits and '_', not starting with a digit)"),
                problems(DIR.resolve("invalid/vars.yml")));
    }

    @Test
    void missingInclude() {
        String f = DIR.resolve("invalid/missing-include.yml").toString();
        assertEquals(List.of(
                f + ":3:14: included file 'nope/missing.yml' not found (looked for " + DIR.resolve("invalid/nope/missing.yml")
                        + ") (include paths are relative to the including file's folder)",
                f + ":4:5: 'hosts' is not allowed on an include step (step 'inc') (put it on the steps of the included file)"),
                problems(DIR.resolve("invalid/missing-include.yml")));
    }

    @Test
    void recursiveIncludeNamesTheChain() {
        assertEquals(List.of(
                DIR.resolve("recursive/sub/c.yml") + ":3:14: include cycle: " + DIR.resolve("recursive/a.yml") + " → "
                        + DIR.resolve("recursive/b.yml") + " → " + DIR.resolve("recursive/sub/c.yml") + " → "
                        + DIR.resolve("recursive/a.yml") + " (a file cannot include itself, directly or through other files)"),
                problems(DIR.resolve("recursive/a.yml")));
    }

    @Test
    void yamlSyntaxError() {
        String f = DIR.resolve("invalid/syntax.yml").toString();
        assertEquals(List.of(
                f + ":5:1: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar started at line 4:21)"),
                problems(DIR.resolve("invalid/syntax.yml")));
    }
}
