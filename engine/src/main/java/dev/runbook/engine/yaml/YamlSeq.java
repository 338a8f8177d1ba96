package dev.runbook.engine.yaml;

import dev.runbook.engine.source.SourcePos;

import java.util.List;

/** A YAML sequence. */
public record YamlSeq(List<YamlNode> items, SourcePos pos) implements YamlNode {

    public YamlSeq {
        items = List.copyOf(items);
    }

    @Override
    public Object toValue() {
        java.util.List<Object> list = new java.util.ArrayList<>(items.size());
        items.forEach(i -> list.add(i.toValue()));
        return java.util.Collections.unmodifiableList(list);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
