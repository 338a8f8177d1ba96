package dev.runbook.modules.nginx;

import dev.runbook.modules.ops.OpException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic text edits of an Nginx site file. Maintenance comments out every {@code location}
 * block of the selected {@code server} blocks (prefix {@value #OFF}) and inserts a marked block
 * that answers 503 with the page; serving removes the block and uncomments those lines. Nothing
 * else changes, so the edit is reversible without the previous file and idempotent.
 */
final class NginxSite {

    static final String BEGIN = "# BEGIN runbook maintenance";
    static final String END = "# END runbook maintenance";
    static final String OFF = "# runbook off:";
    private static final Pattern OFF_LINE = Pattern.compile("^(\\s*)" + Pattern.quote(OFF) + " ?(.*)$");

    private NginxSite() {
    }

    static String serving(String site) throws OpException {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : site.split("\n", -1)) {
            String t = line.strip();
            if (t.equals(BEGIN) || t.equals(END)) {
                if (inBlock == t.equals(BEGIN)) {
                    throw new OpException("unbalanced '" + BEGIN + "' / '" + END + "' markers in the site file: fix it by hand");
                }
                inBlock = t.equals(BEGIN);
                continue;
            }
            if (inBlock) {
                continue;
            }
            Matcher m = OFF_LINE.matcher(line);
            out.add(m.matches() ? m.group(1) + m.group(2) : line);
        }
        if (inBlock) {
            throw new OpException("'" + BEGIN + "' without '" + END + "' in the site file: fix it by hand");
        }
        return String.join("\n", out);
    }

    static String maintenance(String site, String page, Optional<String> listen) throws OpException {
        if (!page.matches("/[^\"\\\\$;{}\\s]*[^/\"\\\\$;{}\\s]")) {
            throw new OpException("maintenance_page must be an absolute file path without spaces, quotes, '$', ';', braces or backslashes, got '" + page + "'");
        }
        String base = serving(site);
        List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
        List<Block> servers = blocks(lines, 0, lines.size(), 0, "server");
        List<Block> chosen = new ArrayList<>();
        for (Block s : servers) {
            if (listen.isEmpty() || listensOn(lines, s, listen.get())) {
                chosen.add(s);
            }
        }
        if (chosen.isEmpty()) {
            throw new OpException(listen.map(l -> "no server block of the site listens on '" + l + "'")
                    .orElse("the site file has no server block"));
        }
        // Edit bottom-up so earlier line numbers stay valid.
        for (int c = chosen.size() - 1; c >= 0; c--) {
            Block s = chosen.get(c);
            List<Block> locations = blocks(lines, s.start + 1, s.end, 0, "location");
            String indent = locations.isEmpty() ? indentOf(lines.get(s.start)) + "    " : indentOf(lines.get(locations.get(0).start));
            for (Block l : locations) {
                for (int i = l.start; i <= l.end; i++) {
                    String line = lines.get(i);
                    String ind = indentOf(line);
                    String rest = line.substring(ind.length());
                    lines.set(i, rest.isEmpty() ? ind + OFF : ind + OFF + " " + rest);
                }
            }
            int slash = page.lastIndexOf('/');
            String dir = slash <= 0 ? "/" : page.substring(0, slash);
            String file = page.substring(slash + 1);
            List<String> block = List.of(
                    indent + BEGIN,
                    indent + "error_page 503 @runbook_maintenance;",
                    indent + "location / {",
                    indent + "    return 503;",
                    indent + "}",
                    // A named location: the page has no URL of its own, every request path gets the 503.
                    indent + "location @runbook_maintenance {",
                    indent + "    root " + quote(dir) + ";",
                    indent + "    rewrite ^ " + quote("/" + file) + " break;",
                    indent + "    default_type text/html;",
                    indent + "    add_header Cache-Control no-store always;",
                    indent + "    add_header Retry-After 60 always;",
                    indent + "}",
                    indent + END);
            int at = locations.isEmpty() ? s.end : locations.get(0).start;
            lines.addAll(at, block);
        }
        return String.join("\n", lines);
    }

    /** An Nginx string literal: paths from arguments never break or extend the configuration. */
    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static boolean listensOn(List<String> lines, Block server, String listen) {
        for (int i = server.start; i <= server.end; i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("listen ") && t.contains(listen)) {
                return true;
            }
        }
        return false;
    }

    private static String indentOf(String line) {
        int k = 0;
        while (k < line.length() && Character.isWhitespace(line.charAt(k))) {
            k++;
        }
        return line.substring(0, k);
    }

    /** A block {@code keyword ... { ... }} occupying whole lines start..end (inclusive). */
    record Block(int start, int end) {
    }

    /**
     * Blocks introduced by {@code keyword} at brace depth {@code depth} within lines [from, to).
     * Comments and quoted strings are skipped when counting braces. A block must start at the
     * beginning of its line and its closing brace must end its line: the edit works on whole lines.
     */
    static List<Block> blocks(List<String> lines, int from, int to, int depth, String keyword) throws OpException {
        List<Block> found = new ArrayList<>();
        int level = 0;
        int open = -1;
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            String code = stripComment(line);
            if (level == depth && open < 0) {
                String t = code.strip();
                if (t.equals(keyword) || t.startsWith(keyword + " ") || t.startsWith(keyword + "{") || t.startsWith(keyword + "\t")) {
                    open = i;
                }
            }
            for (int k = nextUnquoted(code, 0, "{}"); k >= 0; k = nextUnquoted(code, k + 1, "{}")) {
                if (code.charAt(k) == '{') {
                    level++;
                } else {
                    level--;
                    if (level == depth && open >= 0) {
                        if (!code.substring(k + 1).isBlank()) {
                            throw new OpException("line " + (i + 1) + " of the site file has text after the '}' closing a " + keyword
                                    + " block; put each " + keyword + " block on lines of its own");
                        }
                        found.add(new Block(open, i));
                        open = -1;
                    }
                }
            }
        }
        if (level != 0) {
            throw new OpException("unbalanced braces in the site file");
        }
        return found;
    }

    static String stripComment(String line) {
        int hash = nextUnquoted(line, 0, "#");
        return hash < 0 ? line : line.substring(0, hash);
    }

    /**
     * The index of the next of {@code chars} at or after {@code from} that is outside a quoted
     * string (with backslash escapes), or -1. {@code from} must not lie inside quotes: 0, or just
     * past an unquoted character.
     */
    static int nextUnquoted(String line, int from, String chars) {
        char quote = 0;
        for (int k = from; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (quote != 0) {
                if (ch == '\\') {
                    k++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (chars.indexOf(ch) >= 0) {
                return k;
            }
        }
        return -1;
    }
}
