package dev.runbook.engine.inventory;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InventoryLoaderTest {

    static final Path DIR = Path.of("src/test/resources/inventories");

    private final InventoryLoader loader = new InventoryLoader();

    @Test
    void nativeFormatWithDefaultsSettingsAndVarPrecedence() throws Exception {
        Inventory inv = loader.load(DIR.resolve("native/lab.yml"));
        assertEquals("lab", inv.name());
        assertEquals(List.of("lb1", "app1", "app2", "db1", "ctl", "far"), List.copyOf(inv.hosts().keySet()));
        assertEquals(new InventorySettings("/var/lib/runbook-lab/known_hosts", "db1", "/var/lib/runbook-lab/lock", true),
                inv.settings());
        Host app1 = inv.host("app1");
        assertEquals("127.0.10.11", app1.address());
        assertEquals(2222, app1.port());
        assertEquals("deploy", app1.user());
        assertEquals("/var/lib/runbook-lab/client/id_ed25519", app1.privateKey());
        assertEquals(Host.Connection.SSH, app1.connection());
        // all < cluster (parent) < app (child) < host
        assertEquals("host", app1.vars().get("tier"));
        assertEquals(Map.of("env", "lab", "tier", "host", "app_port", 13000L, "cluster_name", "lab", "app_dir", "/srv/app1"),
                app1.vars());
        assertEquals("app", inv.host("app2").vars().get("tier"));
        assertEquals(22, inv.host("app2").port());
        assertEquals("root", inv.host("app2").user());
        assertEquals("cluster", inv.host("lb1").vars().get("tier"));
        assertEquals("db", inv.host("db1").vars().get("tier"));
        assertEquals("none", inv.host("ctl").vars().get("tier"));
        assertEquals(Host.Connection.LOCAL, inv.host("ctl").connection());
        assertEquals("lb1", inv.host("far").jump());
        assertEquals(List.of("app1", "app2", "lb1"), inv.members("cluster").stream().sorted().toList());
        assertEquals(List.of("all", "app", "cluster"), inv.groupsOf("app1"));
        assertEquals(DIR.resolve("native/lab.yml") + ":16:3", app1.pos().toString());
    }

    @Test
    void ansibleIniWithGroupVarsAndHostVarsFolders() throws Exception {
        Path file = DIR.resolve("ini/hosts");
        Inventory inv = loader.load(file);
        assertEquals("hosts", inv.name());
        assertEquals(List.of("ctl", "web1", "web2", "web3", "app1", "app2", "db01"), List.copyOf(inv.hosts().keySet()));
        Host app1 = inv.host("app1");
        assertEquals("127.0.10.11", app1.address());
        assertEquals(2222, app1.port());
        assertEquals("deploy", app1.user());
        assertEquals("/keys/id", app1.privateKey());
        // group_vars/app/main.yml overrides [app:vars]; app (child) overrides cluster (parent)
        assertEquals("app-from-group-vars", app1.vars().get("tier"));
        assertEquals("1.10", app1.vars().get("version"));
        assertEquals("yes", app1.vars().get("cluster_only"));
        assertEquals(1L, app1.vars().get("from_group_vars_all"));
        Host app2 = inv.host("app2");
        assertEquals("host-app2", app2.vars().get("tier"));
        assertEquals("two words", app2.vars().get("note"));
        assertEquals(true, app2.vars().get("debug"));
        assertEquals("ops", app2.user());
        assertEquals(22, app2.port());
        Host web2 = inv.host("web2");
        assertEquals(8080L, web2.vars().get("http_port"));
        assertEquals("cluster", web2.vars().get("tier"));
        assertEquals("web2", web2.address());
        assertEquals(2200, inv.host("db01").port());
        assertEquals("all", inv.host("db01").vars().get("tier"));
        assertEquals(Host.Connection.LOCAL, inv.host("ctl").connection());
        assertEquals(List.of("ctl"), inv.members("ungrouped"));
        assertEquals(List.of("web1", "web2", "web3", "app1", "app2"), inv.members("cluster"));
        assertEquals(file + ":5:1", web2.pos().toString());
    }

    @Test
    void ansibleYamlWithRangesChildrenAndGroupVars() throws Exception {
        Inventory inv = loader.load(DIR.resolve("ansible/inventory.yml"));
        assertEquals(List.of("ctl", "app1", "app2", "lb1.example.com", "lb2.example.com"), List.copyOf(inv.hosts().keySet()));
        assertEquals("127.0.10.11", inv.host("app1").address());
        assertEquals("app", inv.host("app1").vars().get("tier"));
        assertEquals("app", inv.host("app2").vars().get("tier"));
        assertEquals("lb-file", inv.host("lb2.example.com").vars().get("tier"));
        assertEquals(2222, inv.host("lb2.example.com").port());
        assertEquals("ops", inv.host("lb1.example.com").user());
        assertEquals(Host.Connection.LOCAL, inv.host("ctl").connection());
        assertEquals(List.of("app1", "app2", "lb1.example.com", "lb2.example.com"), inv.members("cluster"));
        assertNull(inv.settings().lockHost());
    }

    private static List<String> problems(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new InventoryLoader().load(file));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void nativeInventoryErrorsAreAllReportedAndLocated() {
        String f = DIR.resolve("bad/bad.yml").toString();
        assertEquals(List.of(
                f + ":2:1: unknown key 'setings' in the inventory (did you mean 'settings'?)",
                f + ":4:3: unknown key 'usr' in defaults (did you mean 'user'?)",
                f + ":5:9: defaults.port must be at most 65535, not 70000",
                f + ":7:33: unknown key 'prot' in host 'app1' (did you mean 'port'?)",
                f + ":8:17: jump host 'bastoin' is not a host of this inventory (expected one of: app1, app2, bad host)",
                f + ":9:3: host name 'bad host' cannot be used in host patterns"
                        + " (use letters, digits, '-', '_' and '.'; put an IP address in 'address')",
                f + ":11:24: group 'app' lists unknown host 'app3' (did you mean 'app1'?)",
                f + ":11:42: group 'app' lists unknown child group 'web' (expected one of: app, x, y)",
                f + ":12:3: group 'all' is implicit and holds every host (put its variables under the top-level 'vars')",
                f + ":13:3: groups contain each other: x → y → x (a group cannot be its own descendant)"),
                problems(DIR.resolve("bad/bad.yml")));
    }

    @Test
    void iniInventoryErrorsAreLocated() {
        String f = DIR.resolve("badini/hosts.ini").toString();
        assertEquals(List.of(
                f + ":2:1: ansible_port must be a port number (1-65535), not 'notaport'",
                f + ":3:1: range [3:1] ends before it starts in 'app[3:1]'",
                f + ":4:6: expected key=value after the host name, not 'novalue'",
                f + ":5:1: unknown section type ':weird' (use [group], [group:vars] or [group:children])",
                f + ":7:1: group 'cluster' lists unknown child group 'ap' (did you mean 'app'?)"),
                problems(DIR.resolve("badini/hosts.ini")));
    }
}
