package dev.runbook.engine.yaml;

import dev.runbook.engine.source.SourcePos;

/**
 * A scalar resolved with the YAML 1.2 core schema.
 *
 * @param value String, Long, Double, Boolean or null
 * @param text  the scalar as written (without quotes)
 */
public record YamlScalar(Object value, String text, SourcePos pos) implements YamlNode {

    @Override
    public Object toValue() {
        return value;
    }

    @Override
    public String kind() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        return "a number";
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** The value as text: a string as is, other scalars as written. */
    public String asText() {
        return value instanceof String s ? s : text;
    }
}
