package dev.runbook.engine.template;

import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.template.SimpleFilter.Failure;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters and functions runbooks have on top of Pebble's core: Jinja-style conversions and
 * string helpers, env()/file()/secret_file() reading the control machine, and the internal
 * {@value #NATIVE} used to get an expression's value rather than its text.
 */
final class RunbookExtension extends AbstractExtension {

    /** Internal: captures its argument into the render scope (native values, conditions). */
    static final String NATIVE = "_runbook_native";

    private final Secrets secrets;
    private final java.util.function.Function<String, String> environment;

    RunbookExtension(Secrets secrets, java.util.function.Function<String, String> environment) {
        this.secrets = secrets;
        this.environment = environment;
    }

    /** For parsing only (the analyzer): the same names, never evaluated. */
    static RunbookExtension forAnalysis() {
        return new RunbookExtension(new Secrets(), name -> null);
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> filters = new LinkedHashMap<>(ConversionFilters.all());
        filters.putAll(TextFilters.all());
        return filters;
    }

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> functions = new LinkedHashMap<>();
        functions.put("env", SimpleFilter.function("env", List.of("name", "default", "secret"), this::env));
        functions.put("file", SimpleFilter.function("file", List.of("path"), (args, ctx) -> readFile(args, ctx, false)));
        functions.put("secret_file", SimpleFilter.function("secret_file", List.of("path"), (args, ctx) -> readFile(args, ctx, true)));
        functions.put(NATIVE, SimpleFilter.function(NATIVE, List.of("value"), (args, ctx) -> {
            scope(ctx).capture(args.get("value"));
            return "";
        }));
        return functions;
    }

    private Object env(Map<String, Object> args, EvaluationContext context) {
        Object name = args.get("name");
        if (name == null || name.toString().isBlank()) {
            throw new Failure("needs a variable name, e.g. env('DB_PASSWORD')");
        }
        String value = environment.apply(name.toString());
        if (value == null) {
            if (args.containsKey("default")) {
                return args.get("default");
            }
            throw new Failure("environment variable '" + name + "' is not set on the control machine"
                    + " (set it, or give a default: env('" + name + "', 'fallback'))");
        }
        if (!Boolean.FALSE.equals(args.get("secret"))) {
            secrets.add(value);
        }
        return value;
    }

    private Object readFile(Map<String, Object> args, EvaluationContext context, boolean secret) {
        Object p = args.get("path");
        if (p == null || p.toString().isBlank()) {
            throw new Failure("needs a path, e.g. file('files/motd.txt')");
        }
        Path path = resolve(p.toString(), scope(context));
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (secret) {
                secrets.add(text);
                // a trailing newline is usually not part of the secret when it is used inline
                secrets.add(text.stripTrailing());
            }
            return text;
        } catch (IOException e) {
            throw new Failure("cannot read " + path + " (" + e.getClass().getSimpleName() + ")"
                    + " (relative paths are resolved against the directory of the file holding the template)");
        }
    }

    /** Relative paths are relative to the directory of the file holding the template, like Ansible's lookup. */
    private static Path resolve(String path, RenderScope scope) {
        Path p = Path.of(path);
        if (p.isAbsolute() || scope.where == null || scope.where.file() == null || scope.where.file().startsWith("<")) {
            return p.toAbsolutePath().normalize();
        }
        Path parent = Path.of(scope.where.file()).toAbsolutePath().getParent();
        return (parent == null ? p : parent.resolve(p)).toAbsolutePath().normalize();
    }

    private static RenderScope scope(EvaluationContext context) {
        Object s = context.getVariable(RenderScope.KEY);
        if (s instanceof RenderScope scope) {
            return scope;
        }
        throw new IllegalStateException("template rendered without a render scope");
    }
}
