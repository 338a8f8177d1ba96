package dev.runbook.modules.postgres;

import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.Loopback;
import dev.runbook.modules.ops.TestRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A throwaway PostgreSQL 15 cluster (initdb as postgres, password auth) on 127.0.20.5. */
class PostgresBackupRestoreTest {

    private static final String BIN = "/usr/lib/postgresql/15/bin";
    private static final String ADDR = "127.0.20.5";
    private static final String PASSWORD = "s3cret-pw-for-test";
    private static Path root;
    private static int port;

    @BeforeAll
    static void cluster() throws Exception {
        root = Files.createTempDirectory("rb-pg-");
        port = Loopback.freePort(ADDR);
        Files.writeString(root.resolve("pw"), PASSWORD + "\n");
        TestRun.sh("chown -R postgres: " + root + " && chmod 755 " + root
                + " && runuser -u postgres -- " + BIN + "/initdb -D " + root + "/data -U postgres -A scram-sha-256 --pwfile=" + root + "/pw >/dev/null"
                + " && runuser -u postgres -- " + BIN + "/pg_ctl -D " + root + "/data -l " + root + "/log -w -o \"-c listen_addresses="
                + ADDR + " -p " + port + " -k " + root + "\" start >/dev/null");
        psql("postgres", "CREATE DATABASE shop");
        psql("shop", "CREATE TABLE items (id int primary key, name text, qty int); "
                + "INSERT INTO items SELECT g, 'item ' || g, g * 3 FROM generate_series(1, 500) g; "
                + "CREATE TABLE notes (id serial primary key, body text); INSERT INTO notes (body) VALUES ('first'), ('second');");
    }

    @AfterAll
    static void teardown() throws Exception {
        TestRun.sh("runuser -u postgres -- " + BIN + "/pg_ctl -D " + root + "/data -m fast -w stop >/dev/null; rm -rf " + root);
    }

    private static String psql(String db, String sql) throws Exception {
        return TestRun.sh("PGPASSWORD=" + PASSWORD + " psql -X -q -A -t -v ON_ERROR_STOP=1 -h " + ADDR + " -p " + port
                + " -U postgres -d " + db + " -c \"" + sql + "\"").strip();
    }

    /** Content checksum of every table. */
    private static String checksum() throws Exception {
        return psql("shop", "SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM items t) || '/' || "
                + "(SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM notes n)");
    }

    private static Map<String, Object> conn() {
        Map<String, Object> m = new HashMap<>();
        m.put("database", "shop");
        m.put("host", ADDR);
        m.put("port", port);
        m.put("user", "postgres");
        m.put("password", PASSWORD);
        return m;
    }

    @Test
    void backupIsVerifiedAndRestoreBringsBackExactlyTheOriginalRows() throws Exception {
        Path backups = root.resolve("backups");
        String original = checksum();
        Map<String, Object> args = conn();
        args.put("backup_dir", backups.toString());
        args.put("keep", 1);

        Outcome check = TestRun.expect(Outcome.Ok.class, TestRun.check(new PostgresBackupModule(), args));
        assertTrue(check.message().startsWith("would back up"), check.message());
        assertFalse(Files.exists(backups));

        Outcome.Changed first = TestRun.expect(Outcome.Changed.class, TestRun.run(new PostgresBackupModule(), args));
        Outcome.Changed second = TestRun.expect(Outcome.Changed.class, TestRun.run(new PostgresBackupModule(), args));
        String path = (String) second.data().get("path");
        assertTrue(path.matches(".*/shop-\\d{8}T\\d{6}\\.\\d{3}Z\\.dump"), path);
        assertEquals(List.of(first.data().get("path")), second.data().get("deleted"), "keep: 1 removes the older dump");
        assertFalse(Files.exists(Path.of((String) first.data().get("path") + ".sha256")));
        assertTrue(((Long) second.data().get("size")) > 0);
        assertTrue(second.data().get("server_version").toString().startsWith("15"));
        TestRun.sh("cd " + backups + " && sha256sum -c --quiet " + Path.of(path).getFileName() + ".sha256");
        assertFalse(second.toString().contains(PASSWORD), "the password never reaches the outcome");

        psql("shop", "UPDATE items SET qty = 0 WHERE id < 100; DELETE FROM items WHERE id > 400; "
                + "INSERT INTO notes (body) VALUES ('after backup'); TRUNCATE notes");
        assertNotEquals(original, checksum());

        Map<String, Object> restore = conn();
        restore.put("path", path);
        restore.put("verify_into_scratch", true);
        Outcome.Changed restored = TestRun.expect(Outcome.Changed.class, TestRun.run(new PostgresRestoreModule(), restore));
        assertEquals(true, restored.data().get("scratch_verified"));
        assertEquals(original, checksum(), "every table is back exactly");
        assertEquals("", psql("postgres", "SELECT datname FROM pg_database WHERE datname LIKE 'shop_rbverify_%'"), "scratch dropped");
    }

    @Test
    void aCorruptedOrUnverifiableBackupIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        Map<String, Object> args = conn();
        args.put("backup_dir", root.resolve("backups2").toString());
        Outcome.Changed b = TestRun.expect(Outcome.Changed.class, TestRun.run(new PostgresBackupModule(), args));
        String path = (String) b.data().get("path");
        psql("shop", "INSERT INTO notes (body) VALUES ('written after the backup')");
        String now = checksum();

        byte[] bytes = Files.readAllBytes(Path.of(path));
        bytes[bytes.length / 2] ^= 0x5a;
        Path corrupt = Path.of(path.replace(".dump", "-corrupt.dump"));
        Files.write(corrupt, bytes);
        Files.copy(Path.of(path + ".sha256"), Path.of(corrupt + ".sha256"));
        Map<String, Object> restore = conn();
        restore.put("path", corrupt.toString());
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(new PostgresRestoreModule(), restore));
        assertTrue(f.message().contains("checksum mismatch") && f.message().contains("nothing was restored"), f.message());
        assertEquals(now, checksum());

        Files.delete(Path.of(corrupt + ".sha256"));
        Outcome.Failed noSum = TestRun.expect(Outcome.Failed.class, TestRun.run(new PostgresRestoreModule(), restore));
        assertTrue(noSum.message().contains("no checksum"), noSum.message());

        Map<String, Object> wrongPw = conn();
        wrongPw.put("password", "wrong-password");
        wrongPw.put("backup_dir", root.resolve("backups3").toString());
        Outcome.Failed auth = TestRun.expect(Outcome.Failed.class, TestRun.run(new PostgresBackupModule(), wrongPw));
        assertTrue(auth.message().contains("password authentication failed"), auth.message());
        assertFalse(auth.message().contains("wrong-password"));
    }
}
