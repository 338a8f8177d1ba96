package dev.runbook.modules.app;

import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppVersionModuleTest {

    private final AppVersionModule module = new AppVersionModule();

    @Test
    void setsTheEnvVariableKeepingEverythingElseAndTheMode(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "# app settings\nAPP_KEY=secret-key\nNOCOBASE_VERSION=\"1.6.0\"\nDB_PORT=5432\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));

        Outcome check = TestRun.check(module, Map.of("file", env.toString(), "kind", "env", "version", "1.7.14"));
        assertInstanceOf(Outcome.Changed.class, check);
        assertTrue(Files.readString(env).contains("\"1.6.0\""), "check mode must not write");

        Outcome out = TestRun.run(module, Map.of("file", env.toString(), "kind", "env", "version", "1.7.14"));
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, out);
        assertEquals("1.6.0", c.data().get("previous"));
        assertEquals("# app settings\nAPP_KEY=secret-key\nNOCOBASE_VERSION=\"1.7.14\"\nDB_PORT=5432\n", Files.readString(env));
        assertTrue(c.diff().contains("-NOCOBASE_VERSION=\"1.6.0\"\n+NOCOBASE_VERSION=\"1.7.14\""), c.diff());
        assertTrue(c.diff().contains(" APP_KEY=***") && !c.diff().contains("secret-key"), "secrets stay out of the diff: " + c.diff());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));

        Outcome again = TestRun.run(module, Map.of("file", env.toString(), "kind", "env", "version", "1.7.14"));
        assertInstanceOf(Outcome.Ok.class, again);
    }

    @Test
    void addsAMissingVariable(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "A=1\n");
        Outcome out = TestRun.run(module, Map.of("file", env.toString(), "kind", "env", "version", "2.0.0", "variable", "APP_VERSION"));
        assertInstanceOf(Outcome.Changed.class, out);
        assertEquals("A=1\nAPP_VERSION=2.0.0\n", Files.readString(env));
    }

    @Test
    void setsTheImageTagOfOneComposeServiceOnly(@TempDir Path dir) throws Exception {
        Path compose = dir.resolve("docker-compose.yml");
        String original = """
                # production
                services:
                  app:
                    image: registry.example.com:5000/nocobase/nocobase:1.6.0-full   # pinned
                    environment:
                      - DB_HOST=postgres
                  postgres:
                    image: "postgres:15"
                """;
        Files.writeString(compose, original);
        Outcome out = TestRun.run(module, Map.of("file", compose.toString(), "kind", "compose", "version", "1.7.14-full"));
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, out);
        assertEquals("1.6.0-full", c.data().get("previous"));
        assertEquals(original.replace("nocobase:1.6.0-full   # pinned", "nocobase:1.7.14-full   # pinned"), Files.readString(compose));

        Outcome pg = TestRun.run(module, Map.of("file", compose.toString(), "kind", "compose", "version", "16", "service", "postgres"));
        assertInstanceOf(Outcome.Changed.class, pg);
        assertTrue(Files.readString(compose).contains("image: \"postgres:16\""));
        assertTrue(Files.readString(compose).contains("nocobase:1.7.14-full"));
    }

    @Test
    void refusesATagThatComesFromAVariableAndAMissingService(@TempDir Path dir) throws Exception {
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(compose, "services:\n  app:\n    image: nocobase/nocobase:${NOCOBASE_VERSION}\n");
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class,
                TestRun.run(module, Map.of("file", compose.toString(), "kind", "compose", "version", "1.7.14")));
        assertTrue(f.message().contains("kind: env"), f.message());
        Outcome.Failed g = assertInstanceOf(Outcome.Failed.class,
                TestRun.run(module, Map.of("file", compose.toString(), "kind", "compose", "version", "1.7.14", "service", "web")));
        assertTrue(g.message().contains("no service 'web'"), g.message());
        assertEquals("services:\n  app:\n    image: nocobase/nocobase:${NOCOBASE_VERSION}\n", Files.readString(compose));
    }
}
