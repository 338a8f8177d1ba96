package dev.runbook.engine.inventory;

import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlScalar;

import java.util.List;
import java.util.Map;

/** Reads Ansible's YAML inventory ({@code all: {hosts:, vars:, children:}}) into a draft. */
final class AnsibleYamlInventoryReader {

    static final List<String> GROUP_KEYS = List.of("hosts", "vars", "children");

    private final Walk walk;

    AnsibleYamlInventoryReader(Walk walk) {
        this.walk = walk;
    }

    void read(YamlMap root, InventoryDraft d) {
        d.ansible = true;
        for (YamlMap.Entry e : root.entries()) {
            group(e.name(), e.key().pos(), e.value(), d, null);
        }
    }

    private void group(String name, SourcePos pos, YamlNode body, InventoryDraft d, InventoryDraft.GroupDraft parent) {
        boolean all = name.equals(InventoryAssembler.ALL);
        if (all && parent != null) {
            walk.problem(pos, "group 'all' cannot be a child group");
            return;
        }
        InventoryDraft.GroupDraft g = null;
        if (!all) {
            InventoryDraft.checkName("group", name, pos, walk.problems());
            g = d.group(name, pos);
            if (parent != null) {
                parent.children.putIfAbsent(name, pos);
            }
        }
        if (body instanceof YamlScalar s && s.isNull()) {
            return;
        }
        final InventoryDraft.GroupDraft group = g;
        walk.map(body, "group '" + name + "'").ifPresent(m -> {
            walk.allowedKeys(m, GROUP_KEYS, "group '" + name + "'");
            m.get("vars").flatMap(n -> vars(n, "vars of group '" + name + "'"))
                    .ifPresent(v -> (group == null ? d.allVars : group.vars).putAll(v));
            m.get("hosts").flatMap(n -> walk.mapOrNull(n, "hosts of group '" + name + "'")).ifPresent(hosts -> {
                for (YamlMap.Entry h : hosts.entries()) {
                    host(h, d, group);
                }
            });
            m.get("children").flatMap(n -> walk.mapOrNull(n, "children of group '" + name + "'")).ifPresent(children -> {
                for (YamlMap.Entry c : children.entries()) {
                    group(c.name(), c.key().pos(), c.value(), d, group);
                }
            });
        });
    }

    private void host(YamlMap.Entry e, InventoryDraft d, InventoryDraft.GroupDraft group) {
        List<String> names;
        try {
            names = HostRanges.expand(e.name());
        } catch (HostRanges.BadRange bad) {
            walk.problem(e.key().pos(), bad.getMessage());
            return;
        }
        Map<String, Object> vars = vars(e.value(), "vars of host '" + e.name() + "'").orElse(Map.of());
        for (String name : names) {
            InventoryDraft.checkName("host", name, e.key().pos(), walk.problems());
            InventoryDraft.HostDraft h = d.host(name, e.key().pos());
            h.vars.putAll(vars);
            if (group != null) {
                group.hosts.putIfAbsent(name, e.key().pos());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private java.util.Optional<Map<String, Object>> vars(YamlNode n, String what) {
        return walk.mapOrNull(n, what).map(m -> (Map<String, Object>) m.toValue());
    }
}
