package dev.runbook.lab.sim;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One lazily opened JDBC connection, used by one concern at a time (callers serialise through
 * {@link #with}). A broken connection is dropped and reopened on the next call, so a database
 * restart does not kill the node.
 */
final class Db implements AutoCloseable {
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private Connection conn;

    Db(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    synchronized <T> T with(SqlWork<T> work) throws SQLException {
        if (conn == null || conn.isClosed()) {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            conn = DriverManager.getConnection(url, p);
        }
        try {
            return work.run(conn);
        } catch (SQLException e) {
            if (!conn.isValid(2)) {
                closeQuietly();
            }
            throw e;
        }
    }

    /** {@link #with}, all of {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return with(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                // The connection is being discarded; a failure to close it changes nothing.
                conn = null;
            }
            conn = null;
        }
    }
}
