package dev.runbook.engine.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of a load or validation pass, so the user sees all of them at once
 * instead of fixing one error per run.
 */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(Problem problem) {
        if (!list.contains(problem)) {
            list.add(problem);
        }
    }

    public void add(SourcePos pos, String message) {
        add(Problem.at(pos, message));
    }

    public void add(SourcePos pos, String message, String hint) {
        add(Problem.at(pos, message, hint));
    }

    public void addAll(List<Problem> problems) {
        problems.forEach(this::add);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The problems in reading order: files in the order first seen, then line and column. */
    public List<Problem> sorted() {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        list.forEach(p -> fileOrder.putIfAbsent(p.pos().file(), fileOrder.size()));
        return list.stream().sorted(Comparator.<Problem>comparingInt(p -> fileOrder.get(p.pos().file()))
                .thenComparingInt(p -> p.pos().line())
                .thenComparingInt(p -> p.pos().col())).toList();
    }

    public void throwIfAny() throws InvalidInputException {
        if (!list.isEmpty()) {
            throw new InvalidInputException(sorted());
        }
    }
}
