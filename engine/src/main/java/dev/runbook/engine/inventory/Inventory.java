package dev.runbook.engine.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded inventory. Hosts and groups keep their definition order (patterns resolve in that order).
 *
 * @param name the inventory's name (its file name without extension unless it names itself); names the cluster lock
 */
public record Inventory(String name, Path file, Map<String, Host> hosts, Map<String, Group> groups,
                        InventorySettings settings) {

    public Inventory {
        hosts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hosts));
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host '" + name + "' in inventory " + this.name);
        }
        return h;
    }

    /** Names of the groups the host belongs to, directly or through a child group, {@code all} included. */
    public List<String> groupsOf(String host) {
        return groups.values().stream().filter(g -> members(g.name()).contains(host)).map(Group::name).toList();
    }

    /** Every host of a group, with child groups expanded, in inventory order. */
    public List<String> members(String group) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        collect(group, seen, new java.util.HashSet<>());
        return hosts.keySet().stream().filter(seen::contains).toList();
    }

    private void collect(String group, java.util.Set<String> into, java.util.Set<String> visiting) {
        Group g = groups.get(group);
        if (g == null || !visiting.add(group)) {
            return;
        }
        into.addAll(g.hosts());
        g.children().forEach(c -> collect(c, into, visiting));
    }
}
