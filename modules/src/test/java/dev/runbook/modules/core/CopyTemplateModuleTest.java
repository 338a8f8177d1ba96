package dev.runbook.modules.core;

import dev.runbook.engine.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopyTemplateModuleTest {

    @TempDir
    Path dir;

    private final CopyModule copy = new CopyModule();
    private final TemplateModule template = new TemplateModule();

    @Test
    void createsThenIsIdempotent() throws Exception {
        Path dest = dir.resolve("app.env");
        Outcome first = TestContext.of(copy, "content", "A=1\n", "dest", dest.toString(), "mode", "0640").run();
        assertInstanceOf(Outcome.Changed.class, first);
        assertEquals("A=1\n", Files.readString(dest));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        assertEquals(64, ((String) first.data().get("sha256")).length());

        Outcome second = TestContext.of(copy, "content", "A=1\n", "dest", dest.toString(), "mode", "0640").run();
        assertInstanceOf(Outcome.Ok.class, second);
    }

    @Test
    void changedContentGivesDiffAndBackup() throws Exception {
        Path dest = dir.resolve("app.env");
        Files.writeString(dest, "A=1\nB=2\nC=3\n");
        Outcome o = TestContext.of(copy, "content", "A=1\nB=20\nC=3\n", "dest", dest.toString(), "backup", true).diff().run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertEquals("A=1\nB=20\nC=3\n", Files.readString(dest));
        assertTrue(c.diff().contains("-B=2\n+B=20\n"), c.diff());
        assertTrue(c.diff().contains("@@ -1,3 +1,3 @@"), c.diff());
        Path backup = Path.of((String) c.data().get("backup_file"));
        assertTrue(backup.getFileName().toString().startsWith("app.env.bak-"));
        assertEquals("A=1\nB=2\nC=3\n", Files.readString(backup));
    }

    @Test
    void onlyModeDifferenceIsAChangeWithoutRewrite() throws Exception {
        Path dest = dir.resolve("f");
        Files.writeString(dest, "x");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r--r--"));
        Outcome o = TestContext.of(copy, "content", "x", "dest", dest.toString(), "mode", 600).run();
        assertInstanceOf(Outcome.Changed.class, o);
        assertTrue(o.message().startsWith("Mode 0644 → 0600"), o.message());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
    }

    @Test
    void ownerIsCompared() throws Exception {
        Path dest = dir.resolve("owned");
        TestContext.of(copy, "content", "x", "dest", dest.toString(), "owner", "nobody").run();
        assertEquals("nobody", Files.getOwner(dest).getName());
        assertInstanceOf(Outcome.Ok.class, TestContext.of(copy, "content", "x", "dest", dest.toString(), "owner", "nobody").run());
    }

    @Test
    void checkModeReportsButDoesNotWrite() throws Exception {
        Path dest = dir.resolve("new.conf");
        Outcome o = TestContext.of(copy, "content", "hello\n", "dest", dest.toString()).check().diff().run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertTrue(c.message().startsWith("would create"), c.message());
        assertTrue(c.diff().contains("+hello"), c.diff());
        assertFalse(Files.exists(dest));
    }

    @Test
    void copiesLocalSrcAndKeepsExistingMode() throws Exception {
        Path src = dir.resolve("src.bin");
        Files.write(src, new byte[]{0, 1, 2, 3});
        Path dest = dir.resolve("dest.bin");
        Files.writeString(dest, "old");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwx------"));
        Outcome o = TestContext.of(copy, "src", src.toString(), "dest", dest.toString()).diff().run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertEquals("Binary files " + dest + " differ\n", c.diff());
        assertEquals(List.of((byte) 0, (byte) 1, (byte) 2, (byte) 3), List.of(Files.readAllBytes(dest)[0], Files.readAllBytes(dest)[1],
                Files.readAllBytes(dest)[2], Files.readAllBytes(dest)[3]));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        assertNull(c.data().get("backup_file"));
    }

    @Test
    void clearFailures() throws Exception {
        Outcome missing = TestContext.of(copy, "src", dir.resolve("nope").toString(), "dest", dir.resolve("d").toString()).run();
        assertEquals("src " + dir.resolve("nope") + " is not a file on the control machine (it does not exist)", missing.message());

        Outcome toDir = TestContext.of(copy, "content", "x", "dest", dir.toString()).run();
        assertInstanceOf(Outcome.Failed.class, toDir);
        assertTrue(toDir.message().contains("is a directory"), toDir.message());

        Outcome badMode = TestContext.of(copy, "content", "x", "dest", dir.resolve("m").toString(), "mode", "rw-r--r--").run();
        assertInstanceOf(Outcome.Failed.class, badMode);
        assertTrue(badMode.message().contains("not an octal file mode"), badMode.message());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void templateRendersHostVarsAndIsIdempotent() throws Exception {
        Path src = dir.resolve("site.conf.peb");
        Files.writeString(src, "server {{ host_addr }}:{{ port }};\n{% for b in backends %}backend {{ b }}\n{% endfor %}");
        Path dest = dir.resolve("site.conf");
        TestContext ctx = TestContext.of(template, "src", src.toString(), "dest", dest.toString())
                .var("host_addr", "127.0.10.11").var("port", 13000).var("backends", List.of("a", "b"));
        assertInstanceOf(Outcome.Changed.class, ctx.run());
        assertEquals("server 127.0.10.11:13000;\nbackend a\nbackend b\n", Files.readString(dest));
        assertInstanceOf(Outcome.Ok.class, ctx.run());
    }

    @Test
    void templateWithUndefinedVariableFailsAndWritesNothing() throws Exception {
        Path src = dir.resolve("t.peb");
        Files.writeString(src, "x={{ missing_var }}\n");
        Path dest = dir.resolve("t");
        Outcome o = TestContext.of(template, "src", src.toString(), "dest", dest.toString()).run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().startsWith("cannot render " + src), o.message());
        assertTrue(o.message().contains("missing_var"), o.message());
        assertFalse(Files.exists(dest));
    }

    @Test
    void templateContentIsNotRenderedTwice() throws Exception {
        // the engine already rendered the argument; a value that contains braces stays literal
        Path dest = dir.resolve("lit");
        TestContext.of(template, "content", "v={{ not_a_var }}\n", "dest", dest.toString()).run();
        assertEquals("v={{ not_a_var }}\n", Files.readString(dest));
    }
}
