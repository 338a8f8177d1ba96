package dev.runbook.modules.haproxy;

import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrative state of one server ({@code server}) or several ({@code servers}) through
 * HAProxy's runtime API (the admin stats socket).
 *
 * <p>Every named server is looked up before anything is changed, so a typo refuses the whole call
 * instead of leaving half of the servers switched. With {@code wait}, the call returns when every
 * server shows the state and, for drain/maint, has no current sessions left.
 *
 * <p>The socket is a unix socket on the host, so the commands are sent from there: with {@code socat}
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

    /** One server of a backend; {@link #name()} is the {@code backend/server} form the runtime API takes. */
    record Target(String backend, String server) {
        String name() {
            return backend + "/" + server;
        }
    }

    private final Remote remote;
    private final ModuleContext ctx;
    private final String socket;
    private final List<Target> targets;
    /** {@code server} given: the registered data keeps the single-server shape (scalars, not maps). */
    private final boolean single;

    HaproxyRuntime(Remote remote, ModuleContext ctx) throws OpException {
        this.remote = remote;
        this.ctx = ctx;
        Args a = ctx.args();
        this.socket = a.string("socket");
        this.single = a.has("server");
        if (a.has("server") == a.has("servers")) {
            throw new OpException("action needs exactly one of server (backend/server, e.g. app/app1) or servers (a list of them), "
                    + (single ? "not both" : "none was given"));
        }
        List<Object> given = single ? List.of(a.raw("server")) : a.list("servers");
        if (given.isEmpty()) {
            throw new OpException("servers is an empty list: give at least one backend/server, e.g. [app/app2, app/app3]");
        }
        Set<Target> parsed = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            parsed.add(parse(given.get(i), single ? "server" : "servers[" + i + "]"));
        }
        this.targets = List.copyOf(parsed);
    }

    private static Target parse(Object value, String where) throws OpException {
        if (!(value instanceof String s)) {
            throw new OpException(where + " must be text backend/server (e.g. app/app1), got a " + kind(value));
        }
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0 || s.chars().anyMatch(Character::isWhitespace)) {
            throw new OpException(where + " must be backend/server (e.g. app/app1), got '" + s + "'");
        }
        return new Target(s.substring(0, slash), s.substring(slash + 1));
    }

    private static String kind(Object v) {
        return v instanceof List ? "list" : v instanceof Map ? "map" : v == null ? "null" : v.getClass().getSimpleName();
    }

    Outcome run() throws OpException, TransportException, InterruptedException {
        Args a = ctx.args();
        String target = switch (a.string("action")) {
            case "enable", "ready" -> "ready";
            case "disable", "maint" -> "maint";
            default -> "drain";
        };
        Map<Target, String> before = adminStates();
        List<Target> toSwitch = targets.stream().filter(t -> !before.get(t).equals(target)).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        if (single) {
            data.put("server", targets.get(0).name());
            data.put("previous_state", before.get(targets.get(0)));
        } else {
            data.put("servers", names(targets));
            data.put("previous_state", byName(before));
        }
        data.put("state", target);
        data.put("switched", names(toSwitch));
        String all = String.join(", ", names(targets));
        String transitions = toSwitch.stream().map(t -> t.name() + ": " + before.get(t) + " -> " + target)
                .collect(Collectors.joining(", "));
        if (ctx.checkMode()) {
            return toSwitch.isEmpty() ? Outcome.ok(all + (single ? " is" : " are") + " already " + target, data)
                    : Outcome.changed("would set " + transitions, data, null);
        }
        List<Target> done = new ArrayList<>();
        for (Target t : toSwitch) {
            String command = "set server " + t.name() + " state " + target;
            String reply = send(command).strip();
            if (!reply.isEmpty()) {
                return Outcome.failed("HAProxy refused '" + command + "': " + reply
                        + (done.isEmpty() ? "" : " (already set to " + target + ": " + String.join(", ", names(done)) + ")"), data);
            }
            done.add(t);
        }
        Optional<String> problem = a.bool("wait") ? await(target, data) : notInState(target, adminStates());
        if (problem.isPresent()) {
            return Outcome.failed(problem.get(), data);
        }
        return toSwitch.isEmpty() ? Outcome.ok(all + (single ? " is" : " are") + " already " + target, data)
                : Outcome.changed(transitions, data, null);
    }

    /**
     * Polls until every server shows {@code target} and, unless it is ready, has no current sessions;
     * empty when reached, else what is still missing when the time is up.
     */
    private Optional<String> await(String target, Map<String, Object> data) throws OpException, TransportException, InterruptedException {
        Duration limit = ctx.args().duration("wait_timeout");
        if (ctx.timeout().isPresent() && ctx.timeout().get().compareTo(limit) < 0) {
            limit = ctx.timeout().get();
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<String> state = notInState(target, adminStates());
            Map<Target, Long> sessions = target.equals("ready") ? Map.of() : sessions();
            Map<Target, Long> busy = new LinkedHashMap<>(sessions);
            busy.values().removeIf(n -> n == 0);
            if (state.isEmpty() && busy.isEmpty()) {
                if (!sessions.isEmpty()) {
                    data.put("sessions", single ? (Object) 0L : byName(sessions));
                }
                return Optional.empty();
            }
            String left = busy.entrySet().stream().map(e -> e.getKey().name() + " still has " + e.getValue() + " sessions")
                    .collect(Collectors.joining(", "));
            if (System.nanoTime() > deadline || ctx.cancelled()) {
                if (!sessions.isEmpty()) {
                    data.put("sessions", single ? (Object) sessions.get(targets.get(0)) : byName(sessions));
                }
                return Optional.of(state.map(s -> s + (left.isEmpty() ? "" : "; ")).orElse("")
                        + (left.isEmpty() ? "" : left + " (state " + target + ")")
                        + " after " + limit.toSeconds() + "s" + (ctx.cancelled() ? " (interrupted)" : ""));
            }
            ctx.progress(state.orElse(left));
            Thread.sleep(500);
        }
    }

    private Optional<String> notInState(String target, Map<Target, String> now) {
        List<String> off = targets.stream().filter(t -> !now.get(t).equals(target))
                .map(t -> t.name() + " is " + now.get(t)).toList();
        return off.isEmpty() ? Optional.empty()
                : Optional.of("after 'set server ... state " + target + "' HAProxy reports " + String.join(", ", off));
    }

    /** ready, drain or maint of every target, from {@code show servers state}; all missing ones are named at once. */
    private Map<Target, String> adminStates() throws OpException, TransportException, InterruptedException {
        String out = send("show servers state");
        Map<Target, String> found = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            // columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...
            if (f.length > 6 && !line.startsWith("#")) {
                Target t = new Target(f[1], f[3]);
                if (targets.contains(t)) {
                    int adm = Integer.parseInt(f[6]);
                    found.put(t, (adm & FORCED_MAINT) != 0 ? "maint" : (adm & FORCED_DRAIN) != 0 ? "drain" : "ready");
                }
            }
        }
        List<String> missing = targets.stream().filter(t -> !found.containsKey(t)).map(Target::name).toList();
        if (!missing.isEmpty()) {
            throw new OpException("HAProxy (socket " + socket + ") has no server " + String.join(", ", missing)
                    + "; nothing was changed" + (out.contains("# be_id") || out.isBlank() ? "" : " (HAProxy answered: " + out.strip().lines().findFirst().orElse("") + ")"));
        }
        return found;
    }

    /** Current sessions of every target ({@code scur} of {@code show stat}). */
    private Map<Target, Long> sessions() throws OpException, TransportException, InterruptedException {
        List<String> lines = send("show stat").lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new OpException("unexpected 'show stat' answer from " + socket);
        }
        List<String> header = List.of(lines.get(0).substring(2).split(","));
        int px = header.indexOf("pxname");
        int sv = header.indexOf("svname");
        int scur = header.indexOf("scur");
        Map<Target, Long> found = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            if (f.length > scur) {
                Target t = new Target(f[px], f[sv]);
                if (targets.contains(t)) {
                    found.put(t, f[scur].isEmpty() ? 0 : Long.parseLong(f[scur]));
                }
            }
        }
        for (Target t : targets) {
            if (!found.containsKey(t)) {
                throw new OpException("'show stat' has no row for " + t.name());
            }
        }
        return found;
    }

    private static List<String> names(List<Target> ts) {
        return ts.stream().map(Target::name).toList();
    }

    private static Map<String, Object> byName(Map<Target, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((t, v) -> out.put(t.name(), v));
        return out;
    }

    private String send(String command) throws OpException, TransportException, InterruptedException {
        ExecResult r = remote.script(CLIENT, socket, command);
        return Remote.checked("HAProxy runtime API command '" + command + "' on " + socket, r).stdout();
    }
}
