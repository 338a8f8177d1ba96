package dev.runbook.engine.template;

import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Static analysis of templates, used by the validator before anything runs: which variables a
 * template needs, which filters/functions/tests it calls, and located syntax errors. Never renders,
 * so env()/file() are not evaluated. Thread-safe.
 */
public final class TemplateAnalyzer {

    private final PebbleEngine pebble;

    /** An analyzer for the runbook template language (the same filters and functions the engine has). */
    public TemplateAnalyzer() {
        this(PebbleSetup.engine(List.of(RunbookExtension.forAnalysis())));
    }

    TemplateAnalyzer(PebbleEngine pebble) {
        this.pebble = pebble;
    }

    /** Analyzes a template string ({@code "app-{{ version }}.tar.gz"}); plain text gives {@link TemplateAnalysis#EMPTY}. */
    public TemplateAnalysis analyze(String template, SourcePos where) {
        if (!TemplateEngine.isTemplate(template)) {
            return TemplateAnalysis.EMPTY;
        }
        return analyzeParsed(template, template, where);
    }

    /** Analyzes a condition ({@code when}, {@code until}, assert {@code that}): an expression without braces. */
    public TemplateAnalysis analyzeCondition(String expression, SourcePos where) {
        String braces = conditionBraceProblem(expression);
        if (braces != null) {
            return problemOnly(Problem.at(where, braces, "write the expression alone, e.g. when: \"version != current_version\""));
        }
        return analyzeParsed("{{ " + expression + " }}", expression, where);
    }

    /** Analyzes every string inside a raw YAML value (lists and maps, keys included). */
    public TemplateAnalysis analyzeValue(Object value, SourcePos where) {
        if (value instanceof String s) {
            return analyze(s, where);
        }
        TemplateAnalysis result = TemplateAnalysis.EMPTY;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result = result.merge(analyzeValue(e.getKey(), where)).merge(analyzeValue(e.getValue(), where));
            }
        } else if (value instanceof Iterable<?> list) {
            for (Object item : list) {
                result = result.merge(analyzeValue(item, where));
            }
        }
        return result;
    }

    /** Null when fine; otherwise why a condition may not contain template braces. */
    static String conditionBraceProblem(String expression) {
        if (expression == null || expression.isBlank()) {
            return "a condition must not be empty";
        }
        if (TemplateEngine.isTemplate(expression)) {
            return "a condition is an expression without {{ }} or {% %}, got " + Messages.excerpt(expression);
        }
        return null;
    }

    private TemplateAnalysis analyzeParsed(String text, String shown, SourcePos where) {
        PebbleTemplateImpl template;
        try {
            template = parse(text);
        } catch (PebbleException e) {
            return problemOnly(syntaxProblem(e, shown, where));
        }
        AstWalker walker = new AstWalker();
        walker.walk(template.getRootNode());
        List<Problem> problems = unknownNames(walker, shown, where);
        var optional = new java.util.LinkedHashSet<>(walker.roots);
        optional.removeAll(walker.unguardedRoots);
        optional.addAll(walker.definedTested);
        return new TemplateAnalysis(walker.roots, optional, walker.filters, walker.functions, walker.tests, problems);
    }

    /** Parses without rendering. Throws Pebble's parser error for bad syntax or a disallowed tag. */
    PebbleTemplateImpl parse(String text) {
        return (PebbleTemplateImpl) pebble.getLiteralTemplate(text);
    }

    /** Filters, functions and tests the template calls that the language does not have. */
    List<Problem> unknownNames(AstWalker walker, String shown, SourcePos where) {
        ExtensionRegistry registry = pebble.getExtensionRegistry();
        List<Problem> problems = new ArrayList<>();
        for (String f : walker.filters) {
            if (registry.getFilter(f) == null) {
                problems.add(Problem.at(where, "unknown filter '" + f + "' in " + Messages.excerpt(shown),
                        "see docs/templates.md for the filters runbooks have"));
            }
        }
        for (String f : walker.functions) {
            if (registry.getFunction(f) == null) {
                problems.add(Problem.at(where, "unknown function '" + f + "' in " + Messages.excerpt(shown),
                        "see docs/templates.md for the functions runbooks have"));
            }
        }
        for (String t : walker.tests) {
            if (registry.getTest(t) == null) {
                problems.add(Problem.at(where, "unknown test '" + t + "' in " + Messages.excerpt(shown),
                        "tests are used as 'x is defined', 'x is empty', 'x is null', ..."));
            }
        }
        return problems;
    }

    static Problem syntaxProblem(PebbleException e, String shown, SourcePos where) {
        String message = e.getPebbleMessage() == null ? String.valueOf(e.getMessage()) : e.getPebbleMessage();
        if (message.startsWith("Unexpected tag name")) {
            return Problem.at(where, "template tag not allowed in " + Messages.excerpt(shown) + ": " + message,
                    "runbook templates allow if, for, set, filter and verbatim; include/import/macro are disabled");
        }
        return Problem.at(where, "template syntax error in " + Messages.excerpt(shown) + ": " + message
                + Messages.lineSuffix(shown, e.getLineNumber()));
    }

    private static TemplateAnalysis problemOnly(Problem p) {
        return new TemplateAnalysis(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), List.of(p));
    }
}
