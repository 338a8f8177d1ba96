package dev.runbook.modules.ops;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ModuleRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsRegistrationTest {

    @Test
    void operationsModulesAreFoundByServiceLoaderAndDocumentEveryArgument() {
        ModuleRegistry registry = ModuleRegistry.load();
        for (String name : new String[]{"service", "haproxy", "nginx", "postgres_backup", "postgres_restore", "app_version"}) {
            var m = registry.find(name);
            assertTrue(m.isPresent(), name + " is registered");
            assertFalse(m.get().summary().isBlank());
            for (Arg a : m.get().args().args()) {
                assertFalse(a.description() == null || a.description().isBlank(), name + "." + a.name() + " has a description");
            }
        }
        assertTrue(registry.find("postgres_backup").get().args().find("password").get().secret(), "password is secret");
    }
}
