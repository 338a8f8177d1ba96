package dev.runbook.engine.template;

import dev.runbook.engine.source.Problem;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a template refers to, found without rendering it.
 *
 * @param variables         free root variable names ({@code a.b | default(c)} gives a and c;
 *                          names bound by {@code for} or {@code set} are not free)
 * @param optionalVariables the subset that may be undefined: every use is the input of
 *                          {@code default(...)}, or the template tests it with {@code is defined}
 * @param filters           filter names used
 * @param functions         function names used
 * @param tests             test names used ({@code is defined}, {@code is empty}, ...)
 * @param problems          located syntax errors and unknown filters/functions/tests; empty when fine
 */
public record TemplateAnalysis(Set<String> variables, Set<String> optionalVariables, Set<String> filters,
                               Set<String> functions, Set<String> tests, List<Problem> problems) {

    public TemplateAnalysis {
        variables = Set.copyOf(variables);
        optionalVariables = Set.copyOf(optionalVariables);
        filters = Set.copyOf(filters);
        functions = Set.copyOf(functions);
        tests = Set.copyOf(tests);
        problems = List.copyOf(problems);
    }

    public static final TemplateAnalysis EMPTY =
            new TemplateAnalysis(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of());

    /** Variables that must be defined for the template to render: report these when undefined. */
    public Set<String> requiredVariables() {
        Set<String> required = new LinkedHashSet<>(variables);
        required.removeAll(optionalVariables);
        return Set.copyOf(required);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Union of two analyses (for a value made of many strings). */
    public TemplateAnalysis merge(TemplateAnalysis other) {
        Set<String> vars = union(variables, other.variables);
        // optional in the union only if no part needs it
        Set<String> optional = new LinkedHashSet<>(vars);
        optional.removeAll(requiredVariables());
        optional.removeAll(other.requiredVariables());
        List<Problem> all = new java.util.ArrayList<>(problems);
        all.addAll(other.problems);
        return new TemplateAnalysis(vars, optional, union(filters, other.filters),
                union(functions, other.functions), union(tests, other.tests), all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
