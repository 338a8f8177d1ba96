package dev.runbook.cli.nocobase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real CLI ({@code dev.runbook.cli.Main}) in its own JVM with this test's class path, as an
 * operator runs it, with {@code --json} so the events can be checked. Its own process so that a
 * test can kill it in the middle of a run, like a dying laptop.
 */
final class RunbookProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder other = new StringBuilder();
    private final Thread reader;

    private RunbookProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "runbook-out");
        reader.setDaemon(true);
        reader.start();
    }

    static RunbookProcess start(Path repo, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.runbook.cli.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("NO_COLOR", "1");
        return new RunbookProcess(pb.start());
    }

    /** Runs {@code runbook run <runbook> -i <inventory> --json <extra args>} to the end. */
    static RunbookProcess run(Path repo, Path runbook, Path inventory, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", runbook.toString(), "-i", inventory.toString(), "--json", "--yes"));
        args.addAll(List.of(extra));
        RunbookProcess p = start(repo, args.toArray(String[]::new));
        p.await(Duration.ofMinutes(4));
        return p;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    events.add(JSON.readTree(line));
                } else {
                    synchronized (other) {
                        other.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            synchronized (other) {
                other.append("[output read failed: ").append(e.getMessage()).append("]\n");
            }
        }
    }

    int await(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("runbook did not finish within " + limit + "\n" + transcript());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** Waits for the first event matching {@code p}, then kills the process at once (SIGKILL). */
    void killAfter(Predicate<JsonNode> p, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (events.stream().noneMatch(p)) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new AssertionError("the awaited event never came\n" + transcript());
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        process.waitFor();
        reader.join(5000);
    }

    int exitCode() {
        return process.exitValue();
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    String runId() {
        return events.stream().filter(e -> e.path("type").asText().equals("run_started")).map(e -> e.path("run_id").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no run_started event\n" + transcript()));
    }

    /** host_finished events of a step (ids as in the plan, e.g. backup.dump). */
    List<JsonNode> finished(String step) {
        return events.stream().filter(e -> e.path("type").asText().equals("host_finished") && e.path("step").asText().equals(step)).toList();
    }

    Optional<Instant> finishedAt(String step, String status) {
        return finished(step).stream().filter(e -> e.path("status").asText().equals(status))
                .map(e -> Instant.parse(e.path("at").asText())).max(Instant::compareTo);
    }

    List<JsonNode> undone() {
        return events.stream().filter(e -> e.path("type").asText().equals("undo_host_finished")).toList();
    }

    String transcript() {
        StringBuilder b = new StringBuilder();
        events.forEach(e -> b.append(e).append('\n'));
        synchronized (other) {
            b.append(other);
        }
        return b.toString();
    }
}
