package dev.runbook.engine.inventory;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Suggest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-checks a draft (unknown hosts and groups, cycles, jump and lock hosts) and builds the
 * {@link Inventory}: each host's vars merged as {@code all < parent group < child group < host}, and
 * connection settings from the native fields, Ansible's {@code ansible_*} vars, then the defaults.
 */
final class InventoryAssembler {

    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    private final Problems problems;

    InventoryAssembler(Problems problems) {
        this.problems = problems;
    }

    Inventory assemble(InventoryDraft d, Path file) {
        checkReferences(d);
        Map<String, Integer> depth = depths(d);
        Map<String, Group> groups = new LinkedHashMap<>();
        groups.put(ALL, new Group(ALL, List.copyOf(d.hosts.keySet()), List.of(), d.allVars, d.pos));
        if (d.ansible) {
            Set<String> grouped = new HashSet<>();
            d.groups.values().forEach(g -> grouped.addAll(g.hosts.keySet()));
            List<String> ungrouped = d.hosts.keySet().stream().filter(h -> !grouped.contains(h)).toList();
            groups.put(UNGROUPED, new Group(UNGROUPED, ungrouped, List.of(), Map.of(), d.pos));
        }
        for (InventoryDraft.GroupDraft g : d.groups.values()) {
            List<String> hosts = g.hosts.keySet().stream().filter(d.hosts::containsKey).toList();
            List<String> children = g.children.keySet().stream().filter(d.groups::containsKey).toList();
            groups.put(g.name, new Group(g.name, hosts, children, g.vars, g.pos));
        }
        // A throwaway inventory answers membership questions while hosts are built.
        Inventory shape = new Inventory(d.name, file, Map.of(), groups, d.settings);
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(groups.keySet());
        Map<String, Set<String>> membersOf = new HashMap<>();
        groups.keySet().forEach(g -> membersOf.put(g, new HashSet<>(members(shape, g))));
        for (InventoryDraft.HostDraft h : d.hosts.values()) {
            Map<String, Object> vars = new LinkedHashMap<>(d.allVars);
            groups.keySet().stream()
                    .filter(g -> !g.equals(ALL) && membersOf.get(g).contains(h.name))
                    .sorted(Comparator.<String>comparingInt(g -> depth.getOrDefault(g, 1)).thenComparingInt(order::indexOf))
                    .forEach(g -> vars.putAll(groups.get(g).vars()));
            vars.putAll(h.vars);
            hosts.put(h.name, host(h, vars, d));
        }
        checkJumps(d);
        if (d.settings.lockHost() != null && !d.hosts.containsKey(d.settings.lockHost())) {
            problems.add(d.lockHostPos, "lock_host '" + d.settings.lockHost() + "' is not a host of this inventory",
                    Suggest.hint(d.settings.lockHost(), d.hosts.keySet()));
        }
        return new Inventory(d.name, file, hosts, groups, d.settings);
    }

    private static List<String> members(Inventory shape, String group) {
        // Inventory.members filters by its host map, which is empty here: collect directly.
        Set<String> out = new LinkedHashSet<>();
        collect(shape, group, out, new HashSet<>());
        return List.copyOf(out);
    }

    private static void collect(Inventory shape, String group, Set<String> out, Set<String> seen) {
        Group g = shape.groups().get(group);
        if (g == null || !seen.add(group)) {
            return;
        }
        out.addAll(g.hosts());
        g.children().forEach(c -> collect(shape, c, out, seen));
    }

    private void checkReferences(InventoryDraft d) {
        for (InventoryDraft.GroupDraft g : d.groups.values()) {
            g.hosts.forEach((host, pos) -> {
                if (!d.hosts.containsKey(host)) {
                    problems.add(pos, "group '" + g.name + "' lists unknown host '" + host + "'",
                            hintOr(Suggest.hint(host, d.hosts.keySet()), "define it under 'hosts'"));
                }
            });
            g.children.forEach((child, pos) -> {
                if (!d.groups.containsKey(child)) {
                    problems.add(pos, "group '" + g.name + "' lists unknown child group '" + child + "'",
                            Suggest.hint(child, d.groups.keySet()));
                }
            });
        }
        Set<String> done = new HashSet<>();
        for (String g : d.groups.keySet()) {
            cycle(d, g, new ArrayList<>(), done);
        }
    }

