package dev.runbook.engine.yaml;

import dev.runbook.engine.source.SourcePos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping with scalar keys, in written order, without duplicate keys (the reader reports those). */
public record YamlMap(List<Entry> entries, SourcePos pos) implements YamlNode {

    /** One {@code key: value} pair; {@code key.asText()} is the key. */
    public record Entry(YamlScalar key, YamlNode value) {
        public String name() {
            return key.asText();
        }
    }

    public YamlMap {
        entries = List.copyOf(entries);
    }

    public Optional<YamlNode> get(String key) {
        return entries.stream().filter(e -> e.name().equals(key)).map(Entry::value).findFirst();
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.name().equals(key)).findFirst();
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    public List<String> keys() {
        return entries.stream().map(Entry::name).toList();
    }

    @Override
    public Object toValue() {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.name(), e.value().toValue()));
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public String kind() {
        return "a map";
    }
}
