package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only JSON-lines journal of a run. Every line is written and forced to disk before
 * {@link #append} returns, so a run killed with SIGKILL leaves a record that ends at its last event.
 * A torn last line (the machine died mid-write) is ignored when reading.
 */
public final class Journal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;

    public Journal(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        RunRecordStore.makePrivate(file);
    }

    public synchronized void append(JsonNode event) throws IOException {
        byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    /** Every complete event of a journal, in order. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readTree(l));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break; // torn final write
                }
                throw new IOException(file + ":" + (i + 1) + ": unreadable journal line: " + e.getMessage(), e);
            }
        }
        return events;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
