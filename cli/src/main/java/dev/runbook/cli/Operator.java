package dev.runbook.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs the engine, as recorded in run records and cluster locks: {@code user@host}. */
final class Operator {

    private Operator() {
    }

    static String name() {
        return System.getProperty("user.name", "unknown") + "@" + host();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String h = System.getenv("HOSTNAME");
            return h == null || h.isBlank() ? "localhost" : h;
        }
    }
}
