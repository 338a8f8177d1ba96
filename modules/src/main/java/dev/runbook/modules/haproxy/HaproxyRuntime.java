package dev.runbook.modules.haproxy;

import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server's administrative state through HAProxy's runtime API (the admin stats socket).
 *
 * <p>The socket is a unix socket on the host, so the command is sent from there: with {@code socat}
 * when installed (HAProxy's documented client), else with Perl's IO::Socket::UNIX (perl-base is
 * essential on Debian/Ubuntu, so it is always there).
 */
final class HaproxyRuntime {

    /** Admin-state bits of {@code show servers state} (HAProxy's SRV_ADMF_FMAINT / SRV_ADMF_FDRAIN). */
    private static final int FORCED_MAINT = 0x01;
    private static final int FORCED_DRAIN = 0x08;

    private static final String CLIENT = """
            if command -v socat >/dev/null 2>&1; then
              printf '%s\\n' "$2" | socat -t 10 stdio "UNIX-CONNECT:$1"
            else
              perl -MIO::Socket::UNIX -e '
                my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "cannot connect to HAProxy socket $ARGV[0]: $!\\n";
                print $s "$ARGV[1]\\n"; while (<$s>) { print }' "$1" "$2"
            fi""";

    private final Remote remote;
    private final ModuleContext ctx;
    private final String socket;
    private final String backend;
    private final String server;

    HaproxyRuntime(Remote remote, ModuleContext ctx) throws OpException {
        this.remote = remote;
        this.ctx = ctx;
        Args a = ctx.args();
        this.socket = a.string("socket");
        String s = a.optString("server").orElseThrow(() -> new OpException("action needs server: backend/server, e.g. app/app1"));
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            throw new OpException("server must be backend/server (e.g. app/app1), got '" + s + "'");
        }
        this.backend = s.substring(0, slash);
        this.server = s.substring(slash + 1);
    }

    Outcome run() throws OpException, TransportException, InterruptedException {
        Args a = ctx.args();
        String target = switch (a.string("action")) {
            case "enable", "ready" -> "ready";
            case "disable", "maint" -> "maint";
            default -> "drain";
        };
        String before = adminState();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("server", backend + "/" + server);
        data.put("previous_state", before);
        data.put("state", target);
        boolean change = !before.equals(target);
        if (ctx.checkMode()) {
            return change ? Outcome.changed("would set " + backend + "/" + server + " from " + before + " to " + target, data, null)
                    : Outcome.ok(backend + "/" + server + " is already " + target, data);
        }
        if (change) {
            String reply = send("set server " + backend + "/" + server + " state " + target).strip();
            if (!reply.isEmpty()) {
                throw new OpException("HAProxy refused 'set server " + backend + "/" + server + " state " + target + "': " + reply);
            }
            String now = adminState();
            if (!now.equals(target)) {
                throw new OpException("after 'set server ... state " + target + "' HAProxy reports " + backend + "/" + server + " as " + now);
            }
        }
        if (a.bool("wait") && !target.equals("ready")) {
            Duration limit = a.duration("wait_timeout");
            if (ctx.timeout().isPresent() && ctx.timeout().get().compareTo(limit) < 0) {
                limit = ctx.timeout().get();
            }
            long deadline = System.nanoTime() + limit.toNanos();
            long sessions;
            while ((sessions = currentSessions()) > 0) {
                if (System.nanoTime() > deadline || ctx.cancelled()) {
                    data.put("sessions", sessions);
                    return Outcome.failed(backend + "/" + server + " is " + target + " but still has " + sessions
                            + " sessions after " + limit.toSeconds() + "s" + (ctx.cancelled() ? " (interrupted)" : ""), data);
                }
                ctx.progress(backend + "/" + server + ": " + sessions + " sessions left");
                Thread.sleep(500);
            }
            data.put("sessions", 0L);
        }
        return change ? Outcome.changed(backend + "/" + server + ": " + before + " -> " + target, data, null)
                : Outcome.ok(backend + "/" + server + " is already " + target, data);
    }

    /** ready, drain or maint, from {@code show servers state <backend>}. */
    private String adminState() throws OpException, TransportException, InterruptedException {
        String out = send("show servers state " + backend);
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            // columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...
            if (f.length > 6 && !line.startsWith("#") && f[1].equals(backend) && f[3].equals(server)) {
                int adm = Integer.parseInt(f[6]);
                if ((adm & FORCED_MAINT) != 0) {
                    return "maint";
                }
                return (adm & FORCED_DRAIN) != 0 ? "drain" : "ready";
            }
        }
        throw new OpException("HAProxy (socket " + socket + ") has no server " + backend + "/" + server
                + (out.isBlank() ? "" : ": " + out.strip().lines().findFirst().orElse("")));
    }

    /** Current sessions of the server ({@code scur} of {@code show stat}). */
    private long currentSessions() throws OpException, TransportException, InterruptedException {
        List<String> lines = send("show stat").lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new OpException("unexpected 'show stat' answer from " + socket);
        }
        List<String> header = List.of(lines.get(0).substring(2).split(","));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int scur = header.indexOf("scur");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            if (f.length > scur && f[px].equals(backend) && f[sv].equals(server)) {
                return f[scur].isEmpty() ? 0 : Long.parseLong(f[scur]);
            }
        }
        throw new OpException("'show stat' has no row for " + backend + "/" + server);
    }

    private String send(String command) throws OpException, TransportException, InterruptedException {
        ExecResult r = remote.script(CLIENT, socket, command);
        return Remote.checked("HAProxy runtime API command '" + command + "' on " + socket, r).stdout();
    }
}
