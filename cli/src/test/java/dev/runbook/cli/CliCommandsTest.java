package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.schema.InventorySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CliCommandsTest {

    private static final String RUNBOOK = RepoFiles.ROOT.resolve("runbooks/examples/rolling-restart.yml").toString();
    private static final String INVENTORY = RepoFiles.ROOT.resolve("inventories/example.yml").toString();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateSaysOkWithCounts() {
        CliRun r = CliRun.run("validate", RUNBOOK, "-i", INVENTORY);
        assertEquals(0, r.code(), r.err());
        assertEquals("ok: 5 steps, 4 hosts\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void validateReportsEveryProblemLocatedAndExitsTwo() throws Exception {
        Path rb = write("bad.yml", """
                name: bad
                vars:
                  version: { type: string, required: true }
                steps:
                  - id: a
                    hosts: web
                    debug: { msg: hi }
                    needs: [nope]
                  - id: b
                    hosts: nosuchgroup
                    debug: { msg: hi }
                  - id: c
                    hosts: web
                    frobnicate: { x: 1 }
                """);
        CliRun r = CliRun.run("validate", rb.toString(), "-i", INVENTORY);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*bad\\.yml:\\d+:\\d+: .*nope.*")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*bad\\.yml:\\d+:\\d+: .*frobnicate.*")), r.err());
        assertTrue(r.err().contains("nothing was run"), r.err());
    }

    @Test
    void missingRequiredVariableNamesTheOption() throws Exception {
        Path rb = write("needs-var.yml", """
                name: v
                vars:
                  version: { type: string, required: true, description: Target version }
                steps:
                  - id: a
                    hosts: web
                    debug: { msg: "{{ version }}" }
                """);
        CliRun r = CliRun.run("validate", rb.toString(), "-i", INVENTORY);
        assertEquals(2, r.code());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(".*needs-var\\.yml:3:\\d+: .*'version'.*-e version=.*")), r.err());
        assertEquals(0, CliRun.run("validate", rb.toString(), "-i", INVENTORY, "-e", "version=1.2").code());
        Path vars = write("vars.yml", "version: '1.2'\n");
        assertEquals(0, CliRun.run("validate", rb.toString(), "-i", INVENTORY, "-e", "@" + vars).code());
    }

    @Test
    void malformedExtraVarIsInvalidInput() {
        CliRun r = CliRun.run("validate", RUNBOOK, "-i", INVENTORY, "-e", "no-equals-sign");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("-e: ") && r.err().contains("-e key=value"), r.err());
    }

    @Test
    void missingInventoryFileIsInvalidInput() {
        CliRun r = CliRun.run("validate", RUNBOOK, "-i", dir.resolve("nope.yml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yml"), r.err());
    }

    @Test
    void planTextListsStepsInOrderWithHostsAndUndo() {
        CliRun r = CliRun.run("plan", RUNBOOK, "-i", INVENTORY);
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("runbook rolling-restart ("), lines.get(0));
        assertTrue(lines.get(0).endsWith("inventory example: web1..web3, db1"), lines.get(0));
        assertTrue(lines.get(1).matches(" {2}1 db-check +db1 .*parallel with 2"), lines.get(1));
        assertTrue(lines.get(3).matches(" {2}3 restart +web1\\.\\.web3 .*serial 1: web1 \\| web2 \\| web3 · ≤ 2m"), lines.get(3));
        assertTrue(lines.get(5).matches(" {2}5 report +web1\\.\\.web3 .*once on web1"), lines.get(5));
        assertTrue(r.out().contains("undo chain"), r.out());
    }

    @Test
    void planHonoursLimitAndTags() throws Exception {
        CliRun r = CliRun.run("plan", RUNBOOK, "-i", INVENTORY, "--limit", "web2", "--skip-tags", "db", "-f", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertEquals("[\"db-check\"]", plan.get("not_planned").toString());
        assertEquals("[\"web2\"]", plan.at("/steps/0/hosts").toString());
        assertEquals("save-config", plan.at("/steps/0/id").asText());
        CliRun typo = CliRun.run("plan", RUNBOOK, "-i", INVENTORY, "--tags", "dbb");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("--tags: no step has the tag 'dbb' (tags in this runbook: db)"), typo.err());
    }

    @Test
    void planAsDotIsAGraph() {
        CliRun r = CliRun.run("plan", RUNBOOK, "-i", INVENTORY, "--format", "dot");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph \"rolling-restart\" {"), r.out());
        assertTrue(r.out().contains("\"restart\" -> \"wait-up\";"), r.out());
        assertTrue(r.out().contains("{ rank=same; \"db-check\"; \"save-config\"; }"), r.out());
    }

    @Test
    void inventoryGraphListAndPattern() {
        CliRun graph = CliRun.run("inventory", "-i", INVENTORY, "--graph");
        assertEquals("""
                @all:
                  |--@web:
                  |  |--web1
                  |  |--web2
                  |  |--web3
                  |--@db:
                  |  |--db1
                """, graph.out());
        CliRun pattern = CliRun.run("inventory", "-i", INVENTORY, "web:!web2,db");
        assertEquals("web1\nweb3\ndb1\n", pattern.out());
        CliRun list = CliRun.run("inventory", "-i", INVENTORY, "--list");
        assertTrue(list.out().contains("web1  deploy@127.0.20.11:2222  [web]"), list.out());
        CliRun unknown = CliRun.run("inventory", "-i", INVENTORY, "nosuch");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("nosuch"), unknown.err());
    }

    private record Fake(String name, String summary, ArgSpec args) implements Module {
        @Override
        public Outcome run(ModuleContext ctx) {
            return Outcome.ok("not run in CLI tests");
        }
    }

    @Test
    void modulesListsAndDocumentsFromTheArgSpec() {
        ModuleRegistry modules = new ModuleRegistry(List.of(
                new Fake("zeta", "last one", ArgSpec.of()),
                new Fake("alpha", "talks to a database", ArgSpec.of(
                        Arg.required("db", ArgType.STRING, "Database name"),
                        Arg.optional("mode", ArgType.STRING, "fast", "How").choices("fast", "safe"),
                        Arg.required("password", ArgType.STRING, "Login password").asSecret()))));
        CliRun list = CliRun.run(modules, "modules");
        assertEquals("alpha  talks to a database\nzeta   last one\n", list.out());
        CliRun one = CliRun.run(modules, "modules", "alpha");
        assertEquals("""
                alpha — talks to a database
                runs on the target hosts, supports check mode

                  db        string    required
                            Database name
                  mode      string    optional, default fast
                            How
                            one of: fast, safe
                  password  string    required, secret
                            Login password
                """, one.out());
        CliRun unknown = CliRun.run(modules, "modules", "beta");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no module named 'beta' (available: alpha, zeta)"), unknown.err());
    }

    @Test
    void schemaPrintsThePublishedSchemas() {
        assertEquals(InventorySchema.json(), CliRun.run("schema", "inventory").out());
        assertTrue(CliRun.run("schema").out().contains("\"$id\" : \"https://runbook.dev/schema/runbook.schema.json\""));
        assertEquals(2, CliRun.run("schema", "playbook").code());
    }

    @Test
    void completionVersionHelpAndUsageErrors() {
        String completion = CliRun.run("completion").out();
        assertTrue(completion.contains("complete -F _complete_runbook"), completion.substring(0, 200));
        assertTrue(completion.contains("validate") && completion.contains("inventory"));
        assertTrue(CliRun.run("--version").out().startsWith("runbook "));
        CliRun help = CliRun.run("plan", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--skip-tags"), help.out());
        CliRun bogus = CliRun.run("--bogus");
        assertEquals(2, bogus.code());
        assertTrue(bogus.err().contains("Unknown option: '--bogus'"), bogus.err());
        CliRun none = CliRun.run();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Commands:"), none.err());
    }
}
