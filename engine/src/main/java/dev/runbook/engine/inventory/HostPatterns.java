package dev.runbook.engine.inventory;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible-style host patterns. Terms are separated by {@code ,} or {@code :}; a term is a group, a
 * host, a wildcard ({@code app*}, {@code ?}), a regex ({@code ~app\d+}) or any of those with a
 * subscript: {@code app[0]}, {@code app[-1]}, {@code app[1:]}, {@code app[:2]}, {@code app[1:2]}
 * (as in Ansible, the end of a slice is inclusive: {@code app[:2]} is the first three hosts).
 * As in Ansible, unions are taken first, then intersections ({@code &term}), then exclusions
 * ({@code !term}); a pattern made only of exclusions starts from {@code all}. The result is in
 * inventory order. A plain name that is neither a host nor a group is an error (a typo must not
 * silently select nothing); a wildcard that matches nothing gives an empty list.
 */
public final class HostPatterns {

    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(-?\\d*)(?::(-?\\d*))?]$");

    private HostPatterns() {
    }

    /** The hosts the pattern selects, in inventory order. */
    public static List<String> resolve(Inventory inventory, String pattern) throws PatternException {
        List<String> terms = split(pattern);
        if (terms.isEmpty()) {
            throw new PatternException("the host pattern is empty", "name a group, a host or 'all'");
        }
        Set<String> union = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        List<Set<String>> exclusions = new ArrayList<>();
        boolean onlyExclusions = true;
        for (String term : terms) {
            if (term.startsWith("&")) {
                intersections.add(term(inventory, term.substring(1), pattern));
                onlyExclusions = false;
            } else if (term.startsWith("!")) {
                exclusions.add(term(inventory, term.substring(1), pattern));
            } else {
                union.addAll(term(inventory, term, pattern));
                onlyExclusions = false;
            }
        }
        if (onlyExclusions) {
            union.addAll(inventory.hosts().keySet());
        }
        intersections.forEach(union::retainAll);
        exclusions.forEach(union::removeAll);
        return inventory.hosts().keySet().stream().filter(union::contains).toList();
    }

    /** Like {@link #resolve(Inventory, String)}, failing with the pattern's location. */
    public static List<String> resolve(Inventory inventory, String pattern, SourcePos pos) throws InvalidInputException {
        try {
            return resolve(inventory, pattern);
        } catch (PatternException e) {
            throw new InvalidInputException(Problem.at(pos, e.getMessage(), e.hint()));
        }
    }

    /** {@code --limit}: the step's hosts that the limit pattern also selects, in the step's order. */
    public static List<String> limit(Inventory inventory, List<String> hosts, String limitPattern) throws PatternException {
        Set<String> allowed = new LinkedHashSet<>(resolve(inventory, limitPattern));
        return hosts.stream().filter(allowed::contains).toList();
    }

    /** Splits on ',' and ':' outside brackets; {@code a:&b} and {@code a,&b} both give [a, &b]. */
    static List<String> split(String pattern) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean regex = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (cur.length() == 0 && c == '~') {
                regex = true;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            boolean separator = depth == 0 && (c == ',' || c == ':' && !regex);
            if (separator) {
                add(out, cur);
                regex = false;
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String t = cur.toString().strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
        cur.setLength(0);
    }

    private static Set<String> term(Inventory inv, String term, String pattern) throws PatternException {
        Matcher m = SUBSCRIPT.matcher(term);
        if (m.matches() && !term.startsWith("~")) {
            List<String> base = List.copyOf(term(inv, m.group(1), pattern));
            return subscript(base, m.group(2), m.group(3), term);
        }
        if (term.startsWith("~")) {
            return regex(inv, term.substring(1), pattern);
        }
        if (term.contains("*") || term.contains("?")) {
            return regex(inv, glob(term), pattern);
        }
        if (inv.groups().containsKey(term)) {
            return new LinkedHashSet<>(inv.members(term));
        }
        if (inv.hosts().containsKey(term)) {
            return new LinkedHashSet<>(List.of(term));
        }
        List<String> names = new ArrayList<>(inv.groups().keySet());
        names.addAll(inv.hosts().keySet());
        String where = term.equals(pattern) ? "" : " (in pattern '" + pattern + "')";
        throw new PatternException("no host or group '" + term + "' in inventory " + inv.name() + where,
                Suggest.hint(term, names));
    }

    private static Set<String> subscript(List<String> base, String from, String to, String term) throws PatternException {
        int n = base.size();
        if (to == null) {
            if (from.isEmpty()) {
                throw new PatternException("empty subscript in '" + term + "'", "write e.g. app[0] or app[1:]");
            }
            int i = index(Integer.parseInt(from), n);
            return i >= 0 && i < n ? new LinkedHashSet<>(List.of(base.get(i))) : new LinkedHashSet<>();
        }
        int a = from.isEmpty() ? 0 : index(Integer.parseInt(from), n);
        int b = to.isEmpty() ? n - 1 : index(Integer.parseInt(to), n);
        Set<String> out = new LinkedHashSet<>();
        for (int i = Math.max(0, a); i <= Math.min(n - 1, b); i++) {
            out.add(base.get(i));
        }
        return out;
    }

    private static int index(int i, int n) {
        return i < 0 ? n + i : i;
    }

    private static Set<String> regex(Inventory inv, String regex, String pattern) throws PatternException {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new PatternException("bad regular expression in host pattern '" + pattern + "': " + e.getDescription(), null);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String g : inv.groups().keySet()) {
            if (p.matcher(g).matches()) {
                out.addAll(inv.members(g));
            }
        }
        for (String h : inv.hosts().keySet()) {
            if (p.matcher(h).matches()) {
                out.add(h);
            }
        }
        return out;
    }

    private static String glob(String term) {
        StringBuilder re = new StringBuilder();
        for (char c : term.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
