package dev.runbook.lab.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A one-request-per-connection HTTP/1.1 GET. The probe opens a fresh connection for every request
 * (like a new visitor) so a load balancer reload shows up as refused connections rather than being
 * hidden by, or blamed on, a pooled keep-alive connection.
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers) {
    }

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private RawHttp() {
    }

    static Response get(URI uri, int timeoutMs) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nUser-Agent: runbook-lab-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + lines[0]);
            }
            int status = Integer.parseInt(statusLine[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            // Drain the body (bounded) so the server sees a complete exchange before we close.
            byte[] buf = new byte[8192];
            int total = 0;
            int n;
            while (total < MAX_BODY && (n = in.read(buf)) > 0) {
                total += n;
            }
            return new Response(status, headers);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(head.size() == 0 ? "connection closed without a response" : "response head cut short");
            }
            head.write(b);
            // Track "\r\n\r\n".
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1 : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("response head larger than " + MAX_HEAD + " bytes");
    }
}
