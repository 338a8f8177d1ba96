package dev.runbook.cli;

import dev.runbook.engine.plan.PlanOptions;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code --limit}, {@code --tags}, {@code --skip-tags}: shared by plan and run. */
public final class PlanSelection {

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
            description = "Only these hosts (a host pattern, e.g. app1 or app:!app3).")
    public String limit;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAG",
            description = "Only steps with one of these tags (and steps tagged 'always').")
    public List<String> tags = List.of();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAG",
            description = "Leave out steps with one of these tags. Steps that need a left-out step still run.")
    public List<String> skipTags = List.of();

    public PlanOptions options() {
        return new PlanOptions(limit, set(tags), set(skipTags));
    }

    private static Set<String> set(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
