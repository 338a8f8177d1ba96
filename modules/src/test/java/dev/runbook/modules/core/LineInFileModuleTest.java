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

class LineInFileModuleTest {

    @TempDir
    Path dir;

    private final LineInFileModule lif = new LineInFileModule();

    @Test
    void replacesTheMatchedLineKeepingModeThenOk() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "APP_KEY=abc\nDB_HOST=old\nAPP_PORT=13000\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        TestContext ctx = TestContext.of(lif, "path", env.toString(), "regexp", "^DB_HOST=", "line", "DB_HOST=127.0.10.20").diff();
        Outcome o = ctx.run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertEquals("APP_KEY=abc\nDB_HOST=127.0.10.20\nAPP_PORT=13000\n", Files.readString(env));
        assertTrue(c.diff().contains("-DB_HOST=old\n+DB_HOST=127.0.10.20\n"), c.diff());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        assertInstanceOf(Outcome.Ok.class, ctx.run());
    }

    @Test
    void appendsAtEofAddingMissingNewline() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a\nb");
        assertInstanceOf(Outcome.Changed.class, TestContext.of(lif, "path", f.toString(), "line", "c").run());
        assertEquals("a\nb\nc\n", Files.readString(f));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(lif, "path", f.toString(), "line", "c").run());
    }

    @Test
    void insertAfterAndBefore() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "[main]\nx=1\n[other]\ny=2\n");
        TestContext.of(lif, "path", f.toString(), "line", "z=3", "insertafter", "^\\[main\\]").run();
        TestContext.of(lif, "path", f.toString(), "line", "# header", "insertbefore", "BOF").run();
        TestContext.of(lif, "path", f.toString(), "line", "w=0", "insertbefore", "^\\[other\\]").run();
        assertEquals("# header\n[main]\nz=3\nx=1\nw=0\n[other]\ny=2\n", Files.readString(f));
    }

    @Test
    void absentRemovesMatchingLines() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "keep\n#debug=1\ndebug=2\nkeep2\n");
        Outcome o = TestContext.of(lif, "path", f.toString(), "regexp", "debug=", "state", "absent").run();
        assertEquals("remove 2 lines in " + f, o.message());
        assertEquals("keep\nkeep2\n", Files.readString(f));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(lif, "path", f.toString(), "regexp", "debug=", "state", "absent").run());
    }

    @Test
    void missingFileFailsUnlessCreate() throws Exception {
        Path f = dir.resolve("new.conf");
        Outcome o = TestContext.of(lif, "path", f.toString(), "line", "a=1").run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertEquals(f + " does not exist; set create: true to create it", o.message());
        assertInstanceOf(Outcome.Changed.class, TestContext.of(lif, "path", f.toString(), "line", "a=1", "create", true, "mode", "0600").run());
        assertEquals("a=1\n", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void checkModeLeavesTheFileAlone() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a=1\n");
        Outcome o = TestContext.of(lif, "path", f.toString(), "regexp", "^a=", "line", "a=2").check().diff().run();
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, o);
        assertTrue(c.message().startsWith("would replace line 1"), c.message());
        assertTrue(c.diff().contains("+a=2"), c.diff());
        assertEquals("a=1\n", Files.readString(f));
    }

    @Test
    void badRegexpIsExplained() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "a\n");
        Outcome o = TestContext.of(lif, "path", f.toString(), "regexp", "([a", "line", "x").run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().startsWith("regexp is not a valid regular expression"), o.message());
        assertFalse(Files.readString(f).contains("x"));
    }
}
