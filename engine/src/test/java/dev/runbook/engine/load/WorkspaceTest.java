package dev.runbook.engine.load;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.testing.FakeModules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkspaceTest {

    static final Path RB = Path.of("src/test/resources/runbooks/validate");
    static final Path INV = Path.of("src/test/resources/inventories");

    private final Workspace workspace = new Workspace(FakeModules.registry());

    @Test
    void everyContextProblemIsReportedAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> workspace.load(RB.resolve("site.yml"), INV.resolve("native/lab.yml"), List.of("version=1.7.14")));
        String f = RB.resolve("site.yml").toString();
        assertEquals(List.of(
                f + ":3:3: required var 'db_password' is not given (pass it with -e db_password=... or set it in the inventory)",
                f + ":4:3: undefined variable 'missing_default' in the default of var 'env_name'"
                        + " (declare it under the runbook's vars, pass it with -e, or define it in the inventory)",
                f + ":8:14: undefined variable 'verson' in argument 'msg' of step 'a' (did you mean 'version'?)",
                f + ":11:12: no host or group 'webservers' in inventory lab"
                        + " (expected one of: all, app, lb, db, cluster, lb1, app1, app2, db1, ctl, far)",
                f + ":15:12: host pattern 'app:!app1:!app2' matches no host in inventory lab (groups: all, app, lb, db, cluster)",
                f + ":16:11: undefined variable 'undefined_thing' in 'when' of step 'c'"
                        + " (declare it under the runbook's vars, pass it with -e, or define it in the inventory)",
                f + ":20:12: undefined variable 'target' in the hosts of step 'd'"
                        + " (declare it under the runbook's vars, pass it with -e, or define it in the inventory)",
                f + ":24:14: unknown filter 'nosuchfilter' in \"{{ x | nosuchfilter }}\" (see docs/templates.md for the filters runbooks have)",
                f + ":24:14: undefined variable 'x' in argument 'msg' of step 'e'"
                        + " (declare it under the runbook's vars, pass it with -e, or define it in the inventory)",
                f + ":25:11: a condition is an expression without {{ }} or {% %}, got \"{{ version }}\""
                        + " (write the expression alone, e.g. when: \"version != current_version\")"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void withoutAnInventoryOnlyWhatCanBeKnownIsChecked() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> workspace.load(RB.resolve("site.yml"), null, List.of("version=1.7.14")));
        String f = RB.resolve("site.yml").toString();
        assertEquals(List.of(
                f + ":3:3: required var 'db_password' is not given (pass it with -e db_password=...)",
                f + ":24:14: unknown filter 'nosuchfilter' in \"{{ x | nosuchfilter }}\" (see docs/templates.md for the filters runbooks have)",
                f + ":25:11: a condition is an expression without {{ }} or {% %}, got \"{{ version }}\""
                        + " (write the expression alone, e.g. when: \"version != current_version\")"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void extraVarsAreCheckedAgainstTheirDeclaredType() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> workspace.load(
                Path.of("src/test/resources/runbooks/good/upgrade.yml"), INV.resolve("native/lab.yml"),
                List.of("version=1.7.14", "health_timeout=soon", "port=[1]")));
        String f = "src/test/resources/runbooks/good/";
        assertEquals(List.of(
                "-e: var 'health_timeout' must be a duration such as 500ms, 30s, 15m, 1h30m, or a number of seconds,"
                        + " not 'soon' (given with -e) (it is declared at " + f + "upgrade.yml:5:3)",
                "-e: var 'port' must be an integer, not '[1]' (given with -e) (it is declared at " + f + "common/wait.yml:4:3)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aValidRunbookLoadsWithItsInventoryAndExtraVars() throws Exception {
        Workspace.Loaded loaded = workspace.load(RB.resolve("clean.yml"), INV.resolve("native/lab.yml"),
                List.of("version=1.7.14", "app_dir=/srv/app"));
        assertEquals("clean", loaded.runbook().name());
        assertEquals("lab", loaded.inventory().name());
        assertEquals(java.util.Map.of("version", "1.7.14", "app_dir", "/srv/app"), loaded.extraVars());
        assertEquals(RB.resolve("clean.yml") + ":6:12", loaded.sources().step("show").orElseThrow().pos("hosts").toString());
    }

    @Test
    void aRequiredVarSetForOnlySomeHostsNamesTheOthers() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> workspace.load(RB.resolve("clean.yml"), INV.resolve("native/lab.yml"), List.of("version=1")));
        assertEquals(List.of(RB.resolve("clean.yml") + ":3:3: required var 'app_dir' is not set for hosts lb1, app2, db1, ctl, far"
                        + " (pass it with -e app_dir=... or set it for every host in the inventory)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void problemsOfTheInventoryTheRunbookAndTheExtraVarsComeTogether() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> workspace.load(Path.of("src/test/resources/runbooks/invalid/cycle.yml"),
                        INV.resolve("badini/hosts.ini"), List.of("@src/test/resources/extravars/bad.yml", "oops")));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "src/test/resources/extravars/bad.yml:2:1: duplicate key 'version' (first defined at line 1:1; remove one of them)",
                "src/test/resources/extravars/bad.yml:3:1: '9bad' is not a valid variable name (use letters, digits and '_', not starting with a digit)",
                "-e: an -e argument has no '=' (write -e key=value, -e @vars.yml or -e '{\"key\": 1}')",
                INV.resolve("badini/hosts.ini") + ":2:1: ansible_port must be a port number (1-65535), not 'notaport'",
                INV.resolve("badini/hosts.ini") + ":3:1: range [3:1] ends before it starts in 'app[3:1]'",
                INV.resolve("badini/hosts.ini") + ":4:6: expected key=value after the host name (a value with spaces needs quotes)",
                INV.resolve("badini/hosts.ini") + ":5:1: unknown section type ':weird' (use [group], [group:vars] or [group:children])",
                INV.resolve("badini/hosts.ini") + ":7:1: group 'cluster' lists unknown child group 'ap' (did you mean 'app'?)",
                "src/test/resources/runbooks/invalid/cycle.yml:4:13: steps need each other in a cycle: a → c → b → a"
                        + " ('a → b' means a needs b; remove one of these needs)",
                "src/test/resources/runbooks/invalid/cycle.yml:16:13: steps need each other in a cycle: self → self"
                        + " ('a → b' means a needs b; remove one of these needs)"), problems);
    }
}
