package dev.runbook.engine.inventory;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Ansible INI inventories: {@code [group]} host lines with {@code key=value} vars,
 * {@code [group:vars]}, {@code [group:children]}, host ranges. Values are strings except plain
 * integers and true/false (so a version such as {@code 1.10} is not turned into a number).
 */
final class AnsibleIniInventoryReader {

    private static final Pattern INT = Pattern.compile("-?[0-9]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private enum Kind { HOSTS, VARS, CHILDREN }

    private record Token(String text, int col) {
    }

    private final Problems problems;

    AnsibleIniInventoryReader(Problems problems) {
        this.problems = problems;
    }

    void read(String file, String text, InventoryDraft d) {
        d.ansible = true;
        Kind kind = Kind.HOSTS;
        String group = InventoryAssembler.UNGROUPED;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int indent = raw.indexOf(line.isEmpty() ? " " : line.substring(0, 1)) + 1;
            SourcePos pos = new SourcePos(file, i + 1, Math.max(1, indent));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    problems.add(pos, "section header must end with ']'");
                    continue;
                }
                String header = line.substring(1, line.length() - 1).strip();
                int colon = header.lastIndexOf(':');
                String suffix = colon < 0 ? "" : header.substring(colon + 1);
                group = colon < 0 ? header : header.substring(0, colon);
                switch (suffix) {
                    case "" -> kind = Kind.HOSTS;
                    case "vars" -> kind = Kind.VARS;
                    case "children" -> kind = Kind.CHILDREN;
                    default -> {
                        problems.add(pos, "unknown section type ':" + suffix + "'", "use [group], [group:vars] or [group:children]");
                        kind = Kind.VARS;
                    }
                }
                if (!isImplicit(group)) {
                    InventoryDraft.checkName("group", group, pos, problems);
                    d.group(group, pos);
                } else if (kind == Kind.CHILDREN) {
                    problems.add(pos, "group '" + group + "' cannot have children here", "it is implicit");
                }
                continue;
            }
            switch (kind) {
                case HOSTS -> hostLine(file, i + 1, raw, group, d);
                case VARS -> varLine(pos, line, group, d);
                case CHILDREN -> {
                    String child = line.split("\\s+")[0];
                    d.group(group, pos).children.putIfAbsent(child, pos);
                }
            }
        }
    }

    private static boolean isImplicit(String group) {
        return group.equals(InventoryAssembler.ALL) || group.equals(InventoryAssembler.UNGROUPED);
    }

    private void hostLine(String file, int lineNo, String raw, String group, InventoryDraft d) {
        List<Token> tokens = tokens(raw);
        if (tokens.isEmpty()) {
            return;
        }
        Token first = tokens.get(0);
        SourcePos pos = new SourcePos(file, lineNo, first.col);
        String name = first.text;
        Integer port = null;
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']', colon) < 0 && INT.matcher(name.substring(colon + 1)).matches()) {
            port = Integer.parseInt(name.substring(colon + 1));
            name = name.substring(0, colon);
        }
        List<String> names;
        try {
            names = HostRanges.expand(name);
        } catch (HostRanges.BadRange e) {
            problems.add(pos, e.getMessage());
            return;
        }
        java.util.Map<String, Object> vars = new java.util.LinkedHashMap<>();
        for (Token t : tokens.subList(1, tokens.size())) {
            int eq = t.text.indexOf('=');
            SourcePos at = new SourcePos(file, lineNo, t.col);
            if (eq <= 0) {
                problems.add(at, "expected key=value after the host name, not '" + t.text + "'");
                continue;
            }
            String key = t.text.substring(0, eq);
            if (!KEY.matcher(key).matches()) {
                problems.add(at, "'" + key + "' is not a valid variable name");
                continue;
            }
            vars.put(key, value(t.text.substring(eq + 1)));
        }
        for (String n : names) {
            InventoryDraft.checkName("host", n, pos, problems);
            InventoryDraft.HostDraft h = d.host(n, pos);
            h.vars.putAll(vars);
            if (port != null) {
                h.port = port;
            }
            if (!isImplicit(group)) {
                d.group(group, pos).hosts.putIfAbsent(n, pos);
            }
        }
    }

    private void varLine(SourcePos pos, String line, String group, InventoryDraft d) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            problems.add(pos, "expected key=value in [" + group + ":vars], not '" + line + "'");
            return;
        }
        String key = line.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            problems.add(pos, "'" + key + "' is not a valid variable name");
            return;
        }
        Object value = value(unquote(line.substring(eq + 1).strip()));
        if (group.equals(InventoryAssembler.ALL)) {
            d.allVars.put(key, value);
        } else {
            d.group(group, pos).vars.put(key, value);
        }
    }

    /** Whitespace-separated tokens; quotes group and are removed; an unquoted '#' starts a comment. */
    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        StringBuilder cur = null;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(new Token(cur.toString(), start + 1));
                    cur = null;
                }
            } else if (c == '#' && cur == null) {
                break;
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                    start = i;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur != null) {
            out.add(new Token(cur.toString(), start + 1));
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static Object value(String s) {
        if (INT.matcher(s).matches() && s.length() < 18) {
            return Long.parseLong(s);
        }
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return s;
    }
}
