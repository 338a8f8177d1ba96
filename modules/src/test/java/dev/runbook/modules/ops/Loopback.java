package dev.runbook.modules.ops;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Loopback fixtures for the load-balancer tests: a tiny app, free ports, raw HTTP probes, a request loop. */
public final class Loopback {

    private Loopback() {
    }

    public record Response(int status, String body) {
    }

    /** A backend answering 200 "app" on every path. */
    public static HttpServer app(String address) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(address, 0), 50);
        s.createContext("/", ex -> {
            byte[] body = "app".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    public static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    /** One HTTP/1.0 GET on a fresh connection (so every probe exercises the listener, as after a reload). */
    public static Response get(String address, int port, String path) throws IOException {
        try (Socket s = new Socket(address, port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int sp = all.indexOf(' ');
            if (!all.startsWith("HTTP/") || sp < 0) {
                throw new IOException("not an HTTP response: " + all);
            }
            int status = Integer.parseInt(all.substring(sp + 1, sp + 4));
            int body = all.indexOf("\r\n\r\n");
            return new Response(status, body < 0 ? "" : all.substring(body + 4));
        }
    }

    /** Requests in a loop on a thread, counting statuses and connection errors. */
    public static final class RequestLoop implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final AtomicInteger errors = new AtomicInteger();
        private final StringBuilder firstError = new StringBuilder();
        private final Thread thread;

        public RequestLoop(String address, int port) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        Response r = get(address, port, "/api/__health_check");
                        statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException e) {
                        if (errors.getAndIncrement() == 0) {
                            synchronized (firstError) {
                                firstError.append(e);
                            }
                        }
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "request-loop");
            thread.start();
        }

        public int count(int status) {
            AtomicInteger n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        public int errors() {
            return errors.get();
        }

        public String summary() {
            synchronized (firstError) {
                return "statuses " + statuses + ", errors " + errors.get() + (firstError.length() > 0 ? " (first: " + firstError + ")" : "");
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
