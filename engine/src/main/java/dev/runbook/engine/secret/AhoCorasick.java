package dev.runbook.engine.secret;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-pattern literal search in one pass over the text (Aho–Corasick), so masking stays linear
 * in the text length however many secret forms a run holds. Immutable after construction.
 */
final class AhoCorasick {

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        Node fail;
        /** Length of the longest pattern ending at this node or at a node on its fail chain. */
        int longest;
    }

    private final Node root = new Node();

    AhoCorasick(Collection<String> patterns) {
        for (String p : patterns) {
            Node n = root;
            for (int i = 0; i < p.length(); i++) {
                n = n.next.computeIfAbsent(p.charAt(i), c -> new Node());
            }
            n.longest = Math.max(n.longest, p.length());
        }
        ArrayDeque<Node> queue = new ArrayDeque<>();
        root.fail = root;
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            n.longest = Math.max(n.longest, n.fail.longest);
            for (Map.Entry<Character, Node> e : n.next.entrySet()) {
                char c = e.getKey();
                Node child = e.getValue();
                Node f = n.fail;
                while (f != root && !f.next.containsKey(c)) {
                    f = f.fail;
                }
                Node target = f.next.get(c);
                child.fail = target != null && target != child ? target : root;
                queue.add(child);
            }
        }
    }

    /** Marks every character covered by some pattern occurrence; null when nothing matched. */
    boolean[] cover(String text) {
        boolean[] covered = null;
        Node n = root;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (n != root && !n.next.containsKey(c)) {
                n = n.fail;
            }
            Node step = n.next.get(c);
            n = step == null ? root : step;
            if (n.longest > 0) {
                if (covered == null) {
                    covered = new boolean[text.length()];
                }
                for (int k = i - n.longest + 1; k <= i; k++) {
                    covered[k] = true;
                }
            }
        }
        return covered;
    }

    /** Occurrences as [start, end) pairs of maximal covered runs. */
    List<int[]> runs(String text) {
        boolean[] covered = cover(text);
        List<int[]> runs = new ArrayList<>();
        if (covered == null) {
            return runs;
        }
        int i = 0;
        while (i < covered.length) {
            if (!covered[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < covered.length && covered[i]) {
                i++;
            }
            runs.add(new int[] {start, i});
        }
        return runs;
    }
}
