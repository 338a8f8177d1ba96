package dev.runbook.lab.probe;

import dev.runbook.lab.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GET requests to one URL at a steady rate, each on a fresh connection, records every
 * outcome to a JSON-lines file and summarises what clients would have seen (see {@link ProbeSummary}).
 * Bounded by a duration and a request count. Use {@link #start()} then {@link #stop()} or
 * {@link #awaitDone()}; or run {@link #main} from the shell.
 */
public final class TrafficProbe implements AutoCloseable {
    /** Hard bounds, whatever the caller asks for. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final long MAX_REQUESTS = 200_000;

    /**
     * @param out JSON-lines file for the samples (null: keep them in memory only); the summary goes
     *            to {@code <out>.summary.json}
     */
    public record Options(URI url, double ratePerSecond, Duration duration, long maxRequests, Duration requestTimeout, Path out) {
        public Options {
            if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("probe URL must be http://host[:port]/path, got " + url);
            }
            if (!(ratePerSecond > 0 && ratePerSecond <= 1000)) {
                throw new IllegalArgumentException("rate must be between 0 and 1000 requests per second, got " + ratePerSecond);
            }
            if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("duration must be positive and at most " + MAX_DURATION + ", got " + duration);
            }
            if (maxRequests <= 0 || maxRequests > MAX_REQUESTS) {
                throw new IllegalArgumentException("max requests must be between 1 and " + MAX_REQUESTS + ", got " + maxRequests);
            }
        }

        public static Options of(URI url, double rate, Duration duration) {
            return new Options(url, rate, duration, MAX_REQUESTS, Duration.ofSeconds(5), null);
        }

        public Options withOut(Path file) {
            return new Options(url, ratePerSecond, duration, maxRequests, requestTimeout, file);
        }
    }

    private final Options options;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final CountDownLatch sendingDone = new CountDownLatch(1);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "probe-tick"));
    private final ExecutorService workers = Executors.newFixedThreadPool(32, r -> daemon(r, "probe-req"));
    private final Object writerLock = new Object();
    private BufferedWriter writer;
    private Instant started;
    private Instant deadline;
    private ProbeSummary summary;

    public TrafficProbe(Options options) {
        this.options = options;
    }

    public synchronized TrafficProbe start() throws IOException {
        if (started != null) {
            throw new IllegalStateException("probe already started");
        }
        if (options.out() != null) {
            if (options.out().toAbsolutePath().getParent() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
            }
            writer = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8);
        }
        started = Instant.now();
        deadline = started.plus(options.duration());
        long periodNanos = (long) (1_000_000_000L / options.ratePerSecond());
        ticker.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void tick() {
        if (Instant.now().isAfter(deadline) || seq.get() >= options.maxRequests()) {
            finishSending();
            return;
        }
        long n = seq.getAndIncrement();
        workers.execute(() -> send(n));
    }

    private void finishSending() {
        ticker.shutdown();
        sendingDone.countDown();
    }

    private void send(long n) {
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        Sample s;
        try {
            RawHttp.Response r = RawHttp.get(options.url(), (int) options.requestTimeout().toMillis());
            s = new Sample(n, at, (System.nanoTime() - t0) / 1_000_000, r.status(), r.headers().get("x-sim-version"),
                    r.headers().get("x-sim-node"), null);
        } catch (IOException | RuntimeException e) {
            String msg = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            s = new Sample(n, at, (System.nanoTime() - t0) / 1_000_000, 0, null, null, msg);
        }
        samples.add(s);
        write(s);
    }

    // The writer has its own lock: finish() holds the probe's monitor while it waits for requests in
    // flight, and those requests must still be able to write their samples.
    private void write(Sample s) {
        synchronized (writerLock) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(Json.write(s.toMap()));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write probe samples to " + options.out(), e);
            }
        }
    }

    /** Waits until the duration or request count is reached, then summarises. */
    public ProbeSummary awaitDone() throws InterruptedException, IOException {
        sendingDone.await();
        return finish();
    }

    /** Stops sending now, waits for requests in flight, summarises. Idempotent. */
    public ProbeSummary stop() throws InterruptedException, IOException {
        synchronized (this) {
            if (started == null) {
                throw new IllegalStateException("probe was never started");
            }
        }
        finishSending();
        return finish();
    }

    private synchronized ProbeSummary finish() throws InterruptedException, IOException {
        if (summary != null) {
            return summary;
        }
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(options.requestTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
        Instant ended = Instant.now();
        summary = ProbeSummary.of(new ArrayList<>(samples), started, ended);
        synchronized (writerLock) {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        }
        if (options.out() != null) {
            Path sum = options.out().resolveSibling(options.out().getFileName() + ".summary.json");
            Files.writeString(sum, Json.write(summary.toMap()) + "\n", StandardCharsets.UTF_8);
        }
        return summary;
    }

    /** The samples so far, in send order. */
    public List<Sample> samples() {
        List<Sample> list = new ArrayList<>(samples);
        list.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return list;
    }

    @Override
    public void close() throws IOException {
        try {
            if (started != null) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdownNow();
            ticker.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * {@code TrafficProbe --url URL [--rate 20] [--duration 10m] [--max N] [--timeout 5s] [--out FILE]}:
     * runs until the duration/count is reached or SIGTERM/SIGINT, then prints the summary as JSON.
     */
    public static void main(String[] args) throws Exception {
        URI url = null;
        double rate = 20;
        Duration duration = Duration.ofMinutes(10);
        long max = MAX_REQUESTS;
        Duration timeout = Duration.ofSeconds(5);
        Path out = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> url = URI.create(need(v, "--url"));
                    case "--rate" -> rate = Double.parseDouble(need(v, "--rate"));
                    case "--duration" -> duration = parseDuration(need(v, "--duration"));
                    case "--max" -> max = Long.parseLong(need(v, "--max"));
                    case "--timeout" -> timeout = parseDuration(need(v, "--timeout"));
                    case "--out" -> out = Path.of(need(v, "--out"));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
                i++;
            }
            TrafficProbe probe = new TrafficProbe(new Options(url, rate, duration, max, timeout, out));
            Thread hook = new Thread(() -> {
                try {
                    System.out.println(Json.write(probe.stop().toMap()));
                } catch (InterruptedException | IOException e) {
                    System.err.println("TrafficProbe: " + e.getMessage());
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            probe.start();
            ProbeSummary s = probe.awaitDone();
            boolean ownPrint;
            try {
                ownPrint = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                ownPrint = false; // SIGTERM arrived: the hook prints the summary
            }
            if (ownPrint) {
                System.out.println(Json.write(s.toMap()));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("TrafficProbe: " + e.getMessage());
            System.err.println("usage: TrafficProbe --url http://host:port/path [--rate 20] [--duration 10m] [--max N] [--timeout 5s] [--out FILE]");
            System.exit(64);
        }
    }

    private static String need(String v, String flag) {
        if (v == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return v;
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, or bare seconds. */
    static Duration parseDuration(String s) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + s + "': use 500ms, 30s, 10m, 1h or seconds");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
