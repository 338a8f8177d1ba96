package dev.runbook.engine.event;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operator's view of a run: a header per step, one line per step × host with outcome, duration
 * and message, the stderr tail of failures, the undo chain, and a recap. Host tasks running longer
 * than 3 s get a progress indicator: one rewritten line on a terminal, a line every 30 s otherwise.
 */
public final class HumanRenderer implements EventSink {

    private static final long PROGRESS_AFTER_MS = 3000;
    private static final long PLAIN_PROGRESS_EVERY_MS = 30_000;

    private final PrintWriter out;
    private final boolean colour;
    private final boolean terminal;
    private final Clock clock;
    private final Map<String, Long> runningSince = new LinkedHashMap<>();
    private final Map<String, String> lastProgress = new LinkedHashMap<>();
    private final Map<String, Long> lastPlainProgress = new LinkedHashMap<>();
    private ScheduledExecutorService ticker;
    private boolean progressLineShown;
    private int hostWidth = 8;

    /**
     * @param colour   ANSI colours (only on a terminal with NO_COLOR unset; the caller decides)
     * @param terminal stdout is a terminal: the progress line is rewritten in place
     */
    public HumanRenderer(PrintWriter out, boolean colour, boolean terminal) {
        this(out, colour, terminal, Clock.systemUTC(), true);
    }

