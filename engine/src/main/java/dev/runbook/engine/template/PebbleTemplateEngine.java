package dev.runbook.engine.template;

import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.RootNode;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The runbook template language on Pebble 4: strict variables, no auto-escaping, newlines kept,
 * no template loading (see docs/templates.md). Compiled templates are cached by their text and
 * shared between threads; rendering is thread-safe. Every error message passes through the run's
 * {@link Secrets} so values never leak through exceptions.
 */
public final class PebbleTemplateEngine implements TemplateEngine {

    /** Bound on cached templates: a run has a few thousand distinct strings at most. */
    private static final int MAX_CACHED = 20_000;

    private final Secrets secrets;
    private final TemplateAnalyzer analyzer;
    private final ConcurrentHashMap<String, Compiled> cache = new ConcurrentHashMap<>();

    /** A template compiled once: the template, or why it cannot be used. */
    private record Compiled(PebbleTemplateImpl template, String problem, boolean singleExpression) {
    }

    /** An engine whose env() reads this process's environment. */
    public PebbleTemplateEngine(Secrets secrets) {
        this(secrets, System::getenv);
    }

    /** An engine whose env() reads {@code environment} (tests, or a curated environment). */
    public PebbleTemplateEngine(Secrets secrets, Function<String, String> environment) {
        this.secrets = secrets;
        PebbleEngine pebble = PebbleSetup.engine(List.of(new RunbookExtension(secrets, environment)));
        this.analyzer = new TemplateAnalyzer(pebble);
    }

    /** The analyzer for this engine's language (same filters and functions). */
    public TemplateAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public String render(String template, Map<String, Object> vars, SourcePos where) throws TemplateException {
        if (!TemplateEngine.isTemplate(template)) {
            return template;
        }
        Compiled c = compile(template, template, where);
        return evaluate(c, template, vars, new RenderScope(where));
    }

    @Override
    public Object renderValue(Object value, Map<String, Object> vars, SourcePos where) throws TemplateException {
        if (value instanceof String s) {
            if (!TemplateEngine.isTemplate(s)) {
                return s;
            }
            Compiled c = compile(s, s, where);
            if (c.singleExpression()) {
                String inner = s.substring(2, s.length() - 2);
                inner = stripDash(inner);
                return nativeValue("{{ " + RunbookExtension.NATIVE + "(" + inner + ") }}", s, vars, where);
            }
            return evaluate(c, s, vars, new RenderScope(where));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey() instanceof String k ? render(k, vars, where) : e.getKey();
                out.put(key, renderValue(e.getValue(), vars, where));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(renderValue(item, vars, where));
            }
            return out;
        }
        return value;
    }

    @Override
    public boolean test(String expression, Map<String, Object> vars, SourcePos where) throws TemplateException {
        String braces = TemplateAnalyzer.conditionBraceProblem(expression);
        if (braces != null) {
            throw new TemplateException(where, braces + " (write the expression alone, e.g. when: \"version != current_version\")", null);
        }
        return Truthiness.truthy(nativeValue("{{ " + RunbookExtension.NATIVE + "(" + expression + ") }}", expression, vars, where));
    }

    private Object nativeValue(String wrapped, String shown, Map<String, Object> vars, SourcePos where) throws TemplateException {
        Compiled c = compile(wrapped, shown, where);
        RenderScope scope = new RenderScope(where);
        evaluate(c, shown, vars, scope);
        return scope.value();
    }

    private static String stripDash(String inner) {
        String s = inner;
        if (s.startsWith("-")) {
            s = s.substring(1);
        }
        if (s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private Compiled compile(String text, String shown, SourcePos where) throws TemplateException {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        Compiled c = cache.computeIfAbsent(text, t -> doCompile(t, shown));
        if (c.problem() != null) {
            throw new TemplateException(where, secrets.redact(c.problem()), null);
        }
        return c;
    }

    private Compiled doCompile(String text, String shown) {
        PebbleTemplateImpl template;
        try {
            template = analyzer.parse(text);
        } catch (PebbleException e) {
            Problem p = TemplateAnalyzer.syntaxProblem(e, shown, SourcePos.UNKNOWN);
            return new Compiled(null, problemText(p), false);
        }
        AstWalker walker = new AstWalker();
        walker.walk(template.getRootNode());
        List<Problem> unknown = analyzer.unknownNames(walker, shown, SourcePos.UNKNOWN);
        if (!unknown.isEmpty()) {
            return new Compiled(null, problemText(unknown.get(0)), false);
        }
        return new Compiled(template, null, isSingleExpression(text, template));
    }

    private static String problemText(Problem p) {
        return p.hint() == null ? p.message() : p.message() + " (" + p.hint() + ")";
    }

    /** Exactly one {{ expression }} and nothing around it: its value keeps its type. */
    private static boolean isSingleExpression(String text, PebbleTemplateImpl template) {
        if (!text.startsWith("{{") || !text.endsWith("}}")) {
            return false;
        }
        RenderableNode root = template.getRootNode();
        if (!(root instanceof RootNode r)) {
            return false;
        }
        List<RenderableNode> children = r.getBody().getChildren();
        return children.size() == 1 && children.get(0) instanceof PrintNode;
    }

    private String evaluate(Compiled c, String shown, Map<String, Object> vars, RenderScope scope) throws TemplateException {
        StringWriter out = new StringWriter();
        try {
            c.template().evaluate(out, scope.overlay(vars));
        } catch (RootAttributeNotFoundException e) {
            throw fail(scope.where, "undefined variable '" + e.getAttributeName() + "' in " + Messages.excerpt(shown)
                    + Messages.lineSuffix(shown, e.getLineNumber())
                    + " (" + Messages.known(e.getAttributeName(), visibleNames(vars), "variable") + ")");
        } catch (AttributeNotFoundException e) {
            throw fail(scope.where, "undefined attribute '" + e.getAttributeName() + "' in " + Messages.excerpt(shown)
                    + Messages.lineSuffix(shown, e.getLineNumber())
                    + " (use '| default(...)' or 'is defined' when it may be missing)");
        } catch (PebbleException e) {
            throw fail(scope.where, "cannot render " + Messages.excerpt(shown) + ": " + e.getPebbleMessage()
                    + Messages.lineSuffix(shown, e.getLineNumber()));
        } catch (IOException | RuntimeException e) {
            // no cause attached: JDK messages quote values (NumberFormatException: For input string: "...")
            throw fail(scope.where, "cannot render " + Messages.excerpt(shown) + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return out.toString();
    }

    private static List<String> visibleNames(Map<String, Object> vars) {
        return vars.keySet().stream().filter(k -> !k.equals(RenderScope.KEY)).toList();
    }

    private TemplateException fail(SourcePos where, String message) {
        return new TemplateException(where, secrets.redact(message), null);
    }
}
