package dev.runbook.engine.template;

import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.SourcePos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PebbleTemplateEngineTest {

    private final Secrets secrets = new Secrets();
    private final Map<String, String> env = new HashMap<>(Map.of("DB_PASSWORD", "pg-Secret-42", "REGION", "eu-west"));
    private final PebbleTemplateEngine engine = new PebbleTemplateEngine(secrets, env::get);
    private final SourcePos at = new SourcePos("runbooks/x.yml", 12, 7);

    private Map<String, Object> vars() {
        Map<String, Object> v = new HashMap<>();
        v.put("version", "1.4.2");
        v.put("ports", List.of(80, 443));
        v.put("db", Map.of("host", "127.0.10.20", "port", 5432));
        v.put("count", 3);
        v.put("enabled", true);
        v.put("nothing", null);
        return v;
    }

    @Test
    void undefinedVariableNamesLocationTemplateAndSuggestion() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> engine.render("app-{{ verison }}.tgz", vars(), at));
        assertEquals(at, e.pos());
        assertTrue(e.getMessage().startsWith(
                "runbooks/x.yml:12:7: undefined variable 'verison' in \"app-{{ verison }}.tgz\" (did you mean 'version'? defined: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("count, db, enabled, nothing, ports, version"), e.getMessage());
    }

    @Test
    void undefinedAttributeIsAnError() {
        TemplateException e = assertThrows(TemplateException.class, () -> engine.render("{{ db.hots }}", vars(), at));
        assertTrue(e.getMessage().contains("undefined attribute 'hots' in \"{{ db.hots }}\""), e.getMessage());
    }

    @Test
    void defaultAndIsDefinedWorkForUndefinedNamesInStrictMode() throws Exception {
        assertEquals("8080 x", engine.render("{{ http_port | default(8080) }} {{ db.nope | default('x') }}", vars(), at));
        assertEquals("no yes", engine.render("{{ (missing is defined) ? 'yes' : 'no' }} {{ (missing is not defined) ? 'yes' : 'no' }}", vars(), at));
        assertTrue(engine.test("proxy is not defined", vars(), at));
        // as documented: default also replaces empty values, and guards a missing root before an attribute
        assertEquals("x", engine.render("{{ '' | default('x') }}", vars(), at));
        assertEquals(1L, engine.renderValue("{{ missing.attr | default(1) }}", vars(), at));
        assertEquals(null, engine.renderValue("{{ missing | default(null) }}", vars(), at));
    }

    @Test
    void rendersTextWithoutEscapingAndKeepsNewlines() throws Exception {
        assertEquals("a<b & \"c\"\n\nv=1.4.2\n", engine.render("a<b & \"c\"\n{% if enabled %}\n{% endif %}v={{ version }}\n", vars(), at));
        assertEquals("plain text", engine.render("plain text", vars(), at));
    }

    @Test
    void singleExpressionKeepsNativeType() throws Exception {
        Map<String, Object> v = vars();
        assertEquals(List.of(80, 443), engine.renderValue("{{ ports }}", v, at));
        assertEquals(5432, engine.renderValue("{{ db.port }}", v, at));
        assertEquals(Boolean.TRUE, engine.renderValue("{{ enabled }}", v, at));
        assertEquals(6L, engine.renderValue("{{ count * 2 }}", v, at));
        assertEquals(Map.of("host", "127.0.10.20", "port", 5432), engine.renderValue("{{ db }}", v, at));
        assertEquals(null, engine.renderValue("{{ nothing }}", v, at));
        // Pebble's split returns a Java array: it comes out as a list, the type modules take
        assertEquals(List.of("be/app2", "be/app3"), engine.renderValue("{{ ' be/app2 be/app3' | trim | split(' ') }}", v, at));
        assertTrue(engine.test("'a,b' | split(',') | length == 2", v, at));
        // anything around the expression makes it text
        assertEquals("3 ", engine.renderValue("{{ count }} ", v, at));
        assertEquals("3-3", engine.renderValue("{{ count }}-{{ count }}", v, at));
    }

    @Test
    void renderValueIsDeep() throws Exception {
        Object out = engine.renderValue(Map.of("url", "http://{{ db.host }}:{{ db.port }}/",
                "ports", "{{ ports }}", "list", List.of("v{{ version }}", 7, false)), vars(), at);
        assertEquals(Map.of("url", "http://127.0.10.20:5432/", "ports", List.of(80, 443),
                "list", List.of("v1.4.2", 7, false)), out);
    }

    @Test
    void conditionsUseJinjaTruthiness() throws Exception {
        Map<String, Object> v = vars();
        v.put("empty_s", "");
        v.put("empty_l", List.of());
        v.put("empty_m", Map.of());
        v.put("zero", 0);
        v.put("text_false", "false");
        for (String falsy : List.of("empty_s", "empty_l", "empty_m", "zero", "nothing", "not enabled")) {
            assertFalse(engine.test(falsy, v, at), falsy);
        }
        for (String truthy : List.of("ports", "db", "count", "version", "text_false", "count > 2 and version == '1.4.2'")) {
            assertTrue(engine.test(truthy, v, at), truthy);
        }
    }

    @Test
    void conditionsWithBracesAreRejected() {
        TemplateException e = assertThrows(TemplateException.class, () -> engine.test("{{ enabled }}", vars(), at));
        assertTrue(e.getMessage().contains("without {{ }}"), e.getMessage());
    }

    @Test
    void valueContainingTemplateSyntaxIsNotEvaluated() throws Exception {
        Map<String, Object> v = vars();
        v.put("evil", "{{ 7*7 }}{% for x in [1] %}x{% endfor %}");
        assertEquals("{{ 7*7 }}{% for x in [1] %}x{% endfor %}", engine.render("{{ evil }}", v, at));
        assertEquals("{{ 7*7 }}{% for x in [1] %}x{% endfor %}", engine.renderValue("{{ evil }}", v, at));
        assertEquals("[{{ 7*7 }}{% for x in [1] %}x{% endfor %}]", engine.render("[{{ evil }}]", v, at));
    }

    @Test
    void includeOfFilesIsNotPossible() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> engine.render("{% include '/etc/passwd' %}", vars(), at));
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    }

    @Test
    void unknownFilterAndFunctionAreNamed() {
        TemplateException f = assertThrows(TemplateException.class, () -> engine.render("{{ version | frob }}", vars(), at));
        assertTrue(f.getMessage().startsWith("runbooks/x.yml:12:7: unknown filter 'frob'"), f.getMessage());
        TemplateException g = assertThrows(TemplateException.class, () -> engine.render("{{ lookup('x') }}", vars(), at));
        assertTrue(g.getMessage().startsWith("runbooks/x.yml:12:7: unknown function 'lookup'"), g.getMessage());
    }

    @Test
    void loopIndexIsZeroBasedAsInPebble() throws Exception {
        assertEquals("0:80 1:443 ", engine.render("{% for p in ports %}{{ loop.index }}:{{ p }} {% endfor %}", vars(), at));
    }

    @Test
    void envValueIsSecretAndMaskedInErrors() throws Exception {
        assertEquals("pg-Secret-42", engine.render("{{ env('DB_PASSWORD') }}", vars(), at));
        assertEquals("PW=******", secrets.redact("PW=pg-Secret-42"));
        assertEquals("eu-west", engine.render("{{ env('REGION', secret=false) }}", vars(), at));
        assertFalse(secrets.isSecret("eu-west"));
        assertEquals("dflt", engine.render("{{ env('NOPE', 'dflt') }}", vars(), at));
        TemplateException e = assertThrows(TemplateException.class, () -> engine.render("{{ env('NOPE') }}", vars(), at));
        assertTrue(e.getMessage().contains("environment variable 'NOPE' is not set"), e.getMessage());
        // a message that would quote the secret shows the mask instead
        TemplateException leak = assertThrows(TemplateException.class,
                () -> engine.render("{{ env('DB_PASSWORD') | int }}", vars(), at));
        assertFalse(leak.getMessage().contains("pg-Secret-42"), leak.getMessage());
    }

    @Test
    void fileIsRelativeToTheTemplatesFileAndSecretFileIsMasked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("motd.txt"), "hello");
        Files.writeString(dir.resolve("token"), "tok-123456\n");
        SourcePos inDir = new SourcePos(dir.resolve("runbook.yml").toString(), 3, 5);
        assertEquals("hello", engine.render("{{ file('motd.txt') }}", vars(), inDir));
        assertEquals("tok-123456", engine.render("{{ secret_file('token') | trim }}", vars(), inDir));
        assertEquals("t=******", secrets.redact("t=tok-123456"));
        assertFalse(secrets.isSecret("hello"));
        TemplateException e = assertThrows(TemplateException.class, () -> engine.render("{{ file('nope.txt') }}", vars(), inDir));
        assertTrue(e.getMessage().contains("cannot read " + dir.resolve("nope.txt")), e.getMessage());
    }

    @Test
    void sameTemplateRendersConcurrentlyWithEachThreadsVars() throws Exception {
        String template = "{% for p in ports %}{{ host }}:{{ p }};{% endfor %}{{ host | upper }}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Map<String, Object> v = vars();
                    v.put("host", "h" + n);
                    return engine.render(template, v, at);
                }));
            }
            for (int i = 0; i < 400; i++) {
                assertEquals("h" + i + ":80;h" + i + ":443;H" + i, results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void syntaxErrorIsLocated() {
        TemplateException e = assertThrows(TemplateException.class, () -> engine.render("{{ version ", vars(), at));
        assertTrue(e.getMessage().startsWith("runbooks/x.yml:12:7: template syntax error in \"{{ version \""), e.getMessage());
    }
}
