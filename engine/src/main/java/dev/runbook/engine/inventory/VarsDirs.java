package dev.runbook.engine.inventory;

import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Suggest;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ansible's {@code group_vars/} and {@code host_vars/} folders beside the inventory file:
 * {@code <name>.yml}, {@code <name>.yaml}, {@code <name>} or a folder {@code <name>/} of such files.
 * Their vars override the same group's or host's vars written in the inventory file.
 */
final class VarsDirs {

    private final YamlReader reader;
    private final Walk walk;

    VarsDirs(YamlReader reader, Walk walk) {
        this.reader = reader;
        this.walk = walk;
    }

    void apply(Path inventoryFile, InventoryDraft d) {
        Path base = inventoryFile.getParent() == null ? Path.of("") : inventoryFile.getParent();
        for (Map.Entry<String, Map<String, Object>> e : read(base.resolve("group_vars")).entrySet()) {
            String group = e.getKey();
            if (group.equals(InventoryAssembler.ALL)) {
                d.allVars.putAll(e.getValue());
            } else if (d.groups.containsKey(group)) {
                d.groups.get(group).vars.putAll(e.getValue());
            } else {
                walk.problem(SourcePos.of(base.resolve("group_vars").resolve(group).toString()),
                        "group_vars for '" + group + "', which is not a group of this inventory",
                        Suggest.hint(group, d.groups.keySet()));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : read(base.resolve("host_vars")).entrySet()) {
            String host = e.getKey();
            if (d.hosts.containsKey(host)) {
                d.hosts.get(host).vars.putAll(e.getValue());
            } else {
                walk.problem(SourcePos.of(base.resolve("host_vars").resolve(host).toString()),
                        "host_vars for '" + host + "', which is not a host of this inventory",
                        Suggest.hint(host, d.hosts.keySet()));
            }
        }
    }

    /** Name → merged vars of every file for that name, in file-name order. */
    private Map<String, Map<String, Object>> read(Path dir) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (Path p : list(dir)) {
            String fileName = p.getFileName().toString();
            if (fileName.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                for (Path f : list(p)) {
                    if (isVarsFile(f.getFileName().toString(), false)) {
                        readInto(f, out.computeIfAbsent(fileName, k -> new LinkedHashMap<>()));
                    }
                }
            } else if (isVarsFile(fileName, true)) {
                readInto(p, out.computeIfAbsent(stripExt(fileName), k -> new LinkedHashMap<>()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void readInto(Path file, Map<String, Object> into) {
        reader.read(file, walk.problems())
                .flatMap(n -> walk.mapOrNull(n, "a vars file"))
                .ifPresent(m -> into.putAll((Map<String, Object>) m.toValue()));
    }

    private static boolean isVarsFile(String name, boolean allowBare) {
        return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json")
                || allowBare && !name.contains(".");
    }

    private static String stripExt(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            walk.problem(SourcePos.of(dir.toString()), "cannot list the folder: " + e.getMessage());
            return new ArrayList<>();
        }
    }
}
