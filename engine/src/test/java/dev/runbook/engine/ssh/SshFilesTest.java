package dev.runbook.engine.ssh;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LabExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshFilesTest {

    private TransportFactory factory;
    private Transport db1;
    private String dir;

    @BeforeAll
    void connect(Lab lab) throws Exception {
        factory = new TransportFactory(LabTargets.inventory(lab, LabTargets.host(lab, "db1")), SshOptions.defaults());
        db1 = factory.open(LabTargets.host(lab, "db1"));
        dir = "/tmp/rb-ssh-files-" + UUID.randomUUID();
        assertTrue(db1.exec(ExecRequest.argv("mkdir", "-m", "0755", dir)).ok());
    }

    @AfterAll
    void close() throws Exception {
        db1.exec(ExecRequest.argv("rm", "-rf", dir).withBecome(Become.ROOT));
        factory.close();
    }

    @Test
    void aReaderNeverSeesAPartialFileWhileItIsReplaced() throws Exception {
        String path = dir + "/big.bin";
        byte[] a = filled('a');
        byte[] b = filled('b');
        db1.putFile(path, a, FileAttrs.DEFAULT, null);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                while (!stop.get() && torn.get() == null) {
                    byte[] got = db1.readFile(path, null).orElseThrow();
                    reads.incrementAndGet();
                    if (!(Arrays.equals(got, a) || Arrays.equals(got, b))) {
                        torn.set("read " + got.length + " bytes starting with " + (char) got[0]);
                    }
                }
            } catch (Exception e) {
                torn.set(e.toString());
            }
        });
        reader.start();
        for (int i = 0; i < 12; i++) {
            db1.putFile(path, i % 2 == 0 ? b : a, FileAttrs.DEFAULT, null);
        }
        stop.set(true);
        reader.join();
        assertNull(torn.get());
        assertTrue(reads.get() > 0);
        assertEquals("big.bin\n", db1.exec(ExecRequest.shell("ls -A " + dir + " | grep -v '^file'")).stdout(),
                "no temp files are left behind");
    }

    private static byte[] filled(char c) {
        byte[] bytes = new byte[1 << 20];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    @Test
    void modeIsSetAndAnExistingModeIsKept() throws Exception {
        String path = dir + "/file-mode";
        db1.putFile(path, "one".getBytes(StandardCharsets.UTF_8), FileAttrs.mode(0600), null);
        FileInfo info = db1.stat(path, null).orElseThrow();
        assertEquals(0600, info.mode());
        assertEquals("deploy", info.owner());
        assertEquals(3, info.size());
        db1.putFile(path, "two!".getBytes(StandardCharsets.UTF_8), FileAttrs.DEFAULT, null);
        assertEquals(0600, db1.stat(path, null).orElseThrow().mode());
        assertArrayEquals("two!".getBytes(StandardCharsets.UTF_8), db1.readFile(path, null).orElseThrow());
    }

    @Test
    void withBecomeTheFileIsPlacedAsRootWithOwnerAndMode() throws Exception {
        String path = dir + "/file-root";
        byte[] content = "secret=1\n\0binary\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        db1.putFile(path, content, new FileAttrs(0640, "deploy", "root"), Become.ROOT);
        FileInfo info = db1.stat(path, Become.ROOT).orElseThrow();
        assertEquals(new FileInfo(path, false, content.length, 0640, "deploy", "root"), info);
        assertArrayEquals(content, db1.readFile(path, Become.ROOT).orElseThrow());

        String rootOnly = dir + "/file-root-only";
        db1.putFile(rootOnly, "x".getBytes(StandardCharsets.UTF_8), new FileAttrs(0600, "root", "root"), Become.ROOT);
        assertEquals("root", db1.stat(rootOnly, Become.ROOT).orElseThrow().owner());
        assertTrue(db1.exec(ExecRequest.argv("cat", rootOnly)).exitCode() != 0, "deploy cannot read a 0600 root file");
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), db1.readFile(rootOnly, Become.ROOT).orElseThrow());
    }

    @Test
    void missingFilesAreEmptyNotErrors() throws Exception {
        assertEquals(Optional.empty(), db1.readFile(dir + "/nope", null));
        assertEquals(Optional.empty(), db1.readFile(dir + "/nope", Become.ROOT));
        assertEquals(Optional.empty(), db1.stat(dir + "/nope", null));
        assertTrue(db1.stat(dir, null).orElseThrow().directory());
    }
}
