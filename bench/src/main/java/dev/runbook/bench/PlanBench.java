package dev.runbook.bench;

import dev.runbook.cli.Cli;
import dev.runbook.cli.Main;
import dev.runbook.engine.module.ModuleRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Planning benchmark, driven by {@code bench/plan}:
 * <pre>
 *   PlanBench generate DIR STEPS HOSTS     writes DIR/runbook.yml and DIR/inventory.yml
 *   PlanBench playbook DIR TASKS HOSTS     writes DIR/playbook.yml and DIR/hosts.ini for ansible-playbook
 *   PlanBench measure DIR                  validates and plans DIR's runbook once in this (fresh) JVM and
 *                                          prints: steps hosts wall-ms cpu-ms peak-heap-MB peak-RSS-MB
 * </pre>
 * Measuring in a fresh JVM per size is deliberate: {@code runbook validate} and {@code plan} are
 * one-shot processes, so the cold time (class loading, interpreter, JIT warm-up) is what users wait for.
 */
public final class PlanBench {

    private PlanBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> {
                Files.createDirectories(dir);
                Generate.runbook(dir.resolve("runbook.yml"), Integer.parseInt(args[2]));
                Generate.inventory(dir.resolve("inventory.yml"), Integer.parseInt(args[3]));
            }
            case "playbook" -> {
                Files.createDirectories(dir);
                Generate.playbook(dir.resolve("playbook.yml"), dir.resolve("hosts.ini"),
                        Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
            case "measure" -> measure(dir);
            default -> usage();
        }
    }

    private static void measure(Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(new PrintWriter(out), new PrintWriter(err), false, Map.of(), ModuleRegistry::load);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        int code = Main.run(cli, "validate", dir.resolve("runbook.yml").toString(), "-i", dir.resolve("inventory.yml").toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        // CPU time of the whole process (JIT and GC threads too): on a busy machine wall time mostly
        // measures the wait for a core, CPU time still measures the work
        long cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        if (code != 0) {
            System.err.println(err);
            System.exit(code);
        }
        // "ok: N steps, M hosts"
        String[] words = out.toString().trim().split("[ ,]+");
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(String.format(Locale.ROOT, "%s %s %d %d %.1f %.1f", words[1], words[3], millis, cpuMillis,
                heap / 1048576.0, peakRssKb() / 1024.0));
    }

    /** VmHWM: the process's peak resident set size (Linux). */
    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void usage() {
        System.err.println("usage: PlanBench generate|playbook DIR STEPS HOSTS | measure DIR");
        System.exit(2);
    }
}
