package dev.runbook.engine.inventory;

import dev.runbook.engine.source.SourcePos;

import java.util.List;
import java.util.Map;

/** A group: its direct hosts, child groups, and group variables. {@code all} always exists. */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars, SourcePos pos) {

    public Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
