package dev.runbook.engine.load;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.yaml.Suggest;

import java.util.List;
import java.util.Map;

/**
 * Checks written values against declared types: module arguments against their {@link ArgSpec}
 * (unknown, missing, ill-typed, {@code oneOf}, {@code choices}) and variable defaults against their
 * declared type. A value that is a template is only known at run time and is not type-checked here.
 */
public final class ArgCheck {

    private ArgCheck() {
    }

    /**
     * @param module  module name, for messages
     * @param args    the written arguments
     * @param argPos  where each argument is written
     * @param callPos where the module key is written (for missing arguments)
     */
    public static void check(String module, ArgSpec spec, Map<String, Object> args, Map<String, SourcePos> argPos,
                             SourcePos callPos, Problems problems) {
        Map<String, Arg> declared = spec.byName();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            SourcePos pos = argPos.getOrDefault(e.getKey(), callPos);
            Arg arg = declared.get(e.getKey());
            if (arg == null && spec.acceptsUndeclared()) {
                continue;
            }
            if (arg == null) {
                problems.add(pos, "module '" + module + "' has no argument '" + e.getKey() + "'",
                        Suggest.hint(e.getKey(), declared.keySet()));
                continue;
            }
            String what = "argument '" + arg.name() + "' of module '" + module + "'";
            String error = typeError(arg.type(), e.getValue(), what, arg.secret());
            if (error != null) {
                problems.add(pos, error);
            } else if (!arg.choices().isEmpty() && !isTemplate(e.getValue())
                    && !arg.choices().contains(String.valueOf(e.getValue()))) {
                String shown = arg.secret() ? "the given value" : "'" + e.getValue() + "'";
                String close = arg.secret() ? null : Suggest.closest(String.valueOf(e.getValue()), arg.choices())
                        .map(c -> "did you mean '" + c + "'? ").orElse(null);
                problems.add(pos, what + " must be one of " + String.join(", ", arg.choices()) + ", not " + shown,
                        close == null ? null : close.strip());
            }
        }
        List<String> inGroups = spec.oneOf().stream().flatMap(List::stream).toList();
        for (Arg arg : spec.args()) {
            if (arg.required() && arg.defaultValue() == null && !args.containsKey(arg.name())
                    && !inGroups.contains(arg.name())) {
                String hint = arg.description() == null || arg.description().isBlank() ? null : arg.name() + ": " + arg.description();
                problems.add(callPos, "module '" + module + "' needs argument '" + arg.name() + "'", hint);
            }
        }
        for (List<String> group : spec.oneOf()) {
            List<String> given = group.stream().filter(args::containsKey).toList();
            if (given.isEmpty()) {
                problems.add(callPos, "module '" + module + "' needs one of: " + String.join(", ", group));
            } else if (given.size() > 1) {
                problems.add(argPos.getOrDefault(given.get(1), callPos), "module '" + module + "' takes only one of "
                        + String.join(", ", group) + ", but got " + String.join(" and ", given), "remove all but one");
            }
        }
    }

    /** A message when {@code value} is not of {@code type}, or null when it is (or is a template). */
    public static String typeError(ArgType type, Object value, String what, boolean secret) {
        if (isTemplate(value) || type == ArgType.ANY) {
            return null;
        }
        if (value == null) {
            return what + " has no value";
        }
        boolean ok = switch (type) {
            case STRING, PATH -> value instanceof String || value instanceof Number || value instanceof Boolean;
            case INT -> value instanceof Long || value instanceof String s && s.strip().matches("-?\\d{1,18}");
            case BOOL -> value instanceof Boolean;
            case LIST -> value instanceof List;
            case MAP -> value instanceof Map;
            case DURATION -> Durations.of(value).isPresent();
            case ANY -> true;
        };
        if (ok) {
            return null;
        }
        String expected = switch (type) {
            case STRING -> "a string";
            case PATH -> "a path";
            case INT -> "an integer";
            case BOOL -> "true or false";
            case LIST -> "a list";
            case MAP -> "a map";
            case DURATION -> Durations.FORMAT;
            case ANY -> "anything";
        };
        return what + " must be " + expected + (secret ? "" : ", not " + describe(value));
    }

    static boolean isTemplate(Object value) {
        return value instanceof String s && TemplateEngine.isTemplate(s);
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return String.valueOf(value);
    }
}
