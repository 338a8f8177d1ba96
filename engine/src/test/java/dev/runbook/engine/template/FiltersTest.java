package dev.runbook.engine.template;

import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.SourcePos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each filter runbook authors use, through the real engine. */
class FiltersTest {

    private final PebbleTemplateEngine engine = new PebbleTemplateEngine(new Secrets(), name -> null);
    private final SourcePos at = new SourcePos("rb.yml", 4, 9);

    private Object value(String template) throws TemplateException {
        Map<String, Object> v = new HashMap<>();
        v.put("s", "It's a \"test\"");
        v.put("path", "/var/lib/app/releases/1.2.tar.gz");
        v.put("items", List.of("a", "b", "c"));
        v.put("m", Map.of("k", 1));
        v.put("num_text", " 42 ");
        return engine.renderValue(template, v, at);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ num_text | int + 1 }} => 43",
            "{{ '3.9' | int }} => 3",
            "{{ 'x' | int(7) }} => 7",
            "{{ '2.5' | float * 2 }} => 5.0",
            "{{ 12 | string ~ 'px' }} => 12px",
            "{{ 'yes' | bool }} => true",
            "{{ 'off' | bool }} => false",
            "{{ 0 | bool }} => false",
            "{{ s | quote }} => `'It'\"'\"'s a \"test\"'`",
            "{{ 'plain-word_1.2' | quote }} => plain-word_1.2",
            "{{ '' | quote }} => ''",
            "{{ m | to_json }} => `{\"k\":1}`",
            "{{ ('{\"a\": [1, 2]}' | from_json).a[1] }} => 2",
            "{{ 'v1.2.3' | regex_replace('^v(\\d+)\\.(\\d+).*$', '\\2.\\1') }} => 2.1",
            "{{ 'cost: 5' | regex_replace('\\d', '$') }} => cost: $",
            "{{ 'ABC' | regex_replace('b', 'x', true) }} => AxC",
            "{{ 'status: ready' | regex_search('re[a-z]+') }} => ready",
            "{{ path | basename }} => 1.2.tar.gz",
            "{{ path | dirname }} => /var/lib/app/releases",
            "{{ '/x' | dirname }} => /",
            "{{ 'file' | dirname }} => ``",
            "{{ 'user:pw' | b64encode }} => dXNlcjpwdw==",
            "{{ 'dXNlcjpwdw==' | b64decode }} => user:pw",
            "{{ '  x  ' | trim }} => x",
            "{{ 'MiXed' | lower }} => mixed",
            "{{ 'MiXed' | upper }} => MIXED",
            "{{ items | join(',') }} => a,b,c",
            "{{ items | length }} => 3",
            "{{ items | first }} => a",
            "{{ items | last }} => c",
            "{{ 'a-b' | replace('-', '+') }} => a+b",
            "{{ 'a-b' | replace({'a': 'x', 'b': 'y'}) }} => x-y",
            "{{ undefined_x | default('fallback') }} => fallback",
    })
    void filter(String template, String expected) throws Exception {
        assertEquals(expected, String.valueOf(engine.render(template, Map.of(
                "s", "It's a \"test\"", "path", "/var/lib/app/releases/1.2.tar.gz",
                "items", List.of("a", "b", "c"), "m", Map.of("k", 1), "num_text", " 42 "), at)));
    }

    @Test
    void filtersReturnNativeValuesInSingleExpressions() throws Exception {
        assertEquals(42L, value("{{ num_text | int }}"));
        assertEquals(2.5, value("{{ '2.5' | float }}"));
        assertEquals(Boolean.TRUE, value("{{ 'on' | bool }}"));
        assertEquals(Map.of("a", List.of(1, 2)), value("{{ '{\"a\": [1, 2]}' | from_json }}"));
        assertEquals(null, value("{{ 'nothing' | regex_search('\\d+') }}"));
        assertEquals(3, value("{{ items | length }}"));
    }

    @Test
    void conversionErrorsSayWhatWouldWorkWithoutQuotingTheValue() {
        TemplateException e = assertThrows(TemplateException.class, () -> value("{{ 'abc' | int }}"));
        assertTrue(e.getMessage().startsWith("rb.yml:4:9: cannot render \"{{ 'abc' | int }}\": filter 'int': cannot convert a string of 3 characters to an integer (give a fallback: | int(0))"),
                e.getMessage());
        TemplateException b = assertThrows(TemplateException.class, () -> value("{{ 'maybe' | bool }}"));
        assertTrue(b.getMessage().contains("to a boolean (true/yes/on/1 or false/no/off/0)"), b.getMessage());
        TemplateException j = assertThrows(TemplateException.class, () -> value("{{ '{oops' | from_json }}"));
        assertTrue(j.getMessage().contains("filter 'from_json': input is not valid JSON"), j.getMessage());
        TemplateException r = assertThrows(TemplateException.class, () -> value("{{ s | regex_search('(') }}"));
        assertTrue(r.getMessage().contains("invalid regular expression"), r.getMessage());
    }

    @Test
    void toJsonIndents() throws Exception {
        assertEquals("{\n  \"k\" : 1\n}", value("{{ m | to_json(2) }}"));
    }
}
