package dev.runbook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine as a real process ({@code java -cp <test class path> dev.runbook.cli.Main ...}), so
 * signals (SIGINT, SIGKILL) are real. Output goes to files, read after (or during) the run.
 */
final class EngineProcess {

    private final Process process;
    private final Path out;
    private final Path err;

    private EngineProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static EngineProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", cp, "dev.runbook.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        return new EngineProcess(pb.start(), out, err);
    }

    /** Runs to the end and returns the exit code. */
    static EngineProcess run(Path workDir, Map<String, String> env, String... args) throws Exception {
        EngineProcess p = start(workDir, env, args);
        p.await(Duration.ofSeconds(120));
        return p;
    }

    int await(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("engine did not finish within " + max + "\nstdout:\n" + out() + "\nstderr:\n" + err());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    void signal(String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new AssertionError("kill -" + sig + " " + process.pid() + " failed");
        }
    }

    void sigkill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    String both() {
        return "stdout:\n" + out() + "\nstderr:\n" + err();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e.getMessage() + ")";
        }
    }

    /** Polls until the file exists and contains the text. */
    static void waitForText(Path file, String text, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + text + "' did not appear in " + file + " within " + max);
    }
}
