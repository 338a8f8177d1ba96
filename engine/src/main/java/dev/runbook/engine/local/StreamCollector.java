package dev.runbook.engine.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects one output stream: keeps up to {@link #CAP} bytes for the result (then notes the
 * truncation) and hands every complete line to a listener as it arrives.
 */
public final class StreamCollector extends OutputStream {

    public static final int CAP = 8 * 1024 * 1024;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> listener;
    private long dropped;

    public StreamCollector(Consumer<String> listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < CAP) {
            kept.write(b);
        } else {
            dropped++;
        }
        if (listener != null) {
            if (b == '\n') {
                listener.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() {
        if (listener != null && line.size() > 0) {
            listener.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    public synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes not kept]";
    }
}
