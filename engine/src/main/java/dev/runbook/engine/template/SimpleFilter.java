package dev.runbook.engine.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/** Adapters from small lambdas to Pebble's Filter/Function, turning {@link Failure} into a located Pebble error. */
final class SimpleFilter implements Filter {

    /** A filter or function could not work on its input; the message says why and what would work. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    interface Body {
        Object apply(Object input, Map<String, Object> args);
    }

    interface FunctionBody {
        Object apply(Map<String, Object> args, EvaluationContext context);
    }

    private final String name;
    private final List<String> argNames;
    private final Body body;

    SimpleFilter(String name, List<String> argNames, Body body) {
        this.name = name;
        this.argNames = argNames;
        this.body = body;
    }

    @Override
    public List<String> getArgumentNames() {
        return argNames;
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
        try {
            return body.apply(input, args);
        } catch (Failure e) {
            throw new PebbleException(null, "filter '" + name + "': " + e.getMessage(), line, self.getName());
        }
    }

    static Function function(String name, List<String> argNames, FunctionBody body) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return argNames;
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                try {
                    return body.apply(args, context);
                } catch (Failure e) {
                    throw new PebbleException(null, "function '" + name + "': " + e.getMessage(), line, self.getName());
                }
            }
        };
    }
}
