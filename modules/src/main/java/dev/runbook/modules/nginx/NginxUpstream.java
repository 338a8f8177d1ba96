package dev.runbook.modules.nginx;

import dev.runbook.modules.ops.OpException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks members of an {@code upstream} block {@code down} or removes that flag again: open source
 * Nginx has no runtime API, so this is a text edit of the site file. Only the flag is added
 * (before the {@code ;}) or removed, so down-then-up gives the file back byte for byte, and the
 * edit of a line already in the wanted state is no edit at all (idempotent).
 */
final class NginxUpstream {

    /** {@code server <address> [parameters];} as a line's only statement (comment already stripped). */
    private static final Pattern SERVER = Pattern.compile("^(\\s*server\\s+)([^\\s;]+)([^;]*?)(\\s*;\\s*)$");
    private static final Pattern DOWN = Pattern.compile("\\s+down(?=\\s|$)");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s;{}#\"'\\\\]+");

    /** The edited site and the addresses whose line changed. */
    record Edit(String site, List<String> switched) {
    }

    private NginxUpstream() {
    }

    /** Checks the servers argument: a non-empty list of addresses as written in the server lines. */
    static List<String> addresses(List<Object> given) throws OpException {
        if (given.isEmpty()) {
            throw new OpException("servers is an empty list: give the members as written in the upstream's server lines, e.g. [10.0.0.12:13000]");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Object v = given.get(i);
            if (!(v instanceof String s) || !ADDRESS.matcher(s).matches()) {
                throw new OpException("servers[" + i + "] must be an address as written in a server line (e.g. 10.0.0.12:13000 or unix:/run/app.sock), got "
                        + (v instanceof String s ? "'" + s + "'" : "a " + (v instanceof List ? "list" : v instanceof Map ? "map" : String.valueOf(v))));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    static Edit members(String site, String upstream, List<String> servers, boolean down) throws OpException {
        List<String> lines = new ArrayList<>(List.of(site.split("\n", -1)));
        NginxSite.Block block = find(lines, upstream);
        Set<String> missing = new LinkedHashSet<>(servers);
        List<String> present = new ArrayList<>();
        List<String> switched = new ArrayList<>();
        for (int i = block.start(); i <= block.end(); i++) {
            String line = lines.get(i);
            String code = NginxSite.stripComment(line);
            if (i == block.start() || i == block.end()) {
                String inner = i == block.start() ? code.substring(code.indexOf('{') + 1) : code.substring(0, code.lastIndexOf('}'));
                if (!inner.isBlank()) {
                    throw new OpException("line " + (i + 1) + " of the site file: put the '{' and '}' of upstream " + upstream
                            + " on lines without directives, and each server on a line of its own");
                }
                continue;
            }
            String t = code.strip();
            if (!(t.equals("server") || t.startsWith("server ") || t.startsWith("server\t"))) {
                continue;
            }
            Matcher m = SERVER.matcher(code);
            if (!m.matches()) {
                throw new OpException("line " + (i + 1) + " of the site file: expected one 'server <address> [parameters];' per line in upstream "
                        + upstream + ", got '" + line.strip() + "'");
            }
            String address = m.group(2);
            present.add(address);
            if (!servers.contains(address)) {
                continue;
            }
            missing.remove(address);
            String params = m.group(3);
            boolean isDown = DOWN.matcher(params).find();
            if (isDown == down) {
                continue;
            }
            String newParams = down ? params + " down" : DOWN.matcher(params).replaceAll("");
            lines.set(i, m.group(1) + address + newParams + m.group(4) + line.substring(code.length()));
            if (!switched.contains(address)) {
                switched.add(address);
            }
        }
        if (!missing.isEmpty()) {
            throw new OpException("upstream " + upstream + " has no server " + String.join(", ", missing)
                    + " (its servers: " + (present.isEmpty() ? "none" : String.join(", ", present))
                    + "); give the addresses exactly as written in its server lines. Nothing was changed");
        }
        return new Edit(String.join("\n", lines), List.copyOf(switched));
    }

    /** The one upstream block of that name, at the top level of the site or inside its http block. */
    private static NginxSite.Block find(List<String> lines, String upstream) throws OpException {
        List<String> names = new ArrayList<>();
        List<NginxSite.Block> found = new ArrayList<>();
        for (int depth = 0; depth <= 1; depth++) {
            for (NginxSite.Block b : NginxSite.blocks(lines, 0, lines.size(), depth, "upstream")) {
                String rest = NginxSite.stripComment(lines.get(b.start())).strip().substring("upstream".length()).strip();
                int endOfName = 0;
                while (endOfName < rest.length() && !Character.isWhitespace(rest.charAt(endOfName)) && rest.charAt(endOfName) != '{') {
                    endOfName++;
                }
                String name = rest.substring(0, endOfName);
                names.add(name);
                if (name.equals(upstream)) {
                    found.add(b);
                }
            }
        }
        if (found.isEmpty()) {
            throw new OpException("the site file has no upstream " + upstream
                    + (names.isEmpty() ? " (it has no upstream block at all)" : " (its upstreams: " + String.join(", ", names) + ")")
                    + "; nothing was changed");
        }
        if (found.size() > 1) {
            throw new OpException("the site file defines upstream " + upstream + " " + found.size() + " times; fix it by hand");
        }
        return found.get(0);
    }
}
