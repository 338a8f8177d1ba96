package dev.runbook.lab.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * An application version such as {@code 1.7.14} or the image tag {@code 1.7.14-full}. Components
 * compare numerically (1.7.10 is newer than 1.7.9); the image flavour suffix is not part of the
 * schema version and is dropped.
 */
public record Version(List<Integer> parts) implements Comparable<Version> {

    public Version {
        parts = List.copyOf(parts);
    }

    public static Version parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version: expected something like 1.7.14");
        }
        String core = text.trim();
        int dash = core.indexOf('-');
        if (dash >= 0) {
            core = core.substring(0, dash);
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : core.split("\\.")) {
            if (!p.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("invalid version '" + text + "': expected numbers separated by dots, like 1.7.14");
            }
            parts.add(Integer.parseInt(p));
        }
        return new Version(parts);
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < o.parts.size() ? o.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    public boolean newerThan(Version o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(parts.get(i));
        }
        return b.toString();
    }
}
