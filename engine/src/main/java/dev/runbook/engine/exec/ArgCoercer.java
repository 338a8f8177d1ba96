package dev.runbook.engine.exec;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.model.ModuleCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns rendered argument values into typed {@link Args}: a template renders to text, so
 * {@code "5"} becomes an INT, {@code "15m"} a DURATION, {@code "true"} a BOOL. Defaults are filled in.
 * The validator already rejected what it could see statically; this catches what templating produced.
 */
public final class ArgCoercer {

    /** The rendered values do not fit the module's arguments; the message is located and names the argument. */
    public static final class ArgException extends Exception {
        public ArgException(String message) {
            super(message);
        }
    }

    private ArgCoercer() {
    }

    public static Args coerce(ArgSpec spec, ModuleCall call, Map<String, Object> rendered) throws ArgException {
        List<String> problems = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Arg> known = spec.byName();
        for (String name : rendered.keySet()) {
            if (!known.containsKey(name) && spec.acceptsUndeclared()) {
                out.put(name, rendered.get(name));
            } else if (!known.containsKey(name)) {
                problems.add(call.posOf(name) + ": module '" + call.module() + "' has no argument '" + name
                        + "' (it accepts: " + String.join(", ", known.keySet()) + ")");
            }
        }
        for (Arg arg : spec.args()) {
            Object value = rendered.get(arg.name());
            if (value == null) {
                if (arg.required()) {
                    problems.add(call.pos() + ": module '" + call.module() + "' needs argument '" + arg.name() + "'");
                    continue;
                }
                value = arg.defaultValue();
                if (value == null) {
                    continue;
                }
            }
            try {
                Object typed = convert(arg.type(), value);
                if (!arg.choices().isEmpty() && !arg.choices().contains(String.valueOf(typed))) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", arg.choices()));
                }
                out.put(arg.name(), typed);
            } catch (IllegalArgumentException e) {
                String shown = arg.secret() ? "" : ", got '" + abbreviate(String.valueOf(value)) + "'";
                problems.add(call.posOf(arg.name()) + ": argument '" + arg.name() + "' of module '" + call.module()
                        + "': " + e.getMessage() + shown);
            }
        }
        for (List<String> group : spec.oneOf()) {
            long given = group.stream().filter(out::containsKey).count();
            if (given != 1) {
                problems.add(call.pos() + ": module '" + call.module() + "' needs exactly one of " + String.join(", ", group)
                        + (given == 0 ? " (none given)" : " (several given)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ArgException(String.join("\n", problems));
        }
        return new Args(out);
    }

    static Object convert(ArgType type, Object value) {
        return switch (type) {
            case STRING, PATH -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    yield value.toString();
                }
                throw new IllegalArgumentException("expected text, not a " + kind(value));
            }
            case INT -> {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    yield n.longValue();
                }
                if (value instanceof String s) {
                    try {
                        yield Long.parseLong(s.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a whole number");
                    }
                }
                throw new IllegalArgumentException("expected a whole number");
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                if (value instanceof String s) {
                    switch (s.strip().toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "on" -> {
                            yield true;
                        }
                        case "false", "no", "off" -> {
                            yield false;
                        }
                        default -> {
                        }
                    }
                }
                throw new IllegalArgumentException("expected true or false");
            }
            case DURATION -> {
                if (value instanceof Duration d) {
                    yield d;
                }
                if (value instanceof Number n) {
                    yield Duration.ofMillis(Math.round(n.doubleValue() * 1000));
                }
                if (value instanceof String s) {
                    yield Durations.parse(s).orElseThrow(() ->
                            new IllegalArgumentException("expected a duration like 500ms, 2s, 15m or 1h30m"));
                }
                throw new IllegalArgumentException("expected a duration like 500ms, 2s, 15m or 1h30m");
            }
            case LIST -> {
                if (value instanceof List<?> l) {
                    yield l;
                }
                throw new IllegalArgumentException("expected a list, not a " + kind(value));
            }
            case MAP -> {
                if (value instanceof Map<?, ?> m) {
                    yield m;
                }
                throw new IllegalArgumentException("expected a map, not a " + kind(value));
            }
            case ANY -> value;
        };
    }

    private static String kind(Object value) {
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
