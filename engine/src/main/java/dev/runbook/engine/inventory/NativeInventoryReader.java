package dev.runbook.engine.inventory;

import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlScalar;

import java.util.List;
import java.util.Map;

/** Reads the engine's own inventory format (see CONTRACTS.md) into a draft. */
final class NativeInventoryReader {

    static final List<String> TOP_KEYS = List.of("name", "settings", "defaults", "vars", "hosts", "groups");
    static final List<String> SETTINGS_KEYS = List.of("known_hosts", "lock_host", "lock_path", "require_clean");
    static final List<String> DEFAULTS_KEYS = List.of("user", "port", "private_key");
    static final List<String> HOST_KEYS = List.of("address", "port", "user", "private_key", "connection", "jump", "vars");
    static final List<String> GROUP_KEYS = List.of("hosts", "children", "vars");

    private final Walk walk;

    NativeInventoryReader(Walk walk) {
        this.walk = walk;
    }

    void read(YamlMap root, InventoryDraft d) {
        walk.allowedKeys(root, TOP_KEYS, "the inventory");
        root.get("name").flatMap(n -> walk.string(n, "name")).ifPresent(n -> d.name = n);
        root.get("settings").flatMap(n -> walk.mapOrNull(n, "settings")).ifPresent(s -> settings(s, d));
        root.get("defaults").flatMap(n -> walk.mapOrNull(n, "defaults")).ifPresent(m -> {
            walk.allowedKeys(m, DEFAULTS_KEYS, "defaults");
            m.get("user").flatMap(n -> walk.string(n, "defaults.user")).ifPresent(v -> d.defaultUser = v);
            m.get("port").flatMap(n -> port(n, "defaults.port")).ifPresent(v -> d.defaultPort = v);
            m.get("private_key").flatMap(n -> walk.string(n, "defaults.private_key")).ifPresent(v -> d.defaultKey = v);
        });
        root.get("vars").flatMap(n -> vars(n, "vars")).ifPresent(d.allVars::putAll);
        root.get("hosts").flatMap(n -> walk.mapOrNull(n, "hosts")).ifPresent(hosts -> {
            for (YamlMap.Entry e : hosts.entries()) {
                host(e, d);
            }
        });
        root.get("groups").flatMap(n -> walk.mapOrNull(n, "groups")).ifPresent(groups -> {
            for (YamlMap.Entry e : groups.entries()) {
                group(e, d);
            }
        });
    }

    private void settings(YamlMap s, InventoryDraft d) {
        walk.allowedKeys(s, SETTINGS_KEYS, "settings");
        InventorySettings def = InventorySettings.DEFAULTS;
        String knownHosts = s.get("known_hosts").flatMap(n -> walk.string(n, "settings.known_hosts")).orElse(def.knownHosts());
        String lockHost = s.get("lock_host").flatMap(n -> walk.string(n, "settings.lock_host")).orElse(def.lockHost());
        String lockPath = s.get("lock_path").flatMap(n -> walk.string(n, "settings.lock_path")).orElse(def.lockPath());
        boolean clean = s.get("require_clean").flatMap(n -> walk.bool(n, "settings.require_clean")).orElse(def.requireClean());
        d.settings = new InventorySettings(knownHosts, lockHost, lockPath, clean);
        d.lockHostPos = s.get("lock_host").map(YamlNode::pos).orElse(s.pos());
    }

    private void host(YamlMap.Entry e, InventoryDraft d) {
        String name = e.name();
        SourcePos pos = e.key().pos();
        InventoryDraft.checkName("host", name, pos, walk.problems());
        if (d.hosts.containsKey(name)) {
            walk.problem(pos, "host '" + name + "' is defined twice");
            return;
        }
        InventoryDraft.HostDraft h = d.host(name, pos);
        if (e.value() instanceof YamlScalar s && s.isNull()) {
            return;
        }
        walk.map(e.value(), "host '" + name + "'").ifPresent(m -> {
            walk.allowedKeys(m, HOST_KEYS, "host '" + name + "'");
            m.get("address").flatMap(n -> walk.string(n, "address")).ifPresent(v -> h.address = v);
            m.get("port").flatMap(n -> port(n, "port")).ifPresent(v -> h.port = v);
            m.get("user").flatMap(n -> walk.string(n, "user")).ifPresent(v -> h.user = v);
            m.get("private_key").flatMap(n -> walk.string(n, "private_key")).ifPresent(v -> h.privateKey = v);
            m.get("connection").flatMap(n -> walk.string(n, "connection")).ifPresent(v -> {
                switch (v) {
                    case "ssh" -> h.connection = Host.Connection.SSH;
                    case "local" -> h.connection = Host.Connection.LOCAL;
                    default -> walk.problem(m.get("connection").get().pos(), "connection must be 'ssh' or 'local', not '" + v + "'");
                }
            });
            m.get("jump").flatMap(n -> walk.string(n, "jump")).ifPresent(v -> {
                h.jump = v;
                h.jumpPos = m.get("jump").get().pos();
            });
            m.get("vars").flatMap(n -> vars(n, "vars")).ifPresent(h.vars::putAll);
        });
    }

    private void group(YamlMap.Entry e, InventoryDraft d) {
        String name = e.name();
        SourcePos pos = e.key().pos();
        if (name.equals(InventoryAssembler.ALL)) {
            walk.problem(pos, "group 'all' is implicit and holds every host", "put its variables under the top-level 'vars'");
            return;
        }
        InventoryDraft.checkName("group", name, pos, walk.problems());
        if (d.hosts.containsKey(name)) {
            walk.problem(pos, "'" + name + "' is both a host and a group", "rename one of them");
        }
        InventoryDraft.GroupDraft g = d.group(name, pos);
        walk.mapOrNull(e.value(), "group '" + name + "'").ifPresent(m -> {
            walk.allowedKeys(m, GROUP_KEYS, "group '" + name + "'");
            m.get("hosts").ifPresent(n -> names(n, "hosts of group '" + name + "'", g.hosts));
            m.get("children").ifPresent(n -> names(n, "children of group '" + name + "'", g.children));
            m.get("vars").flatMap(n -> vars(n, "vars")).ifPresent(g.vars::putAll);
        });
    }

    private void names(YamlNode node, String what, Map<String, SourcePos> into) {
        if (node instanceof YamlScalar s && s.isNull()) {
            return;
        }
        walk.seq(node, what).ifPresent(seq -> seq.items().forEach(
                item -> walk.string(item, what.replaceFirst("^(\\w+)", "$1 item")).ifPresent(n -> into.putIfAbsent(n, item.pos()))));
    }

    java.util.Optional<Integer> port(YamlNode n, String what) {
        return walk.integer(n, what, 1).flatMap(p -> {
            if (p > 65535) {
                walk.problem(n.pos(), what + " must be at most 65535, not " + p);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(p.intValue());
        });
    }

    @SuppressWarnings("unchecked")
    java.util.Optional<Map<String, Object>> vars(YamlNode n, String what) {
        return walk.mapOrNull(n, what).map(m -> (Map<String, Object>) m.toValue());
    }
}
