package dev.runbook.modules.haproxy;

import dev.runbook.modules.ops.OpException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deterministic text edits of an HAProxy configuration: a marked maintenance block at the top of
 * each selected {@code frontend}/{@code listen} section, or none. Everything else (comments,
 * order, spacing) is kept byte for byte, so the edit is reversible and idempotent:
 * {@code maintenance(serving(x))} is computed from any starting state.
 */
final class HaproxyConfig {

    static final String BEGIN = "# BEGIN runbook maintenance";
    static final String END = "# END runbook maintenance";

    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen", "resolvers",
            "peers", "userlist", "mailers", "program", "http-errors", "ring", "cache", "crt-store", "traces");

    private HaproxyConfig() {
    }

    /** The configuration without any runbook maintenance block. */
    static String serving(String cfg) throws OpException {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : cfg.split("\n", -1)) {
            String t = line.strip();
            if (t.equals(BEGIN)) {
                if (inBlock) {
                    throw new OpException("the configuration has a '" + BEGIN + "' without a matching '" + END + "': fix it by hand");
                }
                inBlock = true;
            } else if (t.equals(END)) {
                if (!inBlock) {
                    throw new OpException("the configuration has a '" + END + "' without a '" + BEGIN + "': fix it by hand");
                }
                inBlock = false;
            } else if (!inBlock) {
                out.add(line);
            }
        }
        if (inBlock) {
            throw new OpException("the configuration has a '" + BEGIN + "' without a matching '" + END + "': fix it by hand");
        }
        return String.join("\n", out);
    }

    /** The serving configuration plus a maintenance block answering every request with the 503 response file. */
    static String maintenance(String cfg, Optional<String> frontend, String responseFile) throws OpException {
        String base = serving(cfg);
        List<String> lines = List.of(base.split("\n", -1));
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int selected = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.add(line);
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && (words[0].equals("frontend") || words[0].equals("listen")) && !line.startsWith(" ")
                    && !line.startsWith("\t")) {
                names.add(words[1]);
                if (frontend.isEmpty() || frontend.get().equals(words[1])) {
                    String indent = indentOfSection(lines, i + 1);
                    out.add(indent + BEGIN);
                    out.add(indent + "http-request return status 503 errorfile " + responseFile);
                    out.add(indent + END);
                    selected++;
                }
            }
        }
        if (selected == 0) {
            throw new OpException(frontend.map(f -> "no frontend or listen section named '" + f + "' in the configuration; it has: "
                    + (names.isEmpty() ? "none" : String.join(", ", names))).orElse("the configuration has no frontend or listen section"));
        }
        return String.join("\n", out);
    }

    private static String indentOfSection(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            String l = lines.get(j);
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            String first = l.strip().split("\\s+")[0];
            if (SECTIONS.contains(first) && !Character.isWhitespace(l.charAt(0))) {
                break;
            }
            int k = 0;
            while (k < l.length() && Character.isWhitespace(l.charAt(k))) {
                k++;
            }
            return k == 0 ? "    " : l.substring(0, k);
        }
        return "    ";
    }

    /**
     * An errorfile-style raw HTTP/1.0 response: HAProxy sends it as is. It has to fit in one buffer
     * (tune.bufsize, 16 kB by default, minus the rewrite reserve).
     */
    static byte[] response503(byte[] page) throws OpException {
        if (page.length > 12_000) {
            throw new OpException("the maintenance page is " + page.length + " bytes; HAProxy answers from one buffer, "
                    + "keep the page under 12000 bytes (inline small images as data: URIs or serve them elsewhere)");
        }
        String head = "HTTP/1.0 503 Service Unavailable\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n"
                + "Retry-After: 60\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + page.length + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + page.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(page, 0, all, h.length, page.length);
        return all;
    }
}
