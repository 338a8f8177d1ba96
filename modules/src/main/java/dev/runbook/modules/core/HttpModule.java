package dev.runbook.modules.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.support.Poller;
import dev.runbook.modules.support.Texts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Sends an HTTP request from the control machine and checks the answer; with {@code wait}, polls
 * until the answer is as expected (a NocoBase node answers 503 APP_PREPARING until it is up).
 */
public final class HttpModule extends ControllerModule {

    /** Registered bodies are capped: a health page is small, a mistaken download should not fill the run record. */
    static final int BODY_CAP = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.required("url", ArgType.STRING, "The URL, http:// or https://."),
            Arg.optional("method", ArgType.STRING, "GET", "HTTP method."),
            Arg.optional("headers", ArgType.MAP, null, "Request headers (never shown in output)."),
            Arg.optional("body", ArgType.ANY, null, "Request body: a string is sent as is; a map or list as JSON (with Content-Type: application/json)."),
            Arg.optional("status", ArgType.LIST, List.of(200L), "Status codes that count as success."),
            Arg.optional("body_contains", ArgType.STRING, null, "The response body must contain this text."),
            Arg.optional("body_equals", ArgType.STRING, null, "The response body, trimmed, must equal this text."),
            Arg.optional("timeout", ArgType.DURATION, Duration.ofSeconds(30), "Limit for one request (connect and answer)."),
            Arg.optional("validate_certs", ArgType.BOOL, true, "Verify the server's TLS certificate and host name."),
            Arg.optional("ca_cert", ArgType.PATH, null, "PEM file on the control machine with the CA (or self-signed) certificates to trust instead of the system's."),
            Arg.optional("follow_redirects", ArgType.BOOL, true, "Follow redirects (never from https to http)."),
            Arg.optional("wait", ArgType.BOOL, false, "Keep polling until the answer is as expected, or wait_timeout passes."),
            Arg.optional("wait_timeout", ArgType.DURATION, Duration.ofSeconds(300), "With wait: give up after this long (the step's timeout, if shorter, wins)."),
            Arg.optional("interval", ArgType.DURATION, Duration.ofSeconds(2), "With wait: pause between requests."));

    public HttpModule() {
        super("http", "Send an HTTP request from the control machine and check status and body; optionally wait until they match.", SPEC);
    }

    /** One attempt: a response, or why there was none. */
    private record Attempt(int status, String body, Map<String, Object> headers, long elapsedMs, String error) {
        boolean answered() {
            return error == null;
        }

        String seen() {
            return answered() ? "status " + status + Texts.suffix(body) : error;
        }
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String method = a.string("method").toUpperCase(Locale.ROOT);
        URI uri = parseUri(a.string("url"));
        String what = method + " " + uri;
        if (ctx.checkMode()) {
            return Outcome.skipped("http request not sent in check mode: " + what);
        }
        List<Integer> expected = new ArrayList<>();
        for (Object o : a.list("status")) {
            expected.add(o instanceof Number n ? n.intValue() : Integer.parseInt(o.toString().strip()));
        }
        HttpClient client = client(a);
        boolean wait = a.bool("wait");
        Poller poller = new Poller(ctx, wait ? a.duration("wait_timeout") : a.duration("timeout"));
        int attempts = 0;
        Attempt last;
        String problem;
        while (true) {
            attempts++;
            Duration requestTimeout = a.duration("timeout");
            if (wait && poller.remaining().compareTo(requestTimeout) < 0) {
                requestTimeout = poller.remaining().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : poller.remaining();
            }
            last = send(client, a, uri, method, requestTimeout);
            problem = judge(a, expected, last);
            if (problem == null) {
                return Outcome.ok(what + " → " + last.status() + " in " + last.elapsedMs() + "ms"
                        + (attempts > 1 ? " (after " + attempts + " attempts, " + Texts.human(poller.elapsed()) + ")" : ""), data(last, uri, attempts));
            }
            if (!wait) {
                return Outcome.failed(what + ": " + problem, last.answered() ? data(last, uri, attempts) : Map.of("url", uri.toString()));
            }
            if (poller.expired()) {
                break;
            }
            ctx.progress("waiting for " + what + " (" + poller.progress() + "; last: " + Texts.brief(last.seen()) + ")");
            if (!poller.sleep(a.duration("interval"))) {
                return Outcome.failed("interrupted while waiting for " + what + "; last: " + problem, data(last, uri, attempts));
            }
        }
        return Outcome.failed("gave up after " + Texts.human(poller.limit()) + " (" + attempts + " attempts) waiting for " + what
                + "; last: " + problem, last.answered() ? data(last, uri, attempts) : Map.of("url", uri.toString(), "attempts", (long) attempts));
    }

    private static URI parseUri(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new ModuleFailure("url '" + url + "' is not an http:// or https:// URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("url is not a valid URL: " + e.getMessage());
        }
    }

    private static HttpClient client(Args a) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(a.duration("timeout"))
                .followRedirects(a.bool("follow_redirects") ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (!a.bool("validate_certs")) {
            b.sslContext(TlsContexts.trustingAll());
        } else if (a.has("ca_cert")) {
            b.sslContext(TlsContexts.trusting(a.string("ca_cert")));
        }
        return b.build();
    }

    private static Attempt send(HttpClient client, Args a, URI uri, String method, Duration timeout) throws InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout);
        boolean jsonBody = false;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        Object raw = a.raw("body");
        if (raw instanceof Map || raw instanceof List) {
            try {
                body = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(raw));
            } catch (JsonProcessingException e) {
                throw new ModuleFailure("body cannot be written as JSON: " + e.getOriginalMessage());
            }
            jsonBody = true;
        } else if (raw != null) {
            body = HttpRequest.BodyPublishers.ofString(raw.toString());
        }
        boolean contentTypeGiven = false;
        for (Map.Entry<String, Object> h : a.map("headers").entrySet()) {
            contentTypeGiven |= h.getKey().equalsIgnoreCase("content-type");
            try {
                rb.header(h.getKey(), String.valueOf(h.getValue()));
            } catch (IllegalArgumentException e) {
                // the value may be secret: name only the header
                throw new ModuleFailure("header '" + h.getKey() + "' cannot be sent: its name or value is not allowed in HTTP");
            }
        }
        if (jsonBody && !contentTypeGiven) {
            rb.header("Content-Type", "application/json");
        }
        rb.method(method, body);
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            Map<String, Object> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            return new Attempt(r.statusCode(), r.body(), headers, ms, null);
        } catch (HttpTimeoutException e) {
            return error(start, "no response within " + Texts.human(timeout));
        } catch (SSLException e) {
            return error(start, "TLS failed: " + e.getMessage() + " (set ca_cert to the server's CA certificate, or validate_certs: false)");
        } catch (ConnectException e) {
            return error(start, "cannot connect to " + uri.getHost() + ":" + port(uri) + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
        } catch (IOException e) {
            return error(start, "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static Attempt error(long start, String message) {
        return new Attempt(0, null, Map.of(), (System.nanoTime() - start) / 1_000_000, message);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    /** Why the attempt does not meet the expectation, or null when it does. */
    private static String judge(Args a, List<Integer> expected, Attempt at) {
        if (!at.answered()) {
            return at.error();
        }
        if (!expected.contains(at.status())) {
            return "status " + at.status() + " (expected " + (expected.size() == 1 ? expected.get(0) : "one of " + expected) + ")" + Texts.suffix(at.body());
        }
        if (a.has("body_contains") && !at.body().contains(a.string("body_contains"))) {
            return "status " + at.status() + " but the body does not contain '" + a.string("body_contains") + "'" + Texts.suffix(at.body());
        }
        if (a.has("body_equals") && !at.body().strip().equals(a.string("body_equals").strip())) {
            return "status " + at.status() + " but the body is not '" + a.string("body_equals").strip() + "'" + Texts.suffix(at.body());
        }
        return null;
    }

    private static Map<String, Object> data(Attempt at, URI uri, int attempts) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", uri.toString());
        d.put("status_code", (long) at.status());
        String body = at.body();
        d.put("body", body.length() <= BODY_CAP ? body : body.substring(0, BODY_CAP));
        if (body.length() > BODY_CAP) {
            d.put("body_truncated", true);
        }
        d.put("headers", at.headers());
        d.put("elapsed_ms", at.elapsedMs());
        d.put("attempts", (long) attempts);
        Object ct = at.headers().get("content-type");
        if (ct != null && ct.toString().contains("json")) {
            try {
                d.put("json", JSON.readValue(body, Object.class));
            } catch (JsonProcessingException e) {
                // not valid JSON despite the header: the raw body is still registered
                d.put("json_error", e.getOriginalMessage());
            }
        }
        return d;
    }
}
