package dev.runbook.modules.service;

import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real SysV init script installed for the test (this machine has no systemd), and compose in check mode. */
class ServiceModuleTest {

    @TempDir
    Path dir;
    private String name;
    private Path script;
    private final ServiceModule module = new ServiceModule();

    @BeforeEach
    void install() throws Exception {
        name = "rb-test-" + UUID.randomUUID().toString().substring(0, 8);
        script = Path.of("/etc/init.d", name);
        Files.writeString(script, """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          %1$s
                # Required-Start:
                # Required-Stop:
                # Default-Start:     2 3 4 5
                # Default-Stop:      0 1 6
                # Short-Description: runbook test service
                ### END INIT INFO
                PID=%2$s/pid
                running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }
                case "$1" in
                  start) running && exit 0; [ -f %2$s/fail-start ] && { echo "cannot bind port 13000" >&2; exit 1; }; setsid sleep 600 </dev/null >/dev/null 2>&1 & echo $! > "$PID" ;;
                  stop) if [ -f "$PID" ]; then kill "$(cat "$PID")" 2>/dev/null; rm -f "$PID"; fi ;;
                  restart) "$0" stop; "$0" start ;;
                  reload) running || { echo "not running" >&2; exit 7; }; echo reload >> %2$s/reloads ;;
                  status) running && exit 0; exit 3 ;;
                  *) echo "usage" >&2; exit 2 ;;
                esac
                """.formatted(name, dir));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void remove() throws Exception {
        TestRun.sh(script + " stop; update-rc.d -f " + name + " remove >/dev/null 2>&1; rm -f " + script);
    }

    private boolean running() throws Exception {
        return new ProcessBuilder(script.toString(), "status").start().waitFor() == 0;
    }

    @Test
    void sysvStatesAreIdempotentAndVerified() throws Exception {
        Outcome.Changed would = TestRun.expect(Outcome.Changed.class, TestRun.check(module, Map.of("name", name, "state", "started")));
        assertEquals(List.of(script + " start"), would.data().get("commands"));
        assertFalse(running(), "check mode starts nothing");

        Outcome.Changed started = TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "state", "started")));
        assertEquals("sysv", started.data().get("backend"));
        assertTrue(running());
        TestRun.expect(Outcome.Ok.class, TestRun.run(module, Map.of("name", name, "state", "started")));

        TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "state", "reloaded")));
        assertEquals("reload\n", Files.readString(dir.resolve("reloads")));
        String pidBefore = Files.readString(dir.resolve("pid"));
        TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "state", "restarted")));
        assertTrue(running());
        assertFalse(pidBefore.equals(Files.readString(dir.resolve("pid"))), "restart gives a new process");

        TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "state", "stopped")));
        assertFalse(running());
        Outcome ok = TestRun.expect(Outcome.Ok.class, TestRun.run(module, Map.of("name", name, "state", "stopped")));
        assertTrue(ok.message().contains("already stopped"), ok.message());
    }

    @Test
    void sysvEnabledUsesStartLinks() throws Exception {
        TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "enabled", true)));
        assertFalse(TestRun.sh("ls /etc/rc2.d/ | grep -c " + name).isBlank());
        TestRun.expect(Outcome.Ok.class, TestRun.run(module, Map.of("name", name, "enabled", true)));
        TestRun.expect(Outcome.Changed.class, TestRun.run(module, Map.of("name", name, "enabled", false)));
        TestRun.expect(Outcome.Ok.class, TestRun.run(module, Map.of("name", name, "enabled", false)));
    }

    @Test
    void aFailingInitScriptIsReportedWithItsError() throws Exception {
        Files.writeString(dir.resolve("fail-start"), "");
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, Map.of("name", name, "state", "started", "backend", "sysv")));
        assertTrue(f.message().contains(script + " start failed (exit 1): cannot bind port 13000"), f.message());
        assertFalse(running());
    }

    @Test
    void composeInCheckModeShowsTheCommandsItWouldRun() throws Exception {
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(compose, "services:\n  app:\n    image: nocobase/nocobase:1.7.14\n");
        Map<String, Object> args = Map.of("name", "app", "state", "started", "backend", "compose",
                "project_dir", dir.toString(), "compose_file", compose.toString(), "pull", true);
        Outcome.Changed c = TestRun.expect(Outcome.Changed.class, TestRun.check(module, args));
        String base = "docker compose --project-directory " + dir + " -f " + compose;
        assertEquals(List.of(base + " pull app", base + " up -d app"), c.data().get("commands"));
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, args));
        assertTrue(f.message().contains("docker compose") && f.message().contains("failed"), f.message());
    }
}
