package dev.runbook.modules.core;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.ssh.SshOptions;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import dev.runbook.modules.service.ServiceModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file and command modules, and service with a real init script, on lab host app1 over real
 * SSH as the unprivileged {@code deploy} user with {@code become: true}: everything they create
 * must be root's, and a second run must find nothing to do.
 */
@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModulesOverSshTest {

    private TransportFactory factory;
    private Host app1;
    private Transport ssh;
    private String id;
    private String dir;
    private String initScript;

    @BeforeAll
    void connect(Lab lab) throws Exception {
        app1 = new Host("app1", lab.address("app1"), Lab.SSH_PORT, Lab.SSH_USER, lab.clientKey().toString(),
                Host.Connection.SSH, null, Map.of(), SourcePos.UNKNOWN);
        Inventory inventory = new Inventory("modules-ssh", lab.inventory(), Map.of("app1", app1), Map.of(),
                new InventorySettings(lab.knownHosts().toString(), null, "/tmp/runbook-lock", false));
        factory = new TransportFactory(inventory, SshOptions.defaults());
        ssh = factory.open(app1);
        id = UUID.randomUUID().toString().substring(0, 8);
        dir = "/var/tmp/rb-modules-ssh-" + id;
        initScript = "/etc/init.d/rb-ssh-" + id;
        assertEquals("deploy", ssh.exec(ExecRequest.argv("id", "-un")).stdout().strip(), "logged in unprivileged");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            // stop the test service before its script goes, then remove everything the test made
            root("if [ -x " + initScript + " ]; then " + initScript + " stop; fi; rm -f " + initScript + "; rm -rf " + dir);
        } finally {
            factory.close();
        }
    }

    private TestContext step(Module module, Object... args) {
        return TestContext.of(module, args).on(app1, ssh).become(Become.ROOT);
    }

    /** Runs the step twice: the first run must change something, the second must find it done. */
    private Outcome.Changed changedThenOk(Module module, Object... args) throws Exception {
        Outcome first = step(module, args).run();
        Outcome.Changed changed = assertInstanceOf(Outcome.Changed.class, first, module.name() + " first run: " + first.message());
        Outcome second = step(module, args).run();
        assertInstanceOf(Outcome.Ok.class, second, module.name() + " second run: " + second.message());
        return changed;
    }

    private FileInfo stat(String path) throws Exception {
        return ssh.stat(path, Become.ROOT).orElseThrow(() -> new AssertionError(path + " does not exist on app1"));
    }

    private String root(String script) throws Exception {
        ExecResult r = ssh.exec(ExecRequest.shell(script).withBecome(Become.ROOT));
        assertTrue(r.ok(), script + ": " + r.stderr());
        return r.stdout();
    }

    @Test
    void fileCopyLineinfileAndCommandActAsRootAndAreIdempotent() throws Exception {
        changedThenOk(new FileModule(), "path", dir, "state", "directory", "mode", "0750");
        FileInfo d = stat(dir);
        assertTrue(d.directory());
        assertEquals("root", d.owner());
        assertEquals(0750, d.mode());

        String conf = dir + "/app.conf";
        Outcome.Changed copied = changedThenOk(new CopyModule(), "dest", conf, "content", "name=app1\n", "mode", "0640");
        assertEquals(conf, copied.data().get("path"));
        FileInfo c = stat(conf);
        assertEquals("root", c.owner());
        assertEquals("root", c.group());
        assertEquals(0640, c.mode());

        changedThenOk(new LineInFileModule(), "path", conf, "line", "port=13000");
        assertEquals("name=app1\nport=13000\n",
                new String(ssh.readFile(conf, Become.ROOT).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("root", stat(conf).owner(), "lineinfile keeps the owner");
        assertEquals(0640, stat(conf).mode(), "lineinfile keeps the mode");

        changedThenOk(new FileModule(), "path", conf, "state", "file", "mode", "0600");
        assertEquals(0600, stat(conf).mode());

        String marker = dir + "/marker";
        Outcome.Changed ran = changedThenOk(new CommandModule(), "argv", List.of("touch", marker), "creates", marker);
        assertEquals(0L, ran.data().get("rc"));
        assertEquals("root", stat(marker).owner(), "the command ran as root");
        Outcome whoami = step(new CommandModule(), "cmd", "id -un", "changes", false).run();
        assertInstanceOf(Outcome.Ok.class, whoami, whoami.message());
        assertEquals("root", String.valueOf(whoami.data().get("stdout")).strip());
    }

    @Test
    void withoutBecomeTheSameCopyIsRefused() throws Exception {
        // the same step as deploy alone: proves the root-owned results above came from become
        String conf = "/etc/rb-modules-ssh-" + id + ".conf";
        TransportException e = assertThrows(TransportException.class,
                () -> TestContext.of(new CopyModule(), "dest", conf, "content", "x\n").on(app1, ssh).run());
        assertTrue(e.getMessage().contains("Permission denied"), e.getMessage());
        assertFalse(e.unreachable(), "a refused write is a failure, not a lost host");
        assertTrue(ssh.stat(conf, Become.ROOT).isEmpty(), "nothing written to /etc");
    }

    @Test
    void serviceStartsAndStopsARealInitScriptAsRoot() throws Exception {
        String run = "/var/tmp/rb-ssh-service-" + id;
        root("mkdir -p " + run);
        String service = initScript.substring("/etc/init.d/".length());
        ssh.putFile(initScript, """
                #!/bin/sh
                ### BEGIN INIT INFO
                # Provides:          %1$s
                # Required-Start:
                # Required-Stop:
                # Default-Start:     2 3 4 5
                # Default-Stop:      0 1 6
                # Short-Description: runbook modules-over-SSH test service
                ### END INIT INFO
                PID=%2$s/pid
                running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }
                case "$1" in
                  start) running && exit 0; setsid sleep 600 </dev/null >/dev/null 2>&1 & echo $! > "$PID" ;;
                  stop) if [ -f "$PID" ]; then kill "$(cat "$PID")" 2>/dev/null; rm -f "$PID"; fi ;;
                  restart) "$0" stop; "$0" start ;;
                  status) running && exit 0; exit 3 ;;
                  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
                esac
                """.formatted(service, run).getBytes(StandardCharsets.UTF_8), new FileAttrs(0755, "root", "root"), Become.ROOT);
        try {
            Outcome.Changed started = changedThenOk(new ServiceModule(), "name", service, "state", "started");
            assertEquals("sysv", started.data().get("backend"));
            assertEquals(true, started.data().get("running"));
            String pid = root("cat " + run + "/pid").strip();
            assertEquals("root", root("ps -o user= -p " + pid).strip(), "the service runs as root");

            Outcome.Changed stopped = changedThenOk(new ServiceModule(), "name", service, "state", "stopped");
            assertEquals(false, stopped.data().get("running"));
            // gone, or a zombie not yet reaped (PID 1 of a container may reap late): either way not running
            String state = root("ps -o stat= -p " + pid + " || true").strip();
            assertTrue(state.isEmpty() || state.startsWith("Z"), "the process is stopped, state: " + state);
        } finally {
            root(initScript + " stop; rm -rf " + run);
        }
    }
}
