package dev.runbook.lab.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends timestamped lines to the node's app.log and echoes them to stdout. */
public final class SimLog {
    private final Path file;
    private final String node;
    private final PrintStream echo;

    public SimLog(Path file, String node, PrintStream echo) {
        this.file = file;
        this.node = node;
        this.echo = echo;
    }

    public Path file() {
        return file;
    }

    public synchronized void info(String message) {
        write("INFO", message);
    }

    public synchronized void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        String line = Instant.now() + " [" + node + "] " + level + " " + message + System.lineSeparator();
        if (echo != null) {
            echo.print(line);
            echo.flush();
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            if (echo != null) {
                echo.println("cannot write log file " + file + ": " + e.getMessage());
            }
        }
    }
}
