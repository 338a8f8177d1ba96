package dev.runbook.lab.sim;

import dev.runbook.lab.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Command line of the NocoBase simulator.
 * <pre>
 *   Simulator --env FILE --node NAME                 run a node until SIGTERM or failure
 *   Simulator --hazards --env FILE [--json] [--since ISO-INSTANT]   print recorded hazards
 * </pre>
 * Exit codes of a node: 0 stopped, 1 error, 2 migration failed, 3 newer schema refused.
 */
public final class Simulator {
    private Simulator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path env = null;
        String node = null;
        boolean hazards = false;
        boolean json = false;
        Instant since = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--env" -> env = Path.of(value(args, ++i, "--env"));
                    case "--node" -> node = value(args, ++i, "--node");
                    case "--hazards" -> hazards = true;
                    case "--json" -> json = true;
                    case "--since" -> since = Instant.parse(value(args, ++i, "--since"));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (env == null) {
                throw new IllegalArgumentException("--env FILE is required");
            }
            if (!Files.isReadable(env)) {
                throw new IllegalArgumentException("env file " + env + " does not exist or is not readable");
            }
            SimConfig cfg = SimConfig.load(env);
            if (hazards) {
                return printHazards(cfg, since, json, out, err);
            }
            if (node == null || !node.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("--node NAME is required (letters, digits, . _ -)");
            }
            return runNode(cfg, node, out);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            err.println("Simulator: " + e.getMessage());
            err.println("usage: Simulator --env FILE --node NAME | Simulator --hazards --env FILE [--json] [--since ISO-INSTANT]");
            return 64;
        } catch (IOException e) {
            err.println("Simulator: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int runNode(SimConfig cfg, String node, PrintStream out) throws InterruptedException {
        SimLog log = new SimLog(cfg.logFile(), node, out);
        SimNode sim = new SimNode(cfg, node, log);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "sim-shutdown"));
        try {
            sim.start();
        } catch (IOException e) {
            log.error("cannot listen on " + cfg.appHost() + ":" + cfg.appPort() + ": " + e.getMessage());
            return SimNode.EXIT_ERROR;
        }
        return sim.awaitExit();
    }

    private static int printHazards(SimConfig cfg, Instant since, boolean json, PrintStream out, PrintStream err) {
        try (SimStore store = SimStore.open(cfg)) {
            List<Hazard> list = store.hazards(since);
            if (json) {
                out.println(Json.write(list.stream().map(Hazard::toMap).toList()));
            } else if (list.isEmpty()) {
                out.println("no hazards recorded");
            } else {
                for (Hazard h : list) {
                    out.println(h.at() + "\t" + h.node() + "\t" + h.kind().code() + "\t" + h.detail());
                }
            }
            return 0;
        } catch (SQLException e) {
            err.println("Simulator: cannot read hazards from " + cfg.dbHost() + ":" + cfg.dbPort() + "/" + cfg.simDatabase() + ": " + e.getMessage());
            return 1;
        }
    }
}
