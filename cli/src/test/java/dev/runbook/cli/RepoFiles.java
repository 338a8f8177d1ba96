package dev.runbook.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of this repository, seen from the cli module's tests (Maven runs them in cli/). */
final class RepoFiles {

    static final Path ROOT = locate();

    private RepoFiles() {
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("schema"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no schema/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static List<Path> yaml(String dir) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
