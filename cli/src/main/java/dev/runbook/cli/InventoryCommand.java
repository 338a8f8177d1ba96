package dev.runbook.cli;

import dev.runbook.engine.inventory.Group;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.SourcePos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Shows an inventory: its hosts and groups (default, or --list), the group tree (--graph), "
                + "or the hosts a pattern selects (one per line, for scripts)."})
final class InventoryCommand implements Callable<Integer> {

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY", description = "Inventory file.")
    Path file;

    @Option(names = "--list", description = "Hosts with address, port, user and groups, then groups with their members.")
    boolean list;

    @Option(names = "--graph", description = "The group tree, as ansible-inventory --graph draws it.")
    boolean graph;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN",
            description = "Host pattern to resolve: all, app, app1, app[0], app:!app1, app:&cluster, app*.")
    String pattern;

    private final Cli cli;

    InventoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InvalidInputException {
        Inventory inv = new Inputs(cli.modules().get()).inventory(file);
        PrintWriter out = cli.out();
        if (pattern != null) {
            HostPatterns.resolve(inv, pattern, SourcePos.of("pattern")).forEach(out::println);
            return ExitCodes.OK;
        }
        if (graph) {
            graph(inv, "all", 0, new HashSet<>(), out);
            return ExitCodes.OK;
        }
        list(inv, out);
        return ExitCodes.OK;
    }

    private static void list(Inventory inv, PrintWriter out) {
        out.println("inventory " + inv.name() + (inv.file() == null ? "" : " (" + inv.file() + ")") + ": "
                + inv.hosts().size() + " hosts, " + inv.groups().size() + " groups");
        int width = inv.hosts().keySet().stream().mapToInt(String::length).max().orElse(4);
        out.println("hosts:");
        for (Host h : inv.hosts().values()) {
            String where = h.connection() == Host.Connection.LOCAL ? "local"
                    : h.user() + "@" + h.address() + ":" + h.port() + (h.jump() == null ? "" : " via " + h.jump());
            List<String> groups = inv.groupsOf(h.name()).stream().filter(g -> !g.equals("all")).toList();
            out.println(String.format("  %-" + width + "s  %s%s", h.name(), where,
                    groups.isEmpty() ? "" : "  [" + String.join(", ", groups) + "]"));
        }
        out.println("groups:");
        for (Group g : inv.groups().values()) {
            out.println("  " + g.name() + ": " + String.join(", ", inv.members(g.name()))
                    + (g.children().isEmpty() ? "" : "  (children: " + String.join(", ", g.children()) + ")"));
        }
    }

    /** @all, its child groups, then hosts; a group reached twice is drawn again but never descended twice in one path. */
    private static void graph(Inventory inv, String group, int depth, Set<String> path, PrintWriter out) {
        String indent = depth == 0 ? "" : "  |".repeat(depth - 1) + "  |--";
        out.println(indent + "@" + group + ":");
        if (!path.add(group)) {
            return;
        }
        Group g = inv.groups().get(group);
        List<String> children = g == null ? List.of() : childGroups(inv, g);
        for (String child : children) {
            graph(inv, child, depth + 1, path, out);
        }
        List<String> hosts = g == null ? List.of() : directHosts(inv, g, children);
        String hostIndent = "  |".repeat(depth) + "  |--";
        for (String h : hosts) {
            out.println(hostIndent + h);
        }
        path.remove(group);
    }

    /** {@code all}'s children are the top-level groups; other groups list theirs. */
    private static List<String> childGroups(Inventory inv, Group g) {
        if (!g.name().equals("all") || !g.children().isEmpty()) {
            return g.children();
        }
        Set<String> nested = new HashSet<>();
        inv.groups().values().forEach(x -> nested.addAll(x.children()));
        return inv.groups().keySet().stream().filter(n -> !n.equals("all") && !nested.contains(n)).toList();
    }

    /** Hosts listed in the group itself; for {@code all}, the hosts in no other group (ungrouped). */
    private static List<String> directHosts(Inventory inv, Group g, List<String> children) {
        if (!g.name().equals("all")) {
            return g.hosts();
        }
        Set<String> grouped = new HashSet<>();
        children.forEach(c -> grouped.addAll(inv.members(c)));
        return inv.hosts().keySet().stream().filter(h -> !grouped.contains(h)).toList();
    }
}
