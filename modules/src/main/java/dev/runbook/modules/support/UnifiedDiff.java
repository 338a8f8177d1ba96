package dev.runbook.modules.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u}) of two texts, line by line, with 3 lines of context.
 * Uses a plain LCS table: the files modules diff (configs, env files) are small, and the
 * quadratic table is capped so a huge file yields a summary instead of exhausting memory.
 * Shared by the core modules (copy, template, lineinfile) and the operations modules (config swaps).
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 25_000_000L;

    private UnifiedDiff() {
    }

    /**
     * The diff of one file's two versions, headed {@code <path> (before)} / {@code <path> (after)};
     * empty when the texts are equal, so callers can attach it unconditionally.
     */
    public static String of(String path, String before, String after) {
        return before.equals(after) ? "" : diff(before, after, path + " (before)", path + " (after)");
    }

    /** The diff with the given header names (e.g. {@code /dev/null} for a created file). */
    public static String diff(String before, String after, String beforeName, String afterName) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if ((long) a.size() * b.size() > MAX_CELLS) {
            return "--- " + beforeName + "\n+++ " + afterName + "\n(files too large to diff: " + a.size() + " and " + b.size() + " lines)\n";
        }
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n').append("+++ ").append(afterName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            // find next change
            while (i < edits.size() && edits.get(i).op == ' ') {
                i++;
            }
            if (i >= edits.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT of each other
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int aStart = edits.get(start).aLine;
            int bStart = edits.get(start).bLine;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                Edit e = edits.get(k);
                body.append(e.op).append(e.text).append('\n');
                if (e.op != '+') {
                    aCount++;
                }
                if (e.op != '-') {
                    bCount++;
                }
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n").append(body);
            i = end;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        // diff -u prints the line before an empty range
        return count == 0 ? (start - 1) + ",0" : count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private record Edit(char op, String text, int aLine, int bLine) {
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(x).equals(b.get(y))) {
                edits.add(new Edit(' ', a.get(x), x + 1, y + 1));
                x++;
                y++;
            } else if (y < m && (x == n || lcs[x][y + 1] >= lcs[x + 1][y])) {
                edits.add(new Edit('+', b.get(y), x + 1, y + 1));
                y++;
            } else {
                edits.add(new Edit('-', a.get(x), x + 1, y + 1));
                x++;
            }
        }
        // deletions first within a run of changes, as diff -u shows them
        return reorder(edits);
    }

    private static List<Edit> reorder(List<Edit> edits) {
        List<Edit> out = new ArrayList<>(edits.size());
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == ' ') {
                out.add(edits.get(i++));
                continue;
            }
            List<Edit> minus = new ArrayList<>();
            List<Edit> plus = new ArrayList<>();
            while (i < edits.size() && edits.get(i).op != ' ') {
                (edits.get(i).op == '-' ? minus : plus).add(edits.get(i));
                i++;
            }
            out.addAll(minus);
            out.addAll(plus);
        }
        return out;
    }

    private static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return List.of(body.split("\n", -1));
    }
}
