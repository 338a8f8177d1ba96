package dev.runbook.modules.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffOfTest {

    @Test
    void showsChangedLinesWithContextAndPositions() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nX\nf\ng\nh\n";
        assertEquals("--- f (before)\n+++ f (after)\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+X\n f\n g\n h\n",
                UnifiedDiff.of("f", before, after));
    }

    @Test
    void identicalTextsGiveNoDiff() {
        assertEquals("", UnifiedDiff.of("f", "a\nb\n", "a\nb\n"));
    }
}
