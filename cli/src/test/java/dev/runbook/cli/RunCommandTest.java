package dev.runbook.cli;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventJson;
import dev.runbook.engine.module.ModuleRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Cli cli = new Cli(new PrintWriter(out), new PrintWriter(err), false, Map.of(), Cli.memoize(ModuleRegistry::load));
        return Main.run(cli, args);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path inventory() throws Exception {
        return write("inv.yml", """
                hosts:
                  ctl1: { connection: local }
                  ctl2: { connection: local }
                """);
    }

    @Test
    void failingStepRollsBackAndExitsOne() throws Exception {
        Path rb = write("rb.yml", """
                name: demo
                vars:
                  marker: { type: string, required: true, description: where to write }
                steps:
                  - id: prepare
                    hosts: all
                    shell: { script: "echo {{ inventory_hostname }} >> {{ marker }}" }
                    undo:
                      shell: { script: "echo undo-{{ inventory_hostname }} >> {{ marker }}" }
                  - id: break
                    hosts: ctl2
                    needs: [prepare]
                    shell: { script: "echo 'no space left' >&2; exit 1" }
                """);
        Path marker = dir.resolve("marker");
        int code = run("run", rb.toString(), "-i", inventory().toString(), "-e", "marker=" + marker);
        assertEquals(1, code, out + "\n" + err);
        List<String> lines = Files.readAllLines(marker);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.subList(2, 4).containsAll(List.of("undo-ctl1", "undo-ctl2")));
        assertTrue(out.toString().contains("│ no space left"), out.toString());
        assertTrue(out.toString().contains("failed, rolled back"), out.toString());
    }

    @Test
    void jsonOutputIsOneEventPerLineAndMissingVarIsInvalidInput() throws Exception {
        Path rb = write("rb.yml", """
                name: demo
                vars:
                  who: { type: string, required: true, description: greeting target }
                steps:
                  - id: hello
                    hosts: all
                    shell: { script: "echo hello {{ who }}" }
                """);
        assertEquals(2, run("run", rb.toString(), "-i", inventory().toString()));
        assertTrue(err.toString().contains("required var 'who' is not given"), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("run", rb.toString(), "-i", inventory().toString(), "-e", "who=world", "--json"));
        EventJson json = new EventJson();
        List<Event> events = out.toString().lines().map(json::read).toList();
        assertEquals(2, events.stream().filter(e -> e instanceof Event.HostFinished hf && hf.status().equals("changed")).count());
        assertTrue(out.toString().lines().allMatch(l -> l.startsWith("{")), "--json suppresses the human output");
    }
}
