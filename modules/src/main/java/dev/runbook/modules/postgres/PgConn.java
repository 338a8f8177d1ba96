package dev.runbook.modules.postgres;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection settings shared by the PostgreSQL modules. The password never appears in argv: it
 * travels as PGPASSWORD in the command's environment, or is read by libpq from a pgpass file
 * (PGPASSFILE).
 */
record PgConn(String database, String host, Long port, String user, String pgpass, String password, String binDir) {

    static List<Arg> args() {
        return List.of(
                Arg.required("database", ArgType.STRING, "Database name"),
                Arg.optional("host", ArgType.STRING, null, "Server host or socket directory (default: libpq's default, the local socket)"),
                Arg.optional("port", ArgType.INT, 5432L, "Server port"),
                Arg.optional("user", ArgType.STRING, null, "Role to connect as (default: libpq's default)"),
                Arg.optional("pgpass", ArgType.PATH, null, "pgpass file on the host holding the password (passed as PGPASSFILE)"),
                Arg.optional("password", ArgType.STRING, null, "Password, passed to the client tools in the PGPASSWORD environment variable (never on the command line)").asSecret(),
                Arg.optional("bin_dir", ArgType.PATH, null, "Directory of the client tools to use, e.g. /usr/lib/postgresql/15/bin, to match the server's major version"));
    }

    static PgConn from(Args a) {
        return new PgConn(a.string("database"), a.optString("host").orElse(null), a.optInteger("port").orElse(5432L),
                a.optString("user").orElse(null), a.optString("pgpass").orElse(null), a.optString("password").orElse(null),
                a.optString("bin_dir").orElse(null));
    }

    String tool(String name) {
        return binDir == null ? name : binDir + "/" + name;
    }

    /** -h -p -U options (no database). */
    List<String> connOptions() {
        List<String> o = new ArrayList<>();
        if (host != null) {
            o.addAll(List.of("-h", host));
        }
        o.addAll(List.of("-p", String.valueOf(port)));
        if (user != null) {
            o.addAll(List.of("-U", user));
        }
        return o;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PGCONNECT_TIMEOUT", "15");
        if (pgpass != null) {
            env.put("PGPASSFILE", pgpass);
        }
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    /** Runs one SQL statement with psql against {@code db}; returns its unaligned output. */
    String sql(Remote remote, String db, String statement) throws OpException, TransportException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(tool("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
        argv.addAll(connOptions());
        argv.addAll(List.of("-d", db, "-c", statement));
        ExecResult r = remote.exec(argv, env());
        if (!r.ok()) {
            throw new OpException("psql (" + statement + ") on database " + db + " failed (" + Remote.describeExit(r) + ")" + Remote.errorText(r));
        }
        return r.stdout().strip();
    }

    static int major(String version) {
        String v = version.strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }

    /** Server version; fails with a clear message when the client tool is older than the server. */
    String[] checkVersions(Remote remote, String tool) throws OpException, TransportException, InterruptedException {
        String server = sql(remote, database, "SHOW server_version");
        ExecResult c = remote.exec(List.of(tool(tool), "--version"));
        if (!c.ok()) {
            throw new OpException(tool(tool) + " is not usable on the host (" + Remote.describeExit(c) + ")" + Remote.errorText(c)
                    + "; install the PostgreSQL client tools matching the server (" + server + ")");
        }
        // "pg_dump (PostgreSQL) 15.18 (Debian ...)"
        String[] words = c.stdout().strip().split("\\s+");
        String client = words.length >= 3 ? words[2] : c.stdout().strip();
        int sMajor = major(server);
        int cMajor = major(client);
        if (cMajor < 0 || sMajor < 0 || cMajor != sMajor) {
            throw new OpException(tool + " " + client + " does not match the server's major version (" + server + "): "
                    + "install postgresql-client-" + sMajor + " on the host and/or set bin_dir (e.g. /usr/lib/postgresql/" + sMajor + "/bin)");
        }
        return new String[]{server, client};
    }
}
