package dev.runbook.engine.template;

import dev.runbook.engine.source.SourcePos;

import java.util.Map;

/**
 * Strict templating of {@code {{ ... }}} in arguments and conditions. An undefined variable or
 * filter is an error naming {@code where}. Rendering is pure: the same vars give the same text.
 */
public interface TemplateEngine {

    /** Renders a template string to text. */
    String render(String template, Map<String, Object> vars, SourcePos where) throws TemplateException;

    /**
     * Renders a raw YAML value deeply (strings inside lists and maps). A string that is exactly one
     * {@code {{ expression }}} keeps the expression's native type (list, number, boolean, map).
     */
    Object renderValue(Object value, Map<String, Object> vars, SourcePos where) throws TemplateException;

    /** Evaluates a condition written without braces ({@code when}, {@code until}) to a boolean. */
    boolean test(String expression, Map<String, Object> vars, SourcePos where) throws TemplateException;

    /** True when the string contains template syntax. */
    static boolean isTemplate(String s) {
        return s != null && (s.contains("{{") || s.contains("{%"));
    }
}
