package dev.runbook.lab.sim;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's own bookkeeping database: node activity heartbeats and recorded hazards. Lives
 * in {@link SimConfig#simDatabase()}, apart from the application database, so a restore of the
 * application database cannot erase evidence.
 */
public final class SimStore implements AutoCloseable {
    /** A setup heartbeat younger than this means that node is still installing or migrating. */
    static final String FRESH = "interval '3 seconds'";
    private static final long DDL_LOCK = 0x5EED_0001L;

    /** One row of sim_activity. */
    public record Activity(String node, String phase, String version, Instant updatedAt) {
    }

    private final Db db;

    private SimStore(Db db) {
        this.db = db;
    }

    /** Opens the store, creating the bookkeeping database and tables when missing. */
    public static SimStore open(SimConfig cfg) throws SQLException {
        ensureDatabase(cfg);
        SimStore store = new SimStore(new Db(cfg.jdbcUrl(cfg.simDatabase()), cfg.dbUser(), cfg.dbPassword()));
        store.db.with(c -> {
            try (Statement st = c.createStatement()) {
                // Nodes start concurrently: serialise DDL so CREATE ... IF NOT EXISTS cannot race.
                st.execute("SELECT pg_advisory_lock(" + DDL_LOCK + ")");
                try {
                    st.execute("CREATE TABLE IF NOT EXISTS sim_activity (node text PRIMARY KEY, phase text NOT NULL,"
                            + " version text NOT NULL, pid bigint, updated_at timestamptz NOT NULL DEFAULT now())");
                    st.execute("CREATE TABLE IF NOT EXISTS sim_hazards (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),"
                            + " node text NOT NULL, kind text NOT NULL, detail text NOT NULL)");
                } finally {
                    st.execute("SELECT pg_advisory_unlock(" + DDL_LOCK + ")");
                }
            }
            return null;
        });
        return store;
    }

    private static void ensureDatabase(SimConfig cfg) throws SQLException {
        Db app = new Db(cfg.jdbcUrl(cfg.dbDatabase()), cfg.dbUser(), cfg.dbPassword());
        try (app) {
            app.with(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, cfg.simDatabase());
                    if (ps.executeQuery().next()) {
                        return null;
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + cfg.simDatabase().replace("\"", "\"\"") + "\"");
                } catch (SQLException e) {
                    // 42P04: another node created it a moment ago.
                    if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                        throw new SQLException("cannot create the simulator's bookkeeping database '" + cfg.simDatabase()
                                + "' (create it, owned by " + cfg.dbUser() + ", or grant CREATEDB): " + e.getMessage(), e);
                    }
                }
                return null;
            });
        }
    }

    public void heartbeat(String node, String phase, String version) throws SQLException {
        db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sim_activity (node, phase, version, pid, updated_at)"
                    + " VALUES (?, ?, ?, ?, now()) ON CONFLICT (node) DO UPDATE SET phase = excluded.phase,"
                    + " version = excluded.version, pid = excluded.pid, updated_at = now()")) {
                ps.setString(1, node);
                ps.setString(2, phase);
                ps.setString(3, version);
                ps.setLong(4, ProcessHandle.current().pid());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void removeActivity(String node) throws SQLException {
        db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sim_activity WHERE node = ?")) {
                ps.setString(1, node);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Other nodes whose installing/migrating heartbeat is fresh. */
    public List<Activity> freshSetups(String exceptNode) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT node, phase, version, updated_at FROM sim_activity"
                    + " WHERE node <> ? AND phase IN ('installing', 'migrating') AND updated_at > now() - " + FRESH
                    + " ORDER BY node")) {
                ps.setString(1, exceptNode);
                return activities(ps.executeQuery());
            }
        });
    }

    public List<Activity> activities() throws SQLException {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT node, phase, version, updated_at FROM sim_activity ORDER BY node")) {
                return activities(ps.executeQuery());
            }
        });
    }

    private static List<Activity> activities(ResultSet rs) throws SQLException {
        List<Activity> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Activity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
        }
        return out;
    }

    public void record(String node, HazardKind kind, String detail) throws SQLException {
        db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sim_hazards (node, kind, detail) VALUES (?, ?, ?)")) {
                ps.setString(1, node);
                ps.setString(2, kind.code());
                ps.setString(3, detail);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Hazards recorded at or after {@code since} (null: all), oldest first. */
    public List<Hazard> hazards(Instant since) throws SQLException {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, node, kind, detail FROM sim_hazards"
                    + " WHERE at >= ? ORDER BY id")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(since == null ? Instant.EPOCH : since));
                ResultSet rs = ps.executeQuery();
                List<Hazard> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Hazard(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            HazardKind.ofCode(rs.getString(4)), rs.getString(5)));
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