    private static String hintOr(String hint, String fallback) {
        return hint != null && hint.startsWith("did you mean") ? hint : fallback;
    }

    private void cycle(InventoryDraft d, String group, List<String> path, Set<String> done) {
        if (path.contains(group)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(group), path.size()));
            loop.add(group);
            problems.add(d.groups.get(group).pos, "groups contain each other: " + String.join(" → ", loop),
                    "a group cannot be its own descendant");
            return;
        }
        if (!done.add(group) || !d.groups.containsKey(group)) {
            return;
        }
        path.add(group);
        for (String child : d.groups.get(group).children.keySet()) {
            if (path.contains(child) || !done.contains(child)) {
                cycle(d, child, path, done);
            }
        }
        path.remove(path.size() - 1);
    }

    /** Depth below {@code all}: top-level groups 1, their children 2, ...; deeper groups' vars win. */
    private static Map<String, Integer> depths(InventoryDraft d) {
        Map<String, Integer> depth = new HashMap<>();
        Set<String> isChild = new HashSet<>();
        d.groups.values().forEach(g -> isChild.addAll(g.children.keySet()));
        List<String> queue = new ArrayList<>();
        for (String g : d.groups.keySet()) {
            if (!isChild.contains(g)) {
                depth.put(g, 1);
                queue.add(g);
            }
        }
        // Longest path from a root, bounded by the number of groups (cycles are reported elsewhere).
        for (int round = 0; round < d.groups.size() && !queue.isEmpty(); round++) {
            List<String> next = new ArrayList<>();
            for (String g : queue) {
                for (String c : d.groups.get(g).children.keySet()) {
                    if (d.groups.containsKey(c) && depth.getOrDefault(c, 0) < depth.get(g) + 1) {
                        depth.put(c, depth.get(g) + 1);
                        next.add(c);
                    }
                }
            }
            queue = next;
        }
        return depth;
    }

    private Host host(InventoryDraft.HostDraft h, Map<String, Object> vars, InventoryDraft d) {
        String address = first(h.address, str(vars.get("ansible_host")), h.name);
        Integer port = h.port != null ? h.port : port(vars.get("ansible_port"), h.pos);
        if (port == null) {
            port = d.defaultPort != null ? d.defaultPort : 22;
        }
        String user = first(h.user, str(vars.get("ansible_user")), d.defaultUser, System.getProperty("user.name"));
        String key = first(h.privateKey, str(vars.get("ansible_ssh_private_key_file")),
                str(vars.get("ansible_private_key_file")), d.defaultKey);
        Host.Connection connection = h.connection;
        if (connection == null) {
            connection = connection(vars.get("ansible_connection"), h.pos);
        }
        return new Host(h.name, address, port, user, key, connection, h.jump, vars, h.pos);
    }

    private Integer port(Object value, SourcePos pos) {
        if (value == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(value.toString().trim());
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range port
        }
        problems.add(pos, "ansible_port must be a port number (1-65535), not '" + value + "'");
        return null;
    }

    private Host.Connection connection(Object value, SourcePos pos) {
        if (value == null) {
            return Host.Connection.SSH;
        }
        return switch (value.toString()) {
            case "local" -> Host.Connection.LOCAL;
            case "ssh", "smart", "paramiko" -> Host.Connection.SSH;
            default -> {
                problems.add(pos, "ansible_connection '" + value + "' is not supported", "use 'ssh' or 'local'");
                yield Host.Connection.SSH;
            }
        };
    }

    private void checkJumps(InventoryDraft d) {
        for (InventoryDraft.HostDraft h : d.hosts.values()) {
            if (h.jump == null) {
                continue;
            }
            if (!d.hosts.containsKey(h.jump)) {
                problems.add(h.jumpPos, "jump host '" + h.jump + "' is not a host of this inventory",
                        Suggest.hint(h.jump, d.hosts.keySet()));
            } else if (h.jump.equals(h.name)) {
                problems.add(h.jumpPos, "host '" + h.name + "' cannot be its own jump host");
            }
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
