package dev.runbook.modules.core;

import dev.runbook.engine.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileModuleTest {

    @TempDir
    Path dir;

    private final FileModule file = new FileModule();

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void directoryIsCreatedWithParentsAndModeThenOk() throws Exception {
        Path d = dir.resolve("a/b/c");
        Outcome first = TestContext.of(file, "path", d.toString(), "state", "directory", "mode", "0750").run();
        assertInstanceOf(Outcome.Changed.class, first);
        assertTrue(Files.isDirectory(d));
        assertEquals("rwxr-x---", perms(d));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(file, "path", d.toString(), "state", "directory", "mode", "0750").run());
    }

    @Test
    void recurseAppliesBelowAndIsIdempotent() throws Exception {
        Path d = dir.resolve("tree");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub/f"), "x");
        TestContext ctx = TestContext.of(file, "path", d.toString(), "state", "directory", "owner", "nobody", "recurse", true);
        assertInstanceOf(Outcome.Changed.class, ctx.run());
        assertEquals("nobody", Files.getOwner(d.resolve("sub/f")).getName());
        assertInstanceOf(Outcome.Ok.class, ctx.run());
        // a single file below drifting is detected
        Files.setOwner(d.resolve("sub/f"), Files.getOwner(dir));
        Outcome again = ctx.run();
        assertInstanceOf(Outcome.Changed.class, again);
        assertTrue(again.message().contains("below"), again.message());
    }

    @Test
    void touchCreatesOnceAndFileStateRequiresExistence() throws Exception {
        Path f = dir.resolve("flag");
        Outcome missing = TestContext.of(file, "path", f.toString()).run();
        assertInstanceOf(Outcome.Failed.class, missing);
        assertTrue(missing.message().contains("does not exist; use state: touch"), missing.message());

        assertInstanceOf(Outcome.Changed.class, TestContext.of(file, "path", f.toString(), "state", "touch", "mode", "0600").run());
        assertEquals("rw-------", perms(f));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(file, "path", f.toString(), "state", "touch", "mode", "0600").run());
        assertInstanceOf(Outcome.Changed.class, TestContext.of(file, "path", f.toString(), "mode", "0644").run());
        assertEquals("rw-r--r--", perms(f));
    }

    @Test
    void absentRemovesTreesAndRefusesRoot() throws Exception {
        Path d = dir.resolve("gone");
        Files.createDirectories(d.resolve("x"));
        Outcome o = TestContext.of(file, "path", d.toString(), "state", "absent").run();
        assertInstanceOf(Outcome.Changed.class, o);
        assertFalse(Files.exists(d));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(file, "path", d.toString(), "state", "absent").run());
        Outcome root = TestContext.of(file, "path", "/", "state", "absent").run();
        assertInstanceOf(Outcome.Failed.class, root);
    }

    @Test
    void linkCreatedRetargetedAndIdempotent() throws Exception {
        Path link = dir.resolve("current");
        Files.createDirectories(dir.resolve("v1"));
        Files.createDirectories(dir.resolve("v2"));
        assertInstanceOf(Outcome.Changed.class, TestContext.of(file, "path", link.toString(), "state", "link", "src", dir.resolve("v1").toString()).run());
        assertEquals(dir.resolve("v1"), Files.readSymbolicLink(link));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(file, "path", link.toString(), "state", "link", "src", dir.resolve("v1").toString()).run());
        Outcome re = TestContext.of(file, "path", link.toString(), "state", "link", "src", dir.resolve("v2").toString()).run();
        assertInstanceOf(Outcome.Changed.class, re);
        assertEquals(dir.resolve("v2"), Files.readSymbolicLink(link));
        assertFalse(Files.exists(dir.resolve("v1/v2")), "ln -n must replace the link, not create one inside the old target");

        Outcome onDir = TestContext.of(file, "path", dir.resolve("v1").toString(), "state", "link", "src", "/tmp").run();
        assertInstanceOf(Outcome.Failed.class, onDir);
        assertTrue(onDir.message().contains("is a directory, not a link"), onDir.message());
    }

    @Test
    void checkModeChangesNothing() throws Exception {
        Path d = dir.resolve("new");
        Outcome o = TestContext.of(file, "path", d.toString(), "state", "directory").check().run();
        assertInstanceOf(Outcome.Changed.class, o);
        assertTrue(o.message().startsWith("would"), o.message());
        assertFalse(Files.exists(d));

        Path keep = dir.resolve("keep");
        Files.writeString(keep, "x");
        TestContext.of(file, "path", keep.toString(), "state", "absent").check().run();
        assertTrue(Files.exists(keep));
    }
}
