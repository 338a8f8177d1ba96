package dev.runbook.engine.plan;

import dev.runbook.engine.model.Step;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@code needs} graph of a list of steps. Ordering is Kahn's algorithm with the ready steps taken
 * in file order, so a runbook written in a sensible order is planned in exactly that order.
 * Unknown ids and cycles are reported (the validator reports them too; the planner must never loop).
 */
final class TaskGraph {

    private final List<Step> steps;
    private final Map<String, Integer> indexById = new HashMap<>();

    TaskGraph(List<Step> steps) {
        this.steps = steps;
        for (int i = 0; i < steps.size(); i++) {
            indexById.putIfAbsent(steps.get(i).id(), i);
        }
    }

    /** Step indexes (into the list given) in dependency order, ties broken by file order. */
    List<Integer> order() throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        int n = steps.size();
        int[] missing = new int[n];
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            for (String need : new LinkedHashSet<>(s.needs())) {
                Integer j = indexById.get(need);
                if (j == null) {
                    problems.add(Problem.at(s.pos(), "step '" + s.id() + "' needs unknown step '" + need + "'",
                            "needs lists ids of other steps in this runbook"));
                } else {
                    missing[i]++;
                    dependents.get(j).add(i);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(i);
            for (int d : dependents.get(i)) {
                if (--missing[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < n) {
            throw new InvalidInputException(cycleProblem(missing));
        }
        return order;
    }

    /** Follows unmet needs from a stuck step until a step repeats: that loop is the cycle shown. */
    private Problem cycleProblem(int[] missing) {
        int start = 0;
        while (missing[start] == 0) {
            start++;
        }
        List<Integer> path = new ArrayList<>();
        Map<Integer, Integer> seenAt = new HashMap<>();
        int current = start;
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            current = nextStuck(current, missing);
        }
        List<Integer> cycle = path.subList(seenAt.get(current), path.size());
        StringBuilder text = new StringBuilder();
        for (int i : cycle) {
            text.append(steps.get(i).id()).append(" → ");
        }
        text.append(steps.get(current).id());
        Step first = steps.get(cycle.get(0));
        return Problem.at(first.pos(), "needs form a cycle: " + text, "remove one of these needs");
    }

    private int nextStuck(int i, int[] missing) {
        for (String need : steps.get(i).needs()) {
            int j = indexById.get(need);
            if (missing[j] > 0) {
                return j;
            }
        }
        throw new IllegalStateException("step " + steps.get(i).id() + " is stuck without a stuck need");
    }

}
