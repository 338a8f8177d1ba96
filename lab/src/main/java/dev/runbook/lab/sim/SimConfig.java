package dev.runbook.lab.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulator node's settings, read from a compose-style {@code .env} file ({@code KEY=value}
 * lines, {@code #} comments, optional quotes).
 *
 * @param simDatabase database holding {@code sim_activity} and {@code sim_hazards}. It is separate
 *                    from the application database on purpose: restoring an application backup
 *                    must not erase the hazards recorded before the restore.
 */
public record SimConfig(
        Version version,
        String dbHost,
        int dbPort,
        String dbDatabase,
        String dbUser,
        String dbPassword,
        String simDatabase,
        String appHost,
        int appPort,
        Duration installTime,
        Duration migrateTime,
        Duration slowStart,
        boolean failMigration,
        boolean neverReady,
        Path logFile) {

    @Override
    public String toString() {
        // The password never reaches logs or exception messages.
        return "SimConfig[version=" + version + ", db=" + dbUser + "@" + dbHost + ":" + dbPort + "/" + dbDatabase
                + ", app=" + appHost + ":" + appPort + "]";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database + "?connectTimeout=5&socketTimeout=30&ApplicationName=runbook-lab-sim";
    }

    public static SimConfig load(Path envFile) throws IOException {
        Map<String, String> env = parse(Files.readAllLines(envFile, StandardCharsets.UTF_8), envFile);
        Path parent = envFile.toAbsolutePath().getParent();
        return from(env, envFile.toString(), parent.resolve("app.log"));
    }

    /** Builds a config from already parsed keys; {@code where} names the source in error messages. */
    public static SimConfig from(Map<String, String> env, String where, Path defaultLog) {
        String db = require(env, "DB_DATABASE", where);
        return new SimConfig(
                Version.parse(require(env, "NOCOBASE_VERSION", where)),
                env.getOrDefault("DB_HOST", "127.0.0.1"),
                intValue(env, "DB_PORT", 5432, where),
                db,
                require(env, "DB_USER", where),
                env.getOrDefault("DB_PASSWORD", ""),
                env.getOrDefault("SIM_DATABASE", db + "_sim"),
                env.getOrDefault("APP_HOST", "127.0.0.1"),
                intValue(env, "APP_PORT", 13000, where),
                seconds(env, "SIM_INSTALL_SECONDS", 3, where),
                seconds(env, "SIM_MIGRATE_SECONDS", 3, where),
                seconds(env, "SIM_SLOW_START_SECONDS", 0, where),
                bool(env, "SIM_FAIL_MIGRATION", where),
                bool(env, "SIM_NEVER_READY", where),
                env.containsKey("SIM_LOG_FILE") ? Path.of(env.get("SIM_LOG_FILE")) : defaultLog);
    }

    static Map<String, String> parse(List<String> lines, Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ":1: expected KEY=value, got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(key, value);
        }
        return env;
    }

    private static String require(Map<String, String> env, String key, String where) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(where + ": " + key + " is missing; the simulator needs it (e.g. " + key + "=...)");
        }
        return v;
    }

    private static int intValue(Map<String, String> env, String key, int dflt, String where) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + "=" + v + " is not a whole number");
        }
    }

    private static Duration seconds(Map<String, String> env, String key, double dflt, String where) {
        String v = env.get(key);
        double s = dflt;
        if (v != null && !v.isBlank()) {
            try {
                s = Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": " + key + "=" + v + " is not a number of seconds");
            }
        }
        if (s < 0) {
            throw new IllegalArgumentException(where + ": " + key + " must not be negative");
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static boolean bool(Map<String, String> env, String key, String where) {
        String v = env.getOrDefault(key, "false").strip().toLowerCase();
        return switch (v) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new IllegalArgumentException(where + ": " + key + "=" + v + " must be true or false");
        };
    }
}
