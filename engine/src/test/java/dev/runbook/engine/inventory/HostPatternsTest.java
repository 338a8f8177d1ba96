package dev.runbook.engine.inventory;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.SourcePos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostPatternsTest {

    // hosts in order: lb1, app1, app2, db1, ctl, far; app = app1, app2; lb = lb1; db = db1; cluster = app + lb,
    // so cluster in inventory order is lb1, app1, app2 (subscripts index that order; slice ends are inclusive)
    private static final Inventory INV = load();

    private static Inventory load() {
        try {
            return new InventoryLoader().load(InventoryLoaderTest.DIR.resolve("native/lab.yml"));
        } catch (InvalidInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "all                | lb1 app1 app2 db1 ctl far",
            "app                | app1 app2",
            "app1               | app1",
            "app[0]             | app1",
            "app[-1]            | app2",
            "cluster[1:]        | app1 app2",
            "cluster[:1]        | lb1 app1",
            "cluster[0:1]       | lb1 app1",
            "app,lb             | lb1 app1 app2",
            "app:lb             | lb1 app1 app2",
            "db1,app            | app1 app2 db1",
            "cluster:&app       | app1 app2",
            "cluster,&lb        | lb1",
            "cluster:!app1      | lb1 app2",
            "!app               | lb1 db1 ctl far",
            "app*               | app1 app2",
            "a?p1               | app1",
            "*                  | lb1 app1 app2 db1 ctl far",
            "~[ad][pb]+\\d      | app1 app2 db1",
            "app:!app2:&cluster | app1",
            "zz*                | ''",
            "app[5]             | ''",
    })
    void resolves(String pattern, String expected) throws PatternException {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(want, HostPatterns.resolve(INV, pattern));
    }

    @Test
    void unknownNamesAreErrorsWithSuggestions() {
        PatternException e = assertThrows(PatternException.class, () -> HostPatterns.resolve(INV, "app:!ap1"));
        assertEquals("no host or group 'ap1' in inventory lab (in pattern 'app:!ap1')", e.getMessage());
        assertEquals("did you mean 'app'?", e.hint());
        PatternException plain = assertThrows(PatternException.class, () -> HostPatterns.resolve(INV, "web"));
        assertEquals("no host or group 'web' in inventory lab", plain.getMessage());
    }

    @Test
    void locatedVariantNamesThePatternsPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HostPatterns.resolve(INV, "clustr", new SourcePos("rb.yml", 4, 12)));
        assertEquals("rb.yml:4:12: no host or group 'clustr' in inventory lab (did you mean 'cluster'?)", e.getMessage());
    }

    @Test
    void limitIntersectsWithTheStepsHostsKeepingTheirOrder() throws PatternException {
        assertEquals(List.of("app2"), HostPatterns.limit(INV, List.of("app1", "app2", "lb1"), "app:!app1"));
        assertEquals(List.of(), HostPatterns.limit(INV, List.of("db1"), "app"));
    }

    @Test
    void emptyPatternIsAnError() {
        PatternException e = assertThrows(PatternException.class, () -> HostPatterns.resolve(INV, " , "));
        assertEquals("the host pattern is empty", e.getMessage());
    }
}
