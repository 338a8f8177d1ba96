package dev.runbook.engine.load;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExtraVarsTest {

    private final ExtraVars extra = new ExtraVars();

    @Test
    void keyValueValuesAreYamlScalarsButDecimalsStayText() throws Exception {
        Map<String, Object> vars = extra.parse(List.of("n=3", "flag=true", "word=yes", "version=1.10", "empty=",
                "url=http://x:80/a?b=c", "tpl={{ a }}", "n=4"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", 4L);
        expected.put("flag", true);
        expected.put("word", "yes");
        expected.put("version", "1.10");
        expected.put("empty", "");
        expected.put("url", "http://x:80/a?b=c");
        expected.put("tpl", "{{ a }}");
        assertEquals(expected, vars);
    }

    @Test
    void filesAndInlineMapsLaterOnesWinning() throws Exception {
        Map<String, Object> vars = extra.parse(List.of("@src/test/resources/extravars/good.yml", "{\"count\": 5}"));
        assertEquals(Map.of("version", "1.7.14", "count", 5L, "flags", List.of("a", "b")), vars);
    }

    @Test
    void badSpecsAreReportedWithoutEchoingValues() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> extra.parse(List.of("db_password", "bad-name=s3cret", "@src/test/resources/extravars/missing.yml")));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "-e: an -e argument has no '=' (write -e key=value, -e @vars.yml or -e '{\"key\": 1}')",
                "-e: 'bad-name' is not a valid variable name (use letters, digits and '_', not starting with a digit)",
                "src/test/resources/extravars/missing.yml: file not found"), problems);
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
