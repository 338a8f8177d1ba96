package dev.runbook.engine.load;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds cycles in the task graph ({@code needs}); each cycle is reported once, naming every step in order. */
final class GraphCheck {

    private final Problems problems;

    GraphCheck(Problems problems) {
        this.problems = problems;
    }

    void check(List<StepSource> steps) {
        Map<String, StepSource> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.putIfAbsent(s.step().id(), s));
        List<String> order = new ArrayList<>(byId.keySet());
        Map<String, Integer> state = new HashMap<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String start : order) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative depth-first search: a generated runbook may have very many steps.
            Deque<Iterator<String>> stack = new ArrayDeque<>();
            List<String> path = new ArrayList<>();
            state.put(start, 1);
            path.add(start);
            stack.push(byId.get(start).step().needs().iterator());
            while (!stack.isEmpty()) {
                Iterator<String> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    state.put(path.remove(path.size() - 1), 2);
                    continue;
                }
                String next = it.next();
                if (!byId.containsKey(next)) {
                    continue;
                }
                Integer st = state.get(next);
                if (st == null) {
                    state.put(next, 1);
                    path.add(next);
                    stack.push(byId.get(next).step().needs().iterator());
                } else if (st == 1) {
                    report(new ArrayList<>(path.subList(path.indexOf(next), path.size())), byId, order, reported);
                }
            }
        }
    }

    private void report(List<String> cycle, Map<String, StepSource> byId, List<String> order, Set<Set<String>> reported) {
        if (!reported.add(new TreeSet<>(cycle))) {
            return;
        }
        // Start at the step written first, so the message does not depend on search order.
        int first = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (order.indexOf(cycle.get(i)) < order.indexOf(cycle.get(first))) {
                first = i;
            }
        }
        List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
        rotated.addAll(cycle.subList(0, first));
        String head = rotated.get(0);
        String second = rotated.size() > 1 ? rotated.get(1) : head;
        rotated.add(head);
        StepSource s = byId.get(head);
        SourcePos pos = s.needPos().getOrDefault(second, s.pos("needs"));
        problems.add(pos, "steps need each other in a cycle: " + String.join(" → ", rotated),
                "'a → b' means a needs b; remove one of these needs");
    }
}
