package dev.runbook.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible host ranges: {@code app[1:3]} → app1, app2, app3; {@code db[01:10:2]} keeps the zero padding;
 * {@code node[a:c]} for letters. Bounded so that a typo cannot create millions of hosts.
 */
final class HostRanges {

    static final int MAX_HOSTS = 10_000;
    private static final Pattern RANGE = Pattern.compile("\\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::([0-9]+))?]");

    /** Thrown with a user-facing message when a range is malformed. */
    static final class BadRange extends Exception {
        BadRange(String message) {
            super(message, null, false, false);
        }
    }

    private HostRanges() {
    }

    static boolean hasRange(String name) {
        return RANGE.matcher(name).find();
    }

    static List<String> expand(String name) throws BadRange {
        Matcher m = RANGE.matcher(name);
        if (!m.find()) {
            return List.of(name);
        }
        String head = name.substring(0, m.start());
        List<String> tails = expand(name.substring(m.end()));
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (step < 1) {
            throw new BadRange("range step must be at least 1 in '" + name + "'");
        }
        List<String> values = new ArrayList<>();
        if (from.chars().allMatch(Character::isDigit) && to.chars().allMatch(Character::isDigit)) {
            long a = Long.parseLong(from);
            long b = Long.parseLong(to);
            if (b < a) {
                throw new BadRange("range [" + from + ":" + to + "] ends before it starts in '" + name + "'");
            }
            if ((b - a) / step + 1 > MAX_HOSTS) {
                throw new BadRange("range in '" + name + "' makes more than " + MAX_HOSTS + " hosts");
            }
            String format = from.length() > 1 && from.startsWith("0") ? "%0" + from.length() + "d" : "%d";
            for (long i = a; i <= b; i += step) {
                values.add(String.format(format, i));
            }
        } else if (from.length() == 1 && to.length() == 1 && Character.isLetter(from.charAt(0))
                && Character.isLetter(to.charAt(0))) {
            if (to.charAt(0) < from.charAt(0)) {
                throw new BadRange("range [" + from + ":" + to + "] ends before it starts in '" + name + "'");
            }
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                values.add(String.valueOf(c));
            }
        } else {
            throw new BadRange("range [" + from + ":" + to + "] in '" + name + "' must be two numbers or two letters");
        }
        if ((long) values.size() * tails.size() > MAX_HOSTS) {
            throw new BadRange("ranges in '" + name + "' make more than " + MAX_HOSTS + " hosts");
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String t : tails) {
                out.add(head + v + t);
            }
        }
        return out;
    }
}
