package dev.runbook.engine.template;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Wording shared by the renderer and the analyzer, so users see one style of message. */
final class Messages {

    private static final int MAX_EXCERPT = 80;
    private static final int MAX_LISTED = 12;

    private Messages() {
    }

    /** The template as quoted in a message: one line, shortened. */
    static String excerpt(String template) {
        String oneLine = template.replace("\r", "").replace("\n", "\\n");
        if (oneLine.length() > MAX_EXCERPT) {
            oneLine = oneLine.substring(0, MAX_EXCERPT - 3) + "...";
        }
        return "\"" + oneLine + "\"";
    }

    /** " (template line 3)" for multi-line templates, empty otherwise. */
    static String lineSuffix(String template, Integer line) {
        if (line == null || line <= 1 || !template.contains("\n")) {
            return "";
        }
        return " (template line " + line + ")";
    }

    /** "did you mean 'version'? defined: a, b, ..." — the closest names first. */
    static String known(String wrong, Collection<String> names, String what) {
        if (names.isEmpty()) {
            return "no " + what + " is defined here";
        }
        List<String> sorted = names.stream().sorted().toList();
        String nearest = names.stream()
                .min(Comparator.comparingInt((String n) -> distance(wrong, n)).thenComparing(n -> n))
                .filter(n -> distance(wrong, n) <= Math.max(2, wrong.length() / 3))
                .orElse(null);
        StringBuilder sb = new StringBuilder();
        if (nearest != null) {
            sb.append("did you mean '").append(nearest).append("'? ");
        }
        sb.append("defined: ");
        sb.append(String.join(", ", sorted.subList(0, Math.min(MAX_LISTED, sorted.size()))));
        if (sorted.size() > MAX_LISTED) {
            sb.append(", ... (").append(sorted.size() - MAX_LISTED).append(" more)");
        }
        return sb.toString();
    }

    /** Levenshtein distance; names are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
