package dev.runbook.engine.module;

import java.util.List;

/**
 * One declared module argument.
 *
 * @param choices allowed values for a STRING argument, empty when any value is allowed
 * @param secret  the value is masked wherever the engine shows or records it
 */
public record Arg(String name, ArgType type, boolean required, Object defaultValue, String description,
                  List<String> choices, boolean secret) {

    public Arg {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Arg required(String name, ArgType type, String description) {
        return new Arg(name, type, true, null, description, List.of(), false);
    }

    public static Arg optional(String name, ArgType type, Object defaultValue, String description) {
        return new Arg(name, type, false, defaultValue, description, List.of(), false);
    }

    public Arg choices(String... values) {
        return new Arg(name, type, required, defaultValue, description, List.of(values), secret);
    }

    public Arg asSecret() {
        return new Arg(name, type, required, defaultValue, description, choices, true);
    }
}
