package dev.runbook.modules.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (3 lines of context) of two small texts such as configuration files.
 * Line-level LCS: quadratic, which is fine for the few-thousand-line files modules edit.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' keep, '-' delete from a, '+' insert from b; with positions in a and b.
        List<char[]> ops = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new char[]{' '});
                pos.add(new int[]{i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new char[]{'-'});
                pos.add(new int[]{i++, j});
            } else {
                ops.add(new char[]{'+'});
                pos.add(new int[]{i, j++});
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(path).append(" (before)\n").append("+++ ").append(path).append(" (after)\n");
        int k = 0;
        boolean any = false;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            any = true;
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while changes are closer than 2*CONTEXT apart
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = pos.get(start)[0];
            int bStart = pos.get(start)[1];
            int aLen = 0;
            int bLen = 0;
            StringBuilder body = new StringBuilder();
            for (int x = start; x < end; x++) {
                char op = ops.get(x)[0];
                int[] p = pos.get(x);
                String line = op == '+' ? b.get(p[1]) : a.get(p[0]);
                body.append(op).append(line).append('\n');
                if (op != '+') {
                    aLen++;
                }
                if (op != '-') {
                    bLen++;
                }
            }
            out.append("@@ -").append(aLen == 0 ? aStart : aStart + 1).append(',').append(aLen)
                    .append(" +").append(bLen == 0 ? bStart : bStart + 1).append(',').append(bLen).append(" @@\n")
                    .append(body);
            k = end;
        }
        return any ? out.toString() : "";
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            l.remove(l.size() - 1);
        }
        return l;
    }
}
