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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verified {@code pg_dump -Fc} backup on the database host: dump, prove it is readable
 * ({@code pg_restore --list}), checksum it, keep the newest N. A dump that cannot be verified is
 * removed and the step fails: a runbook must never go on believing it has a backup it has not.
 */
public final class PostgresBackupModule implements Module {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "postgres_backup";
    }

    @Override
    public String summary() {
        return "Verified pg_dump -Fc backup (pg_restore --list, SHA-256 file), retention, optional storage tar.gz";
    }

    @Override
    public ArgSpec args() {
        List<Arg> args = new ArrayList<>(PgConn.args());
        args.add(Arg.required("backup_dir", ArgType.PATH, "Directory on the host for <database>-<UTC timestamp>.dump and its .sha256 (created 0700 if missing)"));
        args.add(Arg.optional("keep", ArgType.INT, null, "Keep only the newest N dumps of this database (older ones are deleted with their .sha256 and storage archives)"));
        args.add(Arg.optional("storage_dir", ArgType.PATH, null, "Also archive this directory (e.g. the application's storage) as <database>-<timestamp>.storage.tar.gz"));
        args.add(Arg.optional("dump_timeout", ArgType.DURATION, Duration.ofHours(2), "Limit for pg_dump and the archive"));
        return new ArgSpec(args, List.of());
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        PgConn pg = PgConn.from(a);
        String dir = a.string("backup_dir");
        Remote remote = new Remote(ctx.transport(), a.duration("dump_timeout"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("database", pg.database());
        if (ctx.checkMode()) {
            return Outcome.ok("would back up database " + pg.database() + " to " + dir
                    + a.optString("storage_dir").map(s -> " and archive " + s).orElse(""), data);
        }
        if (a.optInteger("keep").map(k -> k < 1).orElse(false)) {
            return Outcome.failed("keep must be at least 1 (the backup just taken is always kept)", data);
        }
        String stamp = STAMP.format(Instant.now());
        String file = dir + "/" + pg.database() + "-" + stamp + ".dump";
        try {
            String[] versions = pg.checkVersions(remote, "pg_dump");
            data.put("server_version", versions[0]);
            data.put("client_version", versions[1]);
            remote.mustScript("create " + dir, "umask 077; mkdir -p -- \"$1\"", dir);
            long start = System.nanoTime();
            List<String> argv = new ArrayList<>(List.of(pg.tool("pg_dump"), "-Fc", "-b", "--quote-all-identifiers"));
            argv.addAll(pg.connOptions());
            argv.addAll(List.of("-d", pg.database(), "-f", file));
            ExecResult dump = remote.script("umask 077; exec \"$@\"", argv, pg.env());
            if (!dump.ok()) {
                throw new OpException("pg_dump of " + pg.database() + " failed (" + Remote.describeExit(dump) + ")" + Remote.errorText(dump));
            }
            String sha = verify(remote, pg, file);
            data.put("path", file);
            data.put("size", remote.stat(file).map(i -> i.size()).orElse(0L));
            data.put("sha256", sha);
            data.put("duration_ms", (System.nanoTime() - start) / 1_000_000);
            if (a.has("storage_dir")) {
                String archive = dir + "/" + pg.database() + "-" + stamp + ".storage.tar.gz";
                String storage = a.string("storage_dir");
                ExecResult tar = remote.script("umask 077; cd -- \"$(dirname -- \"$1\")\" && tar -czf \"$2\" -- \"$(basename -- \"$1\")\"",
                        List.of(storage, archive), Map.of());
                if (!tar.ok()) {
                    remote.remove(archive, file, file + ".sha256");
                    throw new OpException("archiving " + storage + " failed (" + Remote.describeExit(tar) + ")" + Remote.errorText(tar)
                            + "; the database dump was removed too, so no half backup is left");
                }
                String ssha = remote.sha256(archive);
                writeSum(remote, archive, ssha);
                data.put("storage_path", archive);
                data.put("storage_sha256", ssha);
            }
            data.put("deleted", a.optInteger("keep").isPresent() ? retain(remote, dir, pg.database(), a.integer("keep")) : List.of());
            return Outcome.changed("backed up " + pg.database() + " to " + file + " (" + data.get("size") + " bytes, verified)", data, null);
        } catch (OpException e) {
            remote.remove(file, file + ".sha256");
            return Outcome.failed(e.getMessage(), data);
        }
    }

    /** Proves the dump is a readable archive and writes its checksum file; returns the checksum. */
    static String verify(Remote remote, PgConn pg, String file) throws OpException, TransportException, InterruptedException {
        var info = remote.stat(file);
        if (info.isEmpty() || info.get().size() == 0) {
            throw new OpException("pg_dump exited successfully but " + file + " is " + (info.isEmpty() ? "missing" : "empty"));
        }
        ExecResult list = remote.exec(List.of(pg.tool("pg_restore"), "--list", file));
        if (!list.ok() || list.stdout().isBlank()) {
            throw new OpException("the dump " + file + " is not a readable archive: pg_restore --list failed (" + Remote.describeExit(list) + ")"
                    + Remote.errorText(list));
        }
        String sha = remote.sha256(file);
        writeSum(remote, file, sha);
        return sha;
    }

    private static void writeSum(Remote remote, String file, String sha) throws TransportException, InterruptedException {
        // sha256sum -c format, relative name: `cd <dir> && sha256sum -c <file>.sha256` works.
        String name = file.substring(file.lastIndexOf('/') + 1);
        remote.transport().putFile(file + ".sha256", (sha + "  " + name + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.runbook.engine.transport.FileAttrs.mode(0600), null);
    }

    /** Deletes all but the newest {@code keep} dumps of the database; returns the deleted dump paths. */
    private static List<String> retain(Remote remote, String dir, String db, long keep) throws OpException, TransportException, InterruptedException {
        ExecResult ls = remote.must("list " + dir, List.of("ls", "-1", "--", dir));
        Pattern own = Pattern.compile(Pattern.quote(db) + "-(\\d{8}T\\d{6}\\.\\d{3}Z)\\.dump");
        List<String> stamps = new ArrayList<>();
        for (String name : ls.stdout().split("\n")) {
            var m = own.matcher(name.strip());
            if (m.matches()) {
                stamps.add(m.group(1));
            }
        }
        stamps.sort(null);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < stamps.size() - keep; i++) {
            String prefix = dir + "/" + db + "-" + stamps.get(i);
            remote.remove(prefix + ".dump", prefix + ".dump.sha256", prefix + ".storage.tar.gz", prefix + ".storage.tar.gz.sha256");
            deleted.add(prefix + ".dump");
        }
        return deleted;
    }
}
