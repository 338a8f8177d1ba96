package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory of run records ({@code .runbook/runs/} by default). Each run has its own private
 * directory named by its run id, holding {@code run.json} (metadata, rewritten atomically),
 * {@code plan.json} and {@code journal.jsonl}.
 */
public final class RunRecordStore {

    public static final String RUN_FILE = "run.json";
    public static final String PLAN_FILE = "plan.json";
    public static final String JOURNAL_FILE = "journal.jsonl";

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final SecureRandom random = new SecureRandom();

    public RunRecordStore(Path root) {
        this.root = root;
    }

    /**
     * The default place: {@code .runbook/runs} in the git work tree that holds the runbook, or beside
     * the runbook when it is not in git. {@code RUNBOOK_RECORD_DIR} overrides it.
     */
    public static RunRecordStore defaultFor(Path runbook, java.util.Map<String, String> env) {
        String override = env.get("RUNBOOK_RECORD_DIR");
        if (override != null && !override.isBlank()) {
            return new RunRecordStore(Path.of(override));
        }
        Path dir = runbook.toAbsolutePath().normalize().getParent();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return new RunRecordStore(p.resolve(".runbook/runs"));
            }
        }
        return new RunRecordStore(dir.resolve(".runbook/runs"));
    }

    public Path root() {
        return root;
    }

    /** A new sortable, unique run id: UTC start time plus random suffix. */
    public String newRunId(Instant started) {
        byte[] b = new byte[3];
        random.nextBytes(b);
        return ID_TIME.format(started) + "-" + HexFormat.of().formatHex(b);
    }

    public Path create(String runId) throws IOException {
        Files.createDirectories(root);
        makePrivateDir(root.getParent() != null && root.getParent().getFileName().toString().equals(".runbook") ? root.getParent() : root);
        Path dir = root.resolve(runId);
        Files.createDirectory(dir);
        makePrivateDir(dir);
        return dir;
    }

    public Path dir(String runId) throws IOException {
        Path dir = root.resolve(runId);
        if (!runId.matches("[A-Za-z0-9_.-]+") || !Files.isDirectory(dir)) {
            throw new IOException("no run '" + runId + "' in " + root + " (see: runbook history)");
        }
        return dir;
    }

    /** Writes run.json atomically (temp + rename), private. */
    public void writeMeta(String runId, ObjectNode meta) throws IOException {
        writeJson(dir(runId).resolve(RUN_FILE), meta);
    }

    public void writePlan(String runId, com.fasterxml.jackson.databind.JsonNode plan) throws IOException {
        writeJson(dir(runId).resolve(PLAN_FILE), plan);
    }

    public ObjectNode readMeta(String runId) throws IOException {
        return (ObjectNode) JSON.readTree(dir(runId).resolve(RUN_FILE).toFile());
    }

    public Journal openJournal(String runId) throws IOException {
        return new Journal(dir(runId).resolve(JOURNAL_FILE));
    }

    /** Run ids, newest first. */
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> ids = new ArrayList<>(s.filter(p -> Files.exists(p.resolve(RUN_FILE)))
                    .map(p -> p.getFileName().toString()).toList());
            ids.sort(Comparator.reverseOrder());
            return ids;
        }
    }

    /** A run id given in full or as an unambiguous prefix (as git does with commits). */
    public Optional<String> resolve(String idOrPrefix) throws IOException {
        List<String> hits = list().stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (hits.size() > 1 && !hits.contains(idOrPrefix)) {
            throw new IOException("run id '" + idOrPrefix + "' is ambiguous: " + String.join(", ", hits));
        }
        return hits.contains(idOrPrefix) ? Optional.of(idOrPrefix) : hits.stream().findFirst();
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(value));
        makePrivate(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void makePrivate(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void makePrivateDir(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
