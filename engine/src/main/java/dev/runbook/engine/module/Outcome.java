package dev.runbook.engine.module;

import java.util.Map;

/**
 * The result of one step on one host. Closed set: ok, changed, failed, skipped, unreachable.
 * {@code data} is what {@code register} stores for later steps (besides the standard fields the
 * executor adds: {@code changed}, {@code failed}, {@code msg}).
 */
public sealed interface Outcome {

    String message();

    Map<String, Object> data();

    /** Short lower-case name as shown in output and records: ok, changed, failed, skipped, unreachable. */
    String status();

    record Ok(String message, Map<String, Object> data) implements Outcome {
        public Ok { data = data == null ? Map.of() : data; }
        public String status() { return "ok"; }
    }

    /** @param diff a unified diff of what changed, or null; shown with {@code --diff} */
    record Changed(String message, Map<String, Object> data, String diff) implements Outcome {
        public Changed { data = data == null ? Map.of() : data; }
        public String status() { return "changed"; }
    }

    record Failed(String message, Map<String, Object> data) implements Outcome {
        public Failed { data = data == null ? Map.of() : data; }
        public String status() { return "failed"; }
    }

    record Skipped(String message) implements Outcome {
        public Map<String, Object> data() { return Map.of(); }
        public String status() { return "skipped"; }
    }

    record Unreachable(String message) implements Outcome {
        public Map<String, Object> data() { return Map.of(); }
        public String status() { return "unreachable"; }
    }

    static Outcome ok(String message) { return new Ok(message, Map.of()); }

    static Outcome ok(String message, Map<String, Object> data) { return new Ok(message, data); }

    static Outcome changed(String message) { return new Changed(message, Map.of(), null); }

    static Outcome changed(String message, Map<String, Object> data, String diff) { return new Changed(message, data, diff); }

    static Outcome failed(String message) { return new Failed(message, Map.of()); }

    static Outcome failed(String message, Map<String, Object> data) { return new Failed(message, data); }

    static Outcome skipped(String message) { return new Skipped(message); }

    default boolean isFailure() {
        return this instanceof Failed || this instanceof Unreachable;
    }
}
