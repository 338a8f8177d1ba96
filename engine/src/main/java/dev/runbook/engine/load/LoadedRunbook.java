package dev.runbook.engine.load;

import dev.runbook.engine.model.Runbook;

import java.util.List;
import java.util.Optional;

/** A runbook with the source positions of its steps' parts (same order as {@code runbook.steps()}). */
public record LoadedRunbook(Runbook runbook, List<StepSource> steps) {

    public LoadedRunbook {
        steps = List.copyOf(steps);
    }

    public Optional<StepSource> step(String id) {
        return steps.stream().filter(s -> s.step().id().equals(id)).findFirst();
    }
}
