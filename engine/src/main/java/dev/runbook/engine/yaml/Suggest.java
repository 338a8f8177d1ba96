package dev.runbook.engine.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" by edit distance, for unknown keys, modules, ids, hosts and groups. */
public final class Suggest {

    private Suggest() {
    }

    /** The closest candidate within a typo's distance (about a third of the word), if any. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** A hint "did you mean 'x'?" or, failing that, the list of what is allowed (when short). */
    public static String hint(String word, Collection<String> candidates) {
        Optional<String> best = closest(word, candidates);
        if (best.isPresent()) {
            return "did you mean '" + best.get() + "'?";
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return candidates.size() <= 24 ? "expected one of: " + String.join(", ", candidates) : null;
    }

    /** Optimal string alignment distance (Levenshtein plus transpositions: "hsots" is one typo away). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
