package dev.runbook.engine.template;

import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateAnalyzerTest {

    private final TemplateAnalyzer analyzer = new TemplateAnalyzer();
    private final SourcePos at = new SourcePos("runbooks/x.yml", 12, 7);

    @Test
    void attributeAccessAndDefaultArgumentGiveRootNames() {
        TemplateAnalysis a = analyzer.analyze("{{ a.b | default(c) }}", at);
        assertEquals(Set.of("a", "c"), a.variables());
        assertEquals(Set.of("a"), a.optionalVariables());
        assertEquals(Set.of("c"), a.requiredVariables());
        assertEquals(Set.of("default"), a.filters());
        assertTrue(a.ok());
    }

    @Test
    void nestedExpressionsSubscriptsTernariesAndLiterals() {
        TemplateAnalysis a = analyzer.analyze(
                "x={{ hostvars[groups.db[0]].port + (offset * 2) }} {{ flag ? [one, {'k': two}] : three }}", at);
        assertEquals(Set.of("hostvars", "groups", "offset", "flag", "one", "two", "three"), a.variables());
        assertEquals(a.variables(), a.requiredVariables());
    }

    @Test
    void loopVariablesAndSetNamesAreNotFree() {
        TemplateAnalysis a = analyzer.analyze(
                "{% for h in groups.app %}{{ h }}:{{ loop.index }}:{{ port }}{% else %}{{ fallback }}{% endfor %}"
                        + "{% set total = items | length %}{{ total }}{{ h }}", at);
        // h outside the loop is free again
        assertEquals(Set.of("groups", "port", "fallback", "items", "h"), a.variables());
        assertTrue(a.filters().contains("length"));
    }

    @Test
    void filtersAndFunctionsWithArgumentsAreCollected() {
        TemplateAnalysis a = analyzer.analyze(
                "{{ names | join(sep) | replace({'a': repl}) }} {{ range(1, count) }}{% if x is defined and y is not empty %}{% endif %}", at);
        assertEquals(Set.of("names", "sep", "repl", "count", "x", "y"), a.variables());
        assertEquals(Set.of("join", "replace"), a.filters());
        assertEquals(Set.of("range"), a.functions());
        assertEquals(Set.of("defined", "empty"), a.tests());
        assertEquals(Set.of("x"), a.optionalVariables());
    }

    @Test
    void isDefinedAnywhereMakesTheNameOptional() {
        TemplateAnalysis a = analyzer.analyze("{% if proxy is defined %}--proxy {{ proxy }}{% endif %}", at);
        assertEquals(Set.of("proxy"), a.variables());
        assertEquals(Set.of(), a.requiredVariables());
    }

    @Test
    void syntaxErrorIsLocatedAndQuotesTheTemplate() {
        TemplateAnalysis a = analyzer.analyze("echo {{ (version }}", at);
        assertEquals(1, a.problems().size());
        Problem p = a.problems().get(0);
        assertEquals(at, p.pos());
        assertTrue(p.toString().startsWith("runbooks/x.yml:12:7: template syntax error in \"echo {{ (version }}\""), p.toString());
    }

    @Test
    void includeAndMacroTagsAreRejected() {
        TemplateAnalysis a = analyzer.analyze("{% include '/etc/passwd' %}", at);
        assertEquals(1, a.problems().size());
        assertTrue(a.problems().get(0).message().contains("not allowed"), a.problems().get(0).message());
    }

    @Test
    void unknownFilterAndFunctionAreReported() {
        TemplateAnalysis a = analyzer.analyze("{{ x | frobnicate }} {{ nosuch(1) }}", at);
        assertEquals(List.of("unknown filter 'frobnicate' in \"{{ x | frobnicate }} {{ nosuch(1) }}\"",
                        "unknown function 'nosuch' in \"{{ x | frobnicate }} {{ nosuch(1) }}\""),
                a.problems().stream().map(Problem::message).toList());
    }

    @Test
    void conditionsAreExpressionsWithoutBraces() {
        TemplateAnalysis ok = analyzer.analyzeCondition("lbres.status == 200 and version != current", at);
        assertEquals(Set.of("lbres", "version", "current"), ok.variables());
        TemplateAnalysis bad = analyzer.analyzeCondition("{{ ready }}", at);
        assertTrue(bad.problems().get(0).message().contains("without {{ }}"), bad.problems().get(0).message());
    }

    @Test
    void valuesAreAnalyzedDeeplyAndPlainTextIsEmpty() {
        TemplateAnalysis a = analyzer.analyzeValue(Map.of("url", "http://{{ host }}:{{ port | default(80) }}",
                "list", List.of("plain", "{{ app_dir }}/x"), "n", 3), at);
        assertEquals(Set.of("host", "port", "app_dir"), a.variables());
        assertEquals(Set.of("host", "app_dir"), a.requiredVariables());
        assertEquals(TemplateAnalysis.EMPTY, analyzer.analyze("no braces here", at));
    }
}
