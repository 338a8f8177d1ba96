package dev.runbook.engine.template;

import dev.runbook.engine.template.SimpleFilter.Failure;
import io.pebbletemplates.pebble.extension.Filter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String filters Jinja/Ansible users expect: quote, regex_*, basename, dirname, b64*, replace. */
final class TextFilters {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");
    private static final Pattern PY_GROUP = Pattern.compile("\\\\(?:(\\d{1,2})|g<(\\w+)>|(.))");

    private TextFilters() {
    }

    static Map<String, Filter> all() {
        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put("quote", new SimpleFilter("quote", List.of(), (in, args) -> shellQuote(in == null ? "" : in.toString())));
        filters.put("regex_replace", new SimpleFilter("regex_replace",
                List.of("pattern", "replacement", "ignorecase", "multiline"), TextFilters::regexReplace));
        filters.put("regex_search", new SimpleFilter("regex_search",
                List.of("pattern", "ignorecase", "multiline"), TextFilters::regexSearch));
        filters.put("basename", new SimpleFilter("basename", List.of(), (in, args) -> basename(text(in))));
        filters.put("dirname", new SimpleFilter("dirname", List.of(), (in, args) -> dirname(text(in))));
        filters.put("b64encode", new SimpleFilter("b64encode", List.of(),
                (in, args) -> Base64.getEncoder().encodeToString(text(in).getBytes(StandardCharsets.UTF_8))));
        filters.put("b64decode", new SimpleFilter("b64decode", List.of(), (in, args) -> b64decode(text(in))));
        filters.put("replace", new SimpleFilter("replace", List.of("old", "new"), TextFilters::replace));
        return filters;
    }

    /** POSIX shell quoting as Python's shlex.quote: safe words stay bare, others go in single quotes. */
    static String shellQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (SHELL_SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static String text(Object in) {
        if (in == null) {
            throw new Failure("input is null, expected a string");
        }
        return in.toString();
    }

    private static Pattern pattern(Map<String, Object> args) {
        Object p = args.get("pattern");
        if (p == null) {
            throw new Failure("needs a regular expression, e.g. regex_search('^v(\\\\d+)')");
        }
        int flags = 0;
        if (Boolean.TRUE.equals(args.get("ignorecase"))) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (Boolean.TRUE.equals(args.get("multiline"))) {
            flags |= Pattern.MULTILINE;
        }
        try {
            return Pattern.compile(p.toString(), flags);
        } catch (PatternSyntaxException e) {
            throw new Failure("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static Object regexReplace(Object in, Map<String, Object> args) {
        Pattern p = pattern(args);
        Object repl = args.get("replacement");
        return p.matcher(text(in)).replaceAll(javaReplacement(repl == null ? "" : repl.toString()));
    }

    /** Python-style replacement (\1, \g<name>) to Java's ($1, ${name}); a literal $ stays literal. */
    static String javaReplacement(String python) {
        StringBuilder sb = new StringBuilder();
        Matcher m = PY_GROUP.matcher(python);
        int at = 0;
        while (m.find()) {
            sb.append(python.substring(at, m.start()).replace("$", "\\$"));
            if (m.group(1) != null) {
                sb.append('$').append(m.group(1));
            } else if (m.group(2) != null) {
                sb.append(m.group(2).chars().allMatch(Character::isDigit) ? "$" + m.group(2) : "${" + m.group(2) + "}");
            } else {
                String c = m.group(3);
                sb.append(c.equals("\\") || c.equals("$") ? "\\" + c : "\\\\" + c);
            }
            at = m.end();
        }
        sb.append(python.substring(at).replace("$", "\\$"));
        return sb.toString();
    }

    private static Object regexSearch(Object in, Map<String, Object> args) {
        Matcher m = pattern(args).matcher(text(in));
        return m.find() ? m.group() : null;
    }

    /** posixpath.basename: the part after the last slash. */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** posixpath.dirname: the part before the last slash, trailing slashes removed unless it is all slashes. */
    static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String head = path.substring(0, slash + 1);
        if (!head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    private static String b64decode(String s) {
        try {
            return new String(Base64.getMimeDecoder().decode(s.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Failure("input is not base64: " + e.getMessage());
        }
    }

    /** Jinja's replace('old', 'new'), and Pebble's replace({'old': 'new', ...}). */
    private static Object replace(Object in, Map<String, Object> args) {
        String s = text(in);
        Object old = args.get("old");
        if (old instanceof Map<?, ?> pairs) {
            for (Map.Entry<?, ?> e : pairs.entrySet()) {
                s = s.replace(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
            return s;
        }
        if (old == null || !args.containsKey("new")) {
            throw new Failure("use replace('old', 'new') or replace({'old': 'new'})");
        }
        return s.replace(old.toString(), String.valueOf(args.get("new")));
    }
}
