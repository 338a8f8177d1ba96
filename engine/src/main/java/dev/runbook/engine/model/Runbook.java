package dev.runbook.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded and validated runbook with its includes expanded.
 *
 * @param file    the runbook file
 * @param sources every file it was built from (the runbook and its includes), for provenance checks
 */
public record Runbook(String name, String description, Path file, Map<String, VarDecl> vars, List<Step> steps,
                      List<Path> sources) {

    public Runbook {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        steps = List.copyOf(steps);
        sources = List.copyOf(sources);
    }
}
