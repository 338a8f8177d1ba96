package dev.runbook.engine.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private static final String PW = "s3cr\"et'p@ss w/rd";

    @Test
    void masksPlainValueInText() {
        Secrets secrets = new Secrets();
        secrets.add("hunter22");
        assertEquals("PGPASSWORD=****** psql -h db", secrets.redact("PGPASSWORD=hunter22 psql -h db"));
        assertEquals("******/******", secrets.redact("hunter22/hunter22"));
        assertEquals("nothing here", secrets.redact("nothing here"));
    }

    @Test
    void masksJsonEscapedUrlEncodedQuotedAndBase64FormsDeeply() throws Exception {
        Secrets secrets = new Secrets();
        secrets.add(PW);
        String json = new ObjectMapper().writeValueAsString(Map.of("password", PW));
        String url = "https://u:" + URLEncoder.encode(PW, StandardCharsets.UTF_8) + "@db/x";
        String shellSingle = "psql -W '" + PW.replace("'", "'\"'\"'") + "'";
        String shellDouble = "export P=\"" + PW.replace("\"", "\\\"") + "\"";
        String b64 = "Authorization: Basic " + Base64.getEncoder().encodeToString(PW.getBytes(StandardCharsets.UTF_8));

        Map<String, Object> record = Map.of(
                "stdout", json,
                "nested", List.of(url, Map.of("cmd", shellSingle, "env", shellDouble)),
                "headers", List.of(b64),
                "rc", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> masked = (Map<String, Object>) secrets.redactDeep(record);

        assertEquals("{\"password\":\"******\"}", masked.get("stdout"));
        List<?> nested = (List<?>) masked.get("nested");
        assertEquals("https://u:******@db/x", nested.get(0));
        assertEquals(Map.of("cmd", "psql -W '******'", "env", "export P=\"******\""), nested.get(1));
        assertEquals(List.of("Authorization: Basic ******"), masked.get("headers"));
        assertEquals(0, masked.get("rc"));
        assertFalse(masked.toString().contains("p@ss"), masked.toString());
    }

    @Test
    void valuesShorterThanThreeCharactersAreNotMasked() {
        Secrets secrets = new Secrets();
        secrets.add("ab");
        secrets.add("xyz");
        assertEquals("ab ******", secrets.redact("ab xyz"));
    }

    @Test
    void overlappingSecretsBecomeOneMaskAndLongestWins() {
        Redactor r = Redactor.of(List.of("abcdef", "defghi", "abc"));
        assertEquals("x******y", r.redact("xabcdefghiy"));
        assertEquals("******d", r.redact("abcd"));
    }

    @Test
    void multiLineSecretMasksEachLongLine() {
        String key = "-----BEGIN KEY-----\nQUJDREVGR0hJSktMTU5PUA\n-----END KEY-----\n";
        Redactor r = Redactor.of(List.of(key));
        assertEquals("line: ******", r.redact("line: QUJDREVGR0hJSktMTU5PUA"));
    }

    @Test
    void numbersWhoseTextIsSecretAreMasked() {
        Redactor r = Redactor.of(List.of("424242"));
        assertEquals(Map.of("pin", "******", "other", 7L), r.redactDeep(Map.of("pin", 424242L, "other", 7L)));
    }

    @Test
    void noSecretsReturnsTheSameObjects() {
        Map<String, Object> v = Map.of("a", "b");
        assertSame(v, new Secrets().redactDeep(v));
        assertEquals("Secrets[0 values]", new Secrets().toString());
    }

    @Test
    void secretsAddedConcurrentlyAreAllMasked() throws Exception {
        Secrets secrets = new Secrets();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> secrets.add("token-" + n + "-value")));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("token-").append(i).append("-value ");
        }
        String masked = secrets.redact(text.toString());
        assertFalse(masked.contains("token-"), masked);
        assertTrue(masked.startsWith("****** ******"));
    }
}
