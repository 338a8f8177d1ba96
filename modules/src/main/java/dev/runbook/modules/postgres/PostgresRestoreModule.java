package dev.runbook.modules.postgres;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Restores a verified {@code pg_dump -Fc} backup. The checksum is verified before anything touches
 * the database; the restore runs in one transaction ({@code --single-transaction}), so a failing
 * restore leaves the database as it was.
 */
public final class PostgresRestoreModule implements Module {

    @Override
    public String name() {
        return "postgres_restore";
    }

    @Override
    public String summary() {
        return "Restore a pg_dump -Fc backup after verifying its SHA-256 (optionally into a scratch database first), in one transaction";
    }

    @Override
    public ArgSpec args() {
        List<Arg> args = new ArrayList<>(PgConn.args());
        args.add(Arg.required("path", ArgType.PATH, "The dump to restore (e.g. the path registered by postgres_backup); there is no default on purpose"));
        args.add(Arg.optional("sha256", ArgType.STRING, null, "Expected SHA-256 of the dump (default: read from <path>.sha256; no checksum at all is refused)"));
        args.add(Arg.optional("verify_into_scratch", ArgType.BOOL, false, "First restore into a scratch database (created and dropped; needs CREATEDB) to prove the dump restores"));
        args.add(Arg.optional("storage_path", ArgType.PATH, null, "A storage .tar.gz from postgres_backup to restore too (checked against <storage_path>.sha256)"));
        args.add(Arg.optional("storage_dir", ArgType.PATH, null, "Where the storage archive goes (required with storage_path); the current directory is kept as <storage_dir>.before-restore"));
        args.add(Arg.optional("restore_timeout", ArgType.DURATION, Duration.ofHours(2), "Limit for each pg_restore"));
        return new ArgSpec(args, List.of());
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        PgConn pg = PgConn.from(a);
        Remote remote = new Remote(ctx.transport(), a.duration("restore_timeout"));
        String path = a.string("path");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", path);
        data.put("database", pg.database());
        try {
            String sha = verifyChecksum(remote, path, a.optString("sha256").orElse(null));
            data.put("sha256", sha);
            ExecResult list = remote.exec(List.of(pg.tool("pg_restore"), "--list", path));
            if (!list.ok()) {
                throw new OpException("the dump " + path + " is not a readable archive (" + Remote.describeExit(list) + ")" + Remote.errorText(list));
            }
            String storage = a.optString("storage_path").orElse(null);
            if (storage != null) {
                if (!a.has("storage_dir")) {
                    throw new OpException("storage_path needs storage_dir: where to restore the storage archive");
                }
                data.put("storage_sha256", verifyChecksum(remote, storage, null));
                data.put("storage_path", storage);
            }
            if (ctx.checkMode()) {
                return Outcome.changed("would restore " + path + " (checksum verified) into " + pg.database(), data, null);
            }
            data.put("server_version", pg.checkVersions(remote, "pg_restore")[0]);
            if (a.bool("verify_into_scratch")) {
                scratchRestore(remote, pg, path);
                data.put("scratch_verified", true);
            }
            restore(remote, pg, pg.database(), path, true);
            if (storage != null) {
                restoreStorage(remote, storage, a.string("storage_dir"));
            }
            return Outcome.changed("restored " + pg.database() + " from " + path + (storage != null ? " and storage from " + storage : ""), data, null);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage(), data);
        }
    }

    static String verifyChecksum(Remote remote, String path, String expected) throws OpException, TransportException, InterruptedException {
        if (remote.stat(path).isEmpty()) {
            throw new OpException("backup " + path + " does not exist");
        }
        if (expected == null) {
            String sumFile = remote.readText(path + ".sha256").orElseThrow(() -> new OpException(
                    "no checksum for " + path + ": neither the sha256 argument nor " + path + ".sha256; refusing to restore an unverifiable backup"));
            expected = sumFile.strip().split("\\s+")[0];
        }
        expected = expected.strip().toLowerCase(java.util.Locale.ROOT);
        if (!expected.matches("[0-9a-f]{64}")) {
            throw new OpException("the expected checksum for " + path + " is not a SHA-256 hex string");
        }
        String actual = remote.sha256(path);
        if (!actual.equals(expected)) {
            throw new OpException("checksum mismatch for " + path + ": expected " + expected + ", file has " + actual
                    + "; the backup is corrupt or not the one meant; nothing was restored");
        }
        return actual;
    }

    private static void restore(Remote remote, PgConn pg, String db, String path, boolean clean) throws OpException, TransportException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(pg.tool("pg_restore"), "--no-owner", "--single-transaction", "--exit-on-error"));
        if (clean) {
            argv.addAll(List.of("--clean", "--if-exists"));
        }
        argv.addAll(pg.connOptions());
        argv.addAll(List.of("-d", db, path));
        ExecResult r = remote.exec(argv, pg.env());
        if (!r.ok()) {
            throw new OpException("pg_restore into " + db + " failed (" + Remote.describeExit(r) + "); it ran in one transaction, "
                    + "so " + db + " is unchanged" + Remote.errorText(r));
        }
    }

    private static void scratchRestore(Remote remote, PgConn pg, String path) throws OpException, TransportException, InterruptedException {
        String scratch = (pg.database() + "_rbverify_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(java.util.Locale.ROOT);
        pg.sql(remote, pg.database(), "CREATE DATABASE \"" + scratch + "\"");
        try {
            restore(remote, pg, scratch, path, false);
        } catch (OpException e) {
            throw new OpException("the dump does not restore into a scratch database, so " + pg.database() + " was not touched: " + e.getMessage());
        } finally {
            pg.sql(remote, pg.database(), "DROP DATABASE IF EXISTS \"" + scratch + "\"");
        }
    }

    private static void restoreStorage(Remote remote, String archive, String dir) throws OpException, TransportException, InterruptedException {
        // Extract beside the target, then swap directories: a failed extraction leaves the current storage in place.
        String script = """
                set -e
                parent=$(dirname -- "$2"); tmp=$(mktemp -d "$parent/.rb-restore.XXXXXX")
                if ! tar -xzf "$1" -C "$tmp"; then rm -rf -- "$tmp"; echo "cannot extract $1" >&2; exit 1; fi
                set -- "$1" "$2" "$tmp"/*
                if [ $# -ne 3 ] || [ ! -d "$3" ]; then rm -rf -- "$tmp"; echo "the archive must hold exactly one directory" >&2; exit 1; fi
                src=$3; target=$2; tmpdir=$(dirname -- "$src")
                rm -rf -- "$target.before-restore"
                if [ -e "$target" ]; then mv -- "$target" "$target.before-restore"; fi
                mv -- "$src" "$target"; rmdir -- "$tmpdir"
                """;
        remote.mustScript("restoring storage " + archive + " into " + dir, script, archive, dir);
    }
}
