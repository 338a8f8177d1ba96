package dev.runbook.lab.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the repository and runs the lab's shell scripts, failing with their output. */
final class LabScripts {

    private LabScripts() {
    }

    /** The directory containing {@code lab/up}, searched from the working directory upwards. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("lab/up"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root: no lab/up in " + dir + " or any parent directory");
    }

    static void run(Path repoRoot, List<String> command, long timeoutMinutes) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // Read in a separate thread so a chatty script cannot block on a full pipe.
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (out) {
                        out.append(s);
                    }
                } catch (IOException e) {
                    synchronized (out) {
                        out.append("[reading output failed: ").append(e.getMessage()).append(']');
                    }
                }
            }, "lab-script-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutMinutes + " minutes");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (p.exitValue() != 0) {
                synchronized (out) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue()
                            + " (the lab needs root on Debian with apt access):\n" + out);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
