package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.lab.junit.Lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds inventories of lab hosts for transport tests. */
final class LabTargets {

    private LabTargets() {
    }

    static Host host(Lab lab, String name, Path key, String jump, Map<String, Object> vars) {
        return new Host(name, lab.address(name), Lab.SSH_PORT, Lab.SSH_USER, key.toString(), Host.Connection.SSH, jump, vars, SourcePos.UNKNOWN);
    }

    static Host host(Lab lab, String name) {
        return host(lab, name, lab.clientKey(), null, Map.of());
    }

    static Inventory inventory(Lab lab, Host... hosts) {
        Map<String, Host> m = new LinkedHashMap<>();
        for (Host h : hosts) {
            m.put(h.name(), h);
        }
        return new Inventory("test", lab.inventory(), m, Map.of(),
                new InventorySettings(lab.knownHosts().toString(), null, "/tmp/runbook-lock", false));
    }

    /** Established TCP connections from this JVM to address:2222 (the lab runs on this machine). */
    static int connectionsFromThisJvm(String address) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-Htnp", "state", "established", "dst", new InetSocketAddress(address, Lab.SSH_PORT).getHostString() + ":" + Lab.SSH_PORT)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String me = "pid=" + ProcessHandle.current().pid() + ",";
        return (int) List.of(out.split("\n")).stream().filter(l -> l.contains(me)).count();
    }
}
