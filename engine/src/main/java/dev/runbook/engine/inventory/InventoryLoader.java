package dev.runbook.engine.inventory;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlReader;
import dev.runbook.engine.yaml.YamlScalar;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads an inventory in any supported format, detected from the extension and the content:
 * the native YAML format, Ansible YAML ({@code all: {hosts, vars, children}}) or Ansible INI;
 * plus {@code group_vars/} and {@code host_vars/} beside the file.
 */
public final class InventoryLoader {

    private final YamlReader reader;

    public InventoryLoader(YamlReader reader) {
        this.reader = reader;
    }

    public InventoryLoader() {
        this(new YamlReader());
    }

    /** Loads and checks the inventory; every problem found is in the exception. */
    public Inventory load(Path file) throws InvalidInputException {
        Problems problems = new Problems();
        Optional<Inventory> inventory = load(file, problems);
        problems.throwIfAny();
        return inventory.orElseThrow();
    }

    /** Loads what can be loaded, adding problems; empty when the file itself is unreadable. */
    public Optional<Inventory> load(Path file, Problems problems) {
        Walk walk = new Walk(problems);
        InventoryDraft d = new InventoryDraft();
        d.pos = new SourcePos(file.toString(), 1, 1);
        String fileName = file.getFileName() == null ? "inventory" : file.getFileName().toString();
        d.name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Optional<String> text = reader.readText(file, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (isYaml(fileName, text.get())) {
            Optional<YamlNode> root = reader.parse(file.toString(), text.get(), problems);
            if (root.isEmpty()) {
                return Optional.empty();
            }
            if (root.get() instanceof YamlScalar s && s.isNull()) {
                problems.add(root.get().pos(), "the inventory is empty", "list hosts under 'hosts:'");
                return Optional.empty();
            }
            Optional<YamlMap> map = walk.map(root.get(), "the inventory");
            if (map.isEmpty()) {
                return Optional.empty();
            }
            if (isAnsibleYaml(map.get())) {
                new AnsibleYamlInventoryReader(walk).read(map.get(), d);
            } else {
                new NativeInventoryReader(walk).read(map.get(), d);
            }
        } else {
            new AnsibleIniInventoryReader(problems).read(file.toString(), text.get(), d);
        }
        new VarsDirs(reader, walk).apply(file, d);
        return Optional.of(new InventoryAssembler(problems).assemble(d, file));
    }

    private static boolean isYaml(String fileName, String text) {
        if (fileName.endsWith(".yml") || fileName.endsWith(".yaml") || fileName.endsWith(".json")) {
            return true;
        }
        if (fileName.endsWith(".ini") || fileName.endsWith(".cfg")) {
            return false;
        }
        // No telling extension (Ansible's "hosts"): INI starts with a [section] or a host line.
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.equals("---")) {
                continue;
            }
            return !l.startsWith("[") && (l.endsWith(":") || l.contains(": ") || l.startsWith("{"));
        }
        return false;
    }

    /** Ansible YAML names groups at the top; the native format has its fixed keys. */
    private static boolean isAnsibleYaml(YamlMap root) {
        if (root.has("all")) {
            return true;
        }
        if (root.keys().stream().anyMatch(NativeInventoryReader.TOP_KEYS::contains)) {
            return false;
        }
        return !root.entries().isEmpty() && root.entries().stream().allMatch(e ->
                e.value() instanceof YamlScalar s && s.isNull()
                        || e.value() instanceof YamlMap m && !m.keys().isEmpty()
                        && AnsibleYamlInventoryReader.GROUP_KEYS.containsAll(m.keys()));
    }
}
