package dev.runbook.modules.core;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.runbook.engine.module.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The http module against WireMock stubs that answer like a NocoBase node. */
class HttpModuleTest {

    private static final String PREPARING = "{\"error\":{\"status\":503,\"code\":\"APP_PREPARING\",\"message\":\"app is preparing\",\"maintaining\":true}}";
    private static final String HEALTH = "/api/__health_check";

    @TempDir
    static Path certs;

    private static WireMockServer server;
    private static Path caPem;

    private final HttpModule http = new HttpModule();

    @BeforeAll
    static void start() throws Exception {
        Path ks = certs.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit");
        caPem = certs.resolve("server.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "srv", "-keystore", ks.toString(), "-storepass", "changeit", "-file", caPem.toString());
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort()
                .keystorePath(ks.toString()).keystorePassword("changeit").keyManagerPassword("changeit").keystoreType("PKCS12"));
        server.start();
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private TestContext health(Object... more) {
        TestContext c = TestContext.of(http, "url", url(HEALTH), "body_equals", "ok", "interval", Duration.ofMillis(100));
        for (int i = 0; i < more.length; i += 2) {
            c.arg((String) more[i], more[i + 1]);
        }
        return c;
    }

    @Test
    void waitsThroughAppPreparingUntilReady() throws Exception {
        server.stubFor(get(HEALTH).inScenario("boot").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(PREPARING)).willSetStateTo("still"));
        server.stubFor(get(HEALTH).inScenario("boot").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(PREPARING)).willSetStateTo("up"));
        server.stubFor(get(HEALTH).inScenario("boot").whenScenarioStateIs("up").willReturn(ok("ok\n")));

        TestContext ctx = health("wait", true, "wait_timeout", Duration.ofSeconds(30));
        Outcome o = ctx.run();
        assertInstanceOf(Outcome.Ok.class, o);
        assertEquals(200L, o.data().get("status_code"));
        assertEquals(3L, o.data().get("attempts"));
        assertEquals("ok\n", o.data().get("body"));
        assertTrue(ctx.progressMessages().stream().anyMatch(m -> m.contains("APP_PREPARING")), ctx.progressMessages().toString());
    }

    @Test
    void waitTimeoutFailsWithTheLastStatusAndBody() throws Exception {
        server.stubFor(get(HEALTH).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(PREPARING)));
        Outcome o = health("wait", true, "wait_timeout", Duration.ofSeconds(1)).run();
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(f.message().startsWith("gave up after 1s"), f.message());
        assertTrue(f.message().contains("last: status 503 (expected 200): " + PREPARING), f.message());
        assertEquals(503L, f.data().get("status_code"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) f.data().get("json");
        assertEquals("APP_PREPARING", ((Map<?, ?>) json.get("error")).get("code"));
    }

    @Test
    void withoutWaitAWrongAnswerFailsAtOnce() throws Exception {
        server.stubFor(get(HEALTH).willReturn(aResponse().withStatus(503).withBody(PREPARING)));
        Outcome o = health().run();
        assertInstanceOf(Outcome.Failed.class, o);
        server.verify(1, getRequestedFor(urlEqualTo(HEALTH)));

        server.stubFor(get(HEALTH).willReturn(ok("starting")));
        Outcome body = health().run();
        assertTrue(body.message().contains("but the body is not 'ok': starting"), body.message());
    }

    @Test
    void slowResponseHitsTheRequestTimeout() throws Exception {
        server.stubFor(get(HEALTH).willReturn(ok("ok").withFixedDelay(3000)));
        Outcome o = health("timeout", Duration.ofMillis(300)).run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertEquals("GET " + url(HEALTH) + ": no response within 300ms", o.message());
    }

    @Test
    void droppedConnectionsAreReportedAndRetriedWhenWaiting() throws Exception {
        server.stubFor(get(HEALTH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Outcome o = health().run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().contains("connection failed"), o.message());

        server.resetAll();
        server.stubFor(get(HEALTH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("fine"));
        server.stubFor(get(HEALTH).inScenario("flaky").whenScenarioStateIs("fine").willReturn(ok("ok")));
        assertInstanceOf(Outcome.Ok.class, health("wait", true, "wait_timeout", Duration.ofSeconds(30)).run());
    }

    @Test
    void refusedConnectionNamesTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Outcome o = TestContext.of(http, "url", "http://127.0.0.1:" + port + "/").run();
        assertTrue(o.message().contains("cannot connect to 127.0.0.1:" + port), o.message());
    }

    @Test
    void postsJsonAndRegistersJsonAndHeaders() throws Exception {
        server.stubFor(post("/api/auth:signIn").withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"account\":\"admin\",\"password\":\"pw\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-Node", "app1").withBody("{\"data\":{\"token\":\"t\",\"version\":\"1.2.3\"}}")));
        Outcome o = TestContext.of(http, "url", url("/api/auth:signIn"), "method", "post",
                "body", Map.of("account", "admin", "password", "pw"), "headers", Map.of("Authorization", "Bearer s3cret"),
                "body_contains", "version").run();
        assertInstanceOf(Outcome.Ok.class, o);
        assertEquals("app1", ((Map<?, ?>) o.data().get("headers")).get("x-node"));
        assertEquals("1.2.3", ((Map<?, ?>) ((Map<?, ?>) o.data().get("json")).get("data")).get("version"));
        assertTrue(!o.message().contains("s3cret") && !o.data().toString().contains("s3cret"), "request headers are never echoed");
        server.verify(postRequestedFor(urlEqualTo("/api/auth:signIn")).withHeader("Authorization", equalTo("Bearer s3cret")));
    }

    @Test
    void otherExpectedStatusCodes() throws Exception {
        server.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
        assertInstanceOf(Outcome.Ok.class, TestContext.of(http, "url", url("/gone"), "status", List.of(200, 404)).run());
    }

    @Test
    void tlsSelfSignedNeedsCaCertOrValidateCertsFalse() throws Exception {
        server.stubFor(get(HEALTH).willReturn(ok("ok")));
        String https = "https://127.0.0.1:" + server.httpsPort() + HEALTH;
        Outcome refused = TestContext.of(http, "url", https).run();
        assertInstanceOf(Outcome.Failed.class, refused);
        assertTrue(refused.message().contains("TLS failed") && refused.message().contains("ca_cert"), refused.message());

        assertInstanceOf(Outcome.Ok.class, TestContext.of(http, "url", https, "ca_cert", caPem.toString()).run());
        assertInstanceOf(Outcome.Ok.class, TestContext.of(http, "url", https, "validate_certs", false).run());

    }

    @Test
    void checkModeSendsNothing() throws Exception {
        server.stubFor(get(HEALTH).willReturn(ok("ok")));
        Outcome o = health().check().run();
        assertInstanceOf(Outcome.Skipped.class, o);
        server.verify(0, getRequestedFor(urlEqualTo(HEALTH)));
    }

    @Test
    void cancellationEndsTheWait() throws Exception {
        server.stubFor(get(HEALTH).willReturn(aResponse().withStatus(503).withBody(PREPARING)));
        TestContext ctx = health("wait", true, "wait_timeout", Duration.ofSeconds(60));
        java.util.concurrent.CompletableFuture.delayedExecutor(400, java.util.concurrent.TimeUnit.MILLISECONDS).execute(ctx::cancel);
        Outcome o = ctx.run();
        assertTrue(o.message().startsWith("interrupted while waiting for GET"), o.message());
    }
}
