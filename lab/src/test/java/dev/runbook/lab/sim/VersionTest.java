package dev.runbook.lab.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {
    @Test
    void comparesComponentsNumericallyAndIgnoresTheImageFlavour() {
        assertTrue(Version.parse("1.7.10").newerThan(Version.parse("1.7.9")));
        assertEquals(0, Version.parse("1.7.14-full").compareTo(Version.parse("1.7.14")));
        assertEquals("1.7.14", Version.parse("1.7.14-full").toString());
        assertTrue(Version.parse("2.0").newerThan(Version.parse("1.99.99")));
    }

    @Test
    void rejectsNonNumericVersionsWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse("latest"));
        assertTrue(e.getMessage().contains("like 1.7.14"), e.getMessage());
    }
}
