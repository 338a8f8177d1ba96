package dev.runbook.lab.sim;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NocoBase-like application schema in the application database: {@code applicationVersion},
 * {@code applicationPlugins}, a sample data table and a migration history.
 */
public final class AppSchema implements AutoCloseable {
    private static final long DDL_LOCK = 0x5EED_0002L;
    private static final String[] BUILT_IN = {"acl", "users", "auth", "ui-schema-storage", "system-settings",
            "file-manager", "backup-restore"};

    private final Db db;

    public AppSchema(SimConfig cfg) {
        this.db = new Db(cfg.jdbcUrl(cfg.dbDatabase()), cfg.dbUser(), cfg.dbPassword());
    }

    /** The schema version, or empty when the application was never installed. */
    public Optional<Version> version() throws SQLException {
        return db.with(c -> {
            try (Statement st = c.createStatement()) {
                ResultSet exists = st.executeQuery("SELECT to_regclass('public.\"applicationVersion\"') IS NOT NULL");
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.empty();
                }
                ResultSet rs = st.executeQuery("SELECT value FROM \"applicationVersion\" LIMIT 1");
                return rs.next() ? Optional.of(Version.parse(rs.getString(1))) : Optional.empty();
            }
        });
    }

    /** Creates the schema and built-in plugins at {@code version}; tolerates a concurrent installer. */
    public void install(Version version, String node) throws SQLException {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
                st.execute("CREATE TABLE IF NOT EXISTS \"applicationVersion\" (value varchar(255) NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS \"applicationPlugins\" (id serial PRIMARY KEY, name varchar(255) UNIQUE NOT NULL,"
                        + " \"packageName\" varchar(255), version varchar(255), enabled boolean, installed boolean, \"builtIn\" boolean,"
                        + " options jsonb DEFAULT '{}'::jsonb, \"createdAt\" timestamptz DEFAULT now(), \"updatedAt\" timestamptz DEFAULT now())");
                st.execute("CREATE TABLE IF NOT EXISTS posts (id serial PRIMARY KEY, title text NOT NULL, \"createdAt\" timestamptz DEFAULT now())");
                st.execute("CREATE TABLE IF NOT EXISTS sim_migrations (id serial PRIMARY KEY, version varchar(255) NOT NULL,"
                        + " kind varchar(32) NOT NULL, node varchar(255), at timestamptz DEFAULT now())");
                ResultSet rs = st.executeQuery("SELECT count(*) FROM \"applicationVersion\"");
                rs.next();
                if (rs.getLong(1) == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"applicationVersion\" (value) VALUES (?)")) {
                        ps.setString(1, version.toString());
                        ps.executeUpdate();
                    }
                    st.execute("INSERT INTO posts (title) VALUES ('Hello NocoBase'), ('Cluster mode notes'), ('Release checklist')");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"applicationPlugins\" (name, \"packageName\", version,"
                        + " enabled, installed, \"builtIn\") VALUES (?, ?, ?, true, true, true) ON CONFLICT (name) DO NOTHING")) {
                    for (String p : BUILT_IN) {
                        ps.setString(1, p);
                        ps.setString(2, "@nocobase/plugin-" + p);
                        ps.setString(3, version.toString());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                history(c, version, "install", node);
            }
            return null;
        });
    }

    /** Moves the schema and built-in plugins to {@code target} in one transaction. */
    public void migrate(Version target, String node) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE \"applicationVersion\" SET value = ?")) {
                ps.setString(1, target.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE \"applicationPlugins\" SET version = ?, \"updatedAt\" = now()"
                    + " WHERE \"builtIn\"")) {
                ps.setString(1, target.toString());
                ps.executeUpdate();
            }
            history(c, target, "migrate", node);
            return null;
        });
    }

    private static void history(java.sql.Connection c, Version v, String kind, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sim_migrations (version, kind, node) VALUES (?, ?, ?)")) {
            ps.setString(1, v.toString());
            ps.setString(2, kind);
            ps.setString(3, node);
            ps.executeUpdate();
        }
    }

    public List<Map<String, Object>> enabledPlugins() throws SQLException {
        return db.with(c -> {
            try (Statement st = c.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT name, \"packageName\", version, \"builtIn\" FROM \"applicationPlugins\""
                        + " WHERE enabled ORDER BY id");
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", rs.getString(1));
                    m.put("packageName", rs.getString(2));
                    m.put("version", rs.getString(3));
                    m.put("builtIn", rs.getBoolean(4));
                    out.add(m);
                }
                return out;
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
