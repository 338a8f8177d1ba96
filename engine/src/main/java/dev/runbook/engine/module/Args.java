package dev.runbook.engine.module;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's arguments after templating and type checking against its {@link ArgSpec}, with
 * defaults filled in. Typed getters; a missing optional argument without default reads as empty.
 * Values are already of the declared type (INT as Long, DURATION as Duration, PATH as String).
 */
public final class Args {

    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String string(String name) {
        return require(name).toString();
    }

    public Optional<String> optString(String name) {
        return Optional.ofNullable(values.get(name)).map(Object::toString);
    }

    public long integer(String name) {
        return ((Number) require(name)).longValue();
    }

    public Optional<Long> optInteger(String name) {
        return Optional.ofNullable((Number) values.get(name)).map(Number::longValue);
    }

    public boolean bool(String name) {
        Object v = values.get(name);
        return v != null && (Boolean) v;
    }

    public Duration duration(String name) {
        return (Duration) require(name);
    }

    public Optional<Duration> optDuration(String name) {
        return Optional.ofNullable((Duration) values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    public List<String> strings(String name) {
        return list(name).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            // The validator guarantees required arguments; reaching this is a module bug.
            throw new IllegalStateException("argument '" + name + "' was not given and has no default");
        }
        return v;
    }
}
