package dev.runbook.engine.ssh;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.OutputListener;
import dev.runbook.engine.transport.Transport;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshExecTest {

    private TransportFactory factory;
    private Transport app1;
    private Transport app3;

    @BeforeAll
    void connect(Lab lab) {
        factory = new TransportFactory(LabTargets.inventory(lab, LabTargets.host(lab, "app1"), LabTargets.host(lab, "app3")),
                SshOptions.defaults().withEnv(Map.of("RUNBOOK_BECOME_PASSWORD", "not-needed-here")::get));
        app1 = factory.open(LabTargets.host(lab, "app1"));
        app3 = factory.open(LabTargets.host(lab, "app3"));
    }

    @AfterAll
    void close() {
        factory.close();
    }

    @Test
    void exitCodesAndOutputComeBackAndArgvWordsArriveVerbatim() throws Exception {
        ExecResult ok = app1.exec(ExecRequest.argv("printf", "%s|", "a b", "it's", "$HOME", "*", "\"q\""));
        assertTrue(ok.ok());
        assertEquals("a b|it's|$HOME|*|\"q\"|", ok.stdout());

        ExecResult bad = app1.exec(ExecRequest.shell("echo out; echo err >&2; exit 3"));
        assertEquals(3, bad.exitCode());
        assertFalse(bad.ok());
        assertEquals("out\n", bad.stdout());
        assertEquals("err\n", bad.stderr());

        ExecResult missing = app1.exec(ExecRequest.argv("no-such-command-xyz"));
        assertEquals(127, missing.exitCode());
    }

    @Test
    void stdinReachesTheCommandWholeEvenWhenItLooksLikeThePreamble() throws Exception {
        String input = "line one\n" + RemoteCommand.MARKER + "\nX=eA==\n\nlast";
        ExecResult r = app1.exec(ExecRequest.argv("sh", "-c", "echo \"$GREETING\"; cat")
                .withEnv(Map.of("GREETING", "hello")).withStdin(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("hello\n" + input, r.stdout());
    }

    @Test
    void envValuesArriveIntactButNeverInAnyArgv() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String tricky = "it's \"quoted\"\n$(not run) `nor this`\n\n";
        ExecResult r = app1.exec(ExecRequest.argv("sh", "-c", "ps -eo args; printf '<%s>' \"$RB_SECRET\" \"$RB_TRICKY\" >&2")
                .withEnv(Map.of("RB_SECRET", secret, "RB_TRICKY", tricky)));
        assertTrue(r.ok(), r.stderr());
        assertEquals("<" + secret + "><" + tricky + ">", r.stderr());
        assertTrue(r.stdout().contains("ps -eo args"), "ps saw the command itself");
        assertFalse(r.stdout().contains(secret), "the secret is not visible in ps");
    }

    @Test
    void becomeRunsAsRootWithoutLeakingThePassword() throws Exception {
        ExecResult r = app1.exec(ExecRequest.argv("id", "-u").withBecome(Become.ROOT));
        assertEquals("0\n", r.stdout(), r.stderr());
        assertTrue(r.ok());
        ExecResult env = app1.exec(ExecRequest.shell("cat; echo \"$PW\"").withEnv(Map.of("PW", "x")).withBecome(new Become("nobody")));
        assertEquals("x\n", env.stdout(), env.stderr());
        assertFalse(env.stderr().contains("not-needed-here"));
    }

    @Test
    void aTimeoutKillsTheRemoteCommandAndItsChildren() throws Exception {
        String token = "3" + (System.nanoTime() % 100000);
        ExecResult r = app1.exec(ExecRequest.shell("sleep " + token + " & sleep " + token + "; echo never")
                .withTimeout(Duration.ofSeconds(1)));
        assertTrue(r.timedOut());
        assertFalse(r.stdout().contains("never"));
        assertEquals(Optional.empty(), survivors(token));
        ExecResult root = app1.exec(ExecRequest.shell("sleep " + token + " & sleep " + token)
                .withTimeout(Duration.ofMillis(700)).withBecome(Become.ROOT));
        assertTrue(root.timedOut());
        assertEquals(Optional.empty(), survivors(token));
    }

    /** Processes still running `sleep TOKEN`, if any, after a short grace for the signals to land. */
    private Optional<String> survivors(String token) throws Exception {
        ExecResult p = null;
        for (int i = 0; i < 20; i++) {
            p = app1.exec(ExecRequest.argv("pgrep", "-a", "-f", "^sleep " + token + "$"));
            if (p.exitCode() == 1) {
                return Optional.empty();
            }
            Thread.sleep(100);
        }
        return Optional.of(p.stdout());
    }

    @Test
    void megabytesOnBothStreamsAtOnceDoNotHang() throws Exception {
        AtomicLong outLines = new AtomicLong();
        AtomicLong errLines = new AtomicLong();
        ExecResult r = app1.exec(ExecRequest.shell("yes o | head -n 2500000 & yes e | head -n 2500000 >&2; wait")
                .withListener(new OutputListener() {
                    @Override
                    public void stdout(String line) {
                        outLines.incrementAndGet();
                    }

                    @Override
                    public void stderr(String line) {
                        errLines.incrementAndGet();
                    }
                }));
        assertTrue(r.ok());
        assertEquals(5_000_000, r.stdout().length());
        assertEquals(5_000_000, r.stderr().length());
        assertEquals(2_500_000, outLines.get());
        assertEquals(2_500_000, errLines.get());
    }

    @Test
    void twentyConcurrentCommandsShareOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> app3.exec(ExecRequest.shell("sleep 0.3; echo " + n))));
            }
            for (int i = 0; i < 20; i++) {
                ExecResult r = results.get(i).get();
                assertTrue(r.ok(), r.stderr());
                assertEquals(i + "\n", r.stdout());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, LabTargets.connectionsFromThisJvm("127.0.10.13"));
    }
}
