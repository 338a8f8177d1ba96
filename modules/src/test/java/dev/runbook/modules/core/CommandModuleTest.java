package dev.runbook.modules.core;

import dev.runbook.engine.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandModuleTest {

    @TempDir
    Path dir;

    private final CommandModule command = new CommandModule();
    private final ShellModule shell = new ShellModule();

    @Test
    void argvRunsWithoutShellAndRegistersOutput() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("echo", "$HOME", "a b")).run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertEquals("$HOME a b\n", c.data().get("stdout"));
        assertEquals(0L, c.data().get("rc"));
        assertTrue(c.data().containsKey("duration_ms"));
    }

    @Test
    void cmdIsSplitLikeAShellButNotInterpreted() throws Exception {
        Outcome o = TestContext.of(command, "cmd", "printf '%s|' 'one two' \"three\\\"\" four\\ five '$x' >out").run();
        assertEquals("one two|three\"|four five|$x|>out|", o.data().get("stdout"));
    }

    @Test
    void unterminatedQuoteFailsWithAClearMessage() throws Exception {
        Outcome o = TestContext.of(command, "cmd", "echo 'oops").run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().contains("unterminated single quote"), o.message());
    }

    @Test
    void chdirEnvAndStdin() throws Exception {
        Outcome pwd = TestContext.of(command, "argv", List.of("pwd"), "chdir", dir.toString()).run();
        assertEquals(dir.toRealPath() + "\n", pwd.data().get("stdout"));

        Outcome env = TestContext.of(command, "argv", List.of("printenv", "RB_TEST"), "env", Map.of("RB_TEST", "v1")).run();
        assertEquals("v1\n", env.data().get("stdout"));

        Outcome cat = TestContext.of(command, "argv", List.of("cat"), "stdin", "fed in").run();
        assertEquals("fed in", cat.data().get("stdout"));
    }

    @Test
    void missingChdirFails() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("pwd"), "chdir", dir.resolve("nope").toString()).run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().contains("nope"), o.message());
    }

    @Test
    void failureNamesRcAndStderr() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("ls", dir.resolve("missing").toString())).run();
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(f.message().startsWith("command 'ls' exited with rc 2: ls: cannot access"), f.message());
        assertEquals(2L, f.data().get("rc"));
    }

    @Test
    void expectRcAcceptsOtherCodes() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("sh", "-c", "exit 3"), "expect_rc", List.of(0, 3)).run();
        assertInstanceOf(Outcome.Changed.class, o);
        Outcome bad = TestContext.of(command, "argv", List.of("sh", "-c", "exit 4"), "expect_rc", List.of(0, 3)).run();
        assertTrue(bad.message().contains("rc 4 (expected one of [0, 3])"), bad.message());
    }

    @Test
    void changesFalseReportsOk() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("true"), "changes", false).run();
        assertInstanceOf(Outcome.Ok.class, o);
    }

    @Test
    void createsAndRemovesSkipTheCommand() throws Exception {
        Path marker = dir.resolve("marker");
        Path created = dir.resolve("created");
        Files.writeString(marker, "x");
        Outcome skipped = TestContext.of(command, "argv", List.of("touch", created.toString()), "creates", marker.toString()).run();
        assertInstanceOf(Outcome.Ok.class, skipped);
        assertFalse(Files.exists(created));

        Outcome skipped2 = TestContext.of(command, "argv", List.of("touch", created.toString()), "removes", dir.resolve("none").toString()).run();
        assertInstanceOf(Outcome.Ok.class, skipped2);
        assertFalse(Files.exists(created));

        Outcome ran = TestContext.of(command, "argv", List.of("touch", created.toString()), "creates", created.toString()).run();
        assertInstanceOf(Outcome.Changed.class, ran);
        assertTrue(Files.exists(created));
        // idempotent through creates: the second run does nothing
        assertInstanceOf(Outcome.Ok.class, TestContext.of(command, "argv", List.of("touch", created.toString()), "creates", created.toString()).run());
    }

    @Test
    void checkModeDoesNotRun() throws Exception {
        Path created = dir.resolve("created");
        Outcome o = TestContext.of(command, "argv", List.of("touch", created.toString())).check().run();
        assertInstanceOf(Outcome.Skipped.class, o);
        assertEquals("command not run in check mode", o.message());
        assertFalse(Files.exists(created));
    }

    @Test
    void stepTimeoutKillsTheCommand() throws Exception {
        Outcome o = TestContext.of(command, "argv", List.of("sleep", "30")).stepTimeout(Duration.ofMillis(300)).run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().contains("timed out"), o.message());
    }

    @Test
    void shellRunsPipesInChdirAndReportsStderr() throws Exception {
        Files.writeString(dir.resolve("f.txt"), "b\na\nb\n");
        Outcome o = TestContext.of(shell, "script", "sort f.txt | uniq | tr '\\n' ,", "chdir", dir.toString()).run();
        assertEquals("a,b,", o.data().get("stdout"));

        Outcome f = TestContext.of(shell, "script", "echo 'disk full' >&2; exit 7").run();
        assertInstanceOf(Outcome.Failed.class, f);
        assertEquals("shell script exited with rc 7: disk full", f.message());

        Outcome c = TestContext.of(shell, "script", "touch " + dir.resolve("x")).check().run();
        assertEquals("shell script not run in check mode", c.message());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
