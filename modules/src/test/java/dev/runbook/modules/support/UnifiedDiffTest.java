package dev.runbook.modules.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our diff must read like the real {@code diff -u}: compared against GNU diff on the same texts. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    private String gnuDiffBody(String a, String b) throws Exception {
        Path fa = dir.resolve("a");
        Path fb = dir.resolve("b");
        Files.writeString(fa, a);
        Files.writeString(fb, b);
        Process p = new ProcessBuilder("diff", "-u", fa.toString(), fb.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().skip(2).map(l -> l + "\n").collect(Collectors.joining());
    }

    private static String ourBody(String a, String b) {
        return UnifiedDiff.diff(a, b, "a", "b").lines().skip(2).map(l -> l + "\n").collect(Collectors.joining());
    }

    @Test
    void matchesGnuDiffOnSeparateAndAdjacentChanges() throws Exception {
        String a = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        String b = a.replace("line 3\n", "line three\n").replace("line 20\n", "").replace("line 22\n", "line 22\nnew\n")
                + "tail\n";
        assertEquals(gnuDiffBody(a, b), ourBody(a, b));
    }

    @Test
    void matchesGnuDiffForCreationAndDeletionOfEverything() throws Exception {
        assertEquals(gnuDiffBody("", "a\nb\n"), ourBody("", "a\nb\n"));
        assertEquals(gnuDiffBody("a\nb\n", ""), ourBody("a\nb\n", ""));
    }
}