    HumanRenderer(PrintWriter out, boolean colour, boolean terminal, Clock clock, boolean tick) {
        this.out = out;
        this.colour = colour;
        this.terminal = terminal;
        this.clock = clock;
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "runbook-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof Event.RunStarted e) {
            hostWidth = Math.max(4, e.hosts().stream().mapToInt(String::length).max().orElse(4));
            line(bold("runbook " + e.runbook()) + " · inventory " + e.inventory() + " · " + e.hosts().size() + " hosts · "
                    + e.steps().size() + " steps" + (e.checkMode() ? " · CHECK MODE (nothing is changed)" : "")
                    + (e.diffMode() ? " · diff" : "") + " · run " + e.runId());
        } else if (event instanceof Event.StepStarted e) {
            line(bold("[" + e.index() + "] " + e.step()) + (e.title().equals(e.step()) ? "" : "  " + e.title())
                    + dim("  (" + String.join(", ", e.hosts()) + ")"));
        } else if (event instanceof Event.HostStarted e) {
            runningSince.put(e.step() + "\u0000" + e.host(), clock.millis());
        } else if (event instanceof Event.Progress e) {
            lastProgress.put(e.step() + "\u0000" + e.host(), e.message());
        } else if (event instanceof Event.HostFinished e) {
            String key = e.step() + "\u0000" + e.host();
            runningSince.remove(key);
            lastProgress.remove(key);
            lastPlainProgress.remove(key);
            String status = e.ignored() ? "ignored" : e.status();
            line("  " + colourStatus(status, pad(status, 9)) + pad(e.host(), hostWidth + 2)
                    + pad(e.replayed() ? "resumed" : elapsed(e.durationMs()), 8) + " " + e.step()
                    + (e.message() == null || e.message().isBlank() ? "" : "  " + firstLine(e.message())));
            if (e.stderrTail() != null && !e.stderrTail().isBlank()) {
                for (String l : e.stderrTail().split("\n")) {
                    line(dim("      │ ") + l);
                }
            }
            if (e.diff() != null && !e.diff().isBlank()) {
                for (String l : e.diff().split("\n")) {
                    line("      " + diffColour(l));
                }
            }
        } else if (event instanceof Event.StepFinished e) {
            // the per-host lines already said everything
        } else if (event instanceof Event.UndoStarted e) {
            line(bold(red("undo")) + " (" + e.reason() + "): " + e.pending().size() + " to undo, newest first");
        } else if (event instanceof Event.UndoHostFinished e) {
            line("  " + colourStatus(e.status(), pad("undo " + e.status(), 14)) + pad(e.host(), hostWidth + 2)
                    + pad(elapsed(e.durationMs()), 8) + " " + e.step()
                    + (e.message() == null || e.message().isBlank() ? "" : "  " + firstLine(e.message())));
            if (e.stderrTail() != null) {
                for (String l : e.stderrTail().split("\n")) {
                    line(dim("      │ ") + l);
                }
            }
        } else if (event instanceof Event.UndoFinished e) {
            line(e.complete() ? green("rollback complete") + " (" + e.succeeded() + " undone)"
                    : red("ROLLBACK INCOMPLETE") + ": " + e.failed() + " undo(s) failed or not run, " + e.succeeded()
                    + " succeeded; check the hosts above by hand");
        } else if (event instanceof Event.Interrupted e) {
            line(yellow(e.message()));
        } else if (event instanceof Event.Warning e) {
            line(yellow("warning: ") + (e.host() == null ? "" : e.host() + ": ") + e.message());
        } else if (event instanceof Event.RunFinished e) {
            recap(e);
        }
        out.flush();
    }

    private void recap(Event.RunFinished e) {
        line("");
        line(bold("recap") + dim(String.format(Locale.ROOT, "  %-" + (hostWidth + 2) + "s %4s %8s %7s %8s %12s",
                "host", "ok", "changed", "failed", "skipped", "unreachable")));
        for (Map.Entry<String, Map<String, Integer>> h : e.recap().entrySet()) {
            Map<String, Integer> c = h.getValue();
            String row = String.format(Locale.ROOT, "       %-" + (hostWidth + 2) + "s %4d %8d %7d %8d %12d", h.getKey(),
                    c.getOrDefault("ok", 0), c.getOrDefault("changed", 0), c.getOrDefault("failed", 0),
                    c.getOrDefault("skipped", 0), c.getOrDefault("unreachable", 0));
            line(c.getOrDefault("failed", 0) + c.getOrDefault("unreachable", 0) > 0 ? red(row) : row);
        }
        String verdict = e.message();
        line(("ok".equals(e.status()) ? green(verdict) : red(verdict)) + " in " + elapsed(e.durationMs()));
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearProgress();
        out.flush();
    }

    /** Called every second: shows what has been running for more than 3 s. */
    synchronized void tick() {
        long now = clock.millis();
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Long> r : runningSince.entrySet()) {
            long running = now - r.getValue();
            if (running < PROGRESS_AFTER_MS) {
                continue;
            }
            String[] sh = r.getKey().split("\u0000");
            String msg = lastProgress.get(r.getKey());
            String item = sh[1] + " " + sh[0] + " " + elapsed(running) + (msg == null ? "" : " (" + firstLine(msg) + ")");
            if (terminal) {
                if (shown++ < 3) {
                    sb.append(sb.length() == 0 ? "" : " · ").append(item);
                }
            } else {
                long last = lastPlainProgress.getOrDefault(r.getKey(), r.getValue());
                if (now - last >= PLAIN_PROGRESS_EVERY_MS) {
                    lastPlainProgress.put(r.getKey(), now);
                    out.println("  ...      " + item);
                }
            }
        }
        if (terminal) {
            if (sb.length() > 0) {
                int more = (int) runningSince.values().stream().filter(s -> now - s >= PROGRESS_AFTER_MS).count() - 3;
                out.print("\r\033[K" + dim("  waiting: " + sb + (more > 0 ? " · +" + more + " more" : "")));
                progressLineShown = true;
            } else {
                clearProgress();
            }
        }
        out.flush();
    }

    private void clearProgress() {
        if (progressLineShown) {
            out.print("\r\033[K");
            progressLineShown = false;
        }
    }

    private void line(String text) {
        clearProgress();
        out.println(text);
    }

    /** Elapsed time for output columns: {@code 0.2s}, {@code 12.3s}, {@code 2m05s}, {@code 1h02m}. */
    static String elapsed(long millis) {
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private String colourStatus(String status, String text) {
        String st = status.startsWith("undo ") ? status.substring(5) : status;
        return switch (st) {
            case "ok" -> green(text);
            case "changed" -> yellow(text);
            case "failed", "unreachable" -> red(text);
            case "ignored" -> magenta(text);
            default -> cyan(text);
        };
    }

    private String diffColour(String l) {
        if (l.startsWith("+") && !l.startsWith("+++")) {
            return green(l);
        }
        if (l.startsWith("-") && !l.startsWith("---")) {
            return red(l);
        }
        return l;
    }

    private String ansi(String code, String s) {
        return colour ? "\033[" + code + "m" + s + "\033[0m" : s;
    }

    private String bold(String s) { return ansi("1", s); }
    private String dim(String s) { return ansi("2", s); }
    private String red(String s) { return ansi("31", s); }
    private String green(String s) { return ansi("32", s); }
    private String yellow(String s) { return ansi("33", s); }
    private String magenta(String s) { return ansi("35", s); }
    private String cyan(String s) { return ansi("36", s); }
}
