package dev.runbook.engine.inventory;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an inventory reader collected, before cross-checks and variable merging. Every format
 * (native YAML, Ansible INI, Ansible YAML) fills one of these; {@link InventoryAssembler} turns it
 * into an {@link Inventory}.
 */
final class InventoryDraft {

    /** A host as written; connection fields are null when not given. */
    static final class HostDraft {
        final String name;
        final SourcePos pos;
        final Map<String, Object> vars = new LinkedHashMap<>();
        String address;
        Integer port;
        String user;
        String privateKey;
        Host.Connection connection;
        String jump;
        SourcePos jumpPos;

        HostDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    /** A group as written; host and child references are checked later, at their positions. */
    static final class GroupDraft {
        final String name;
        final SourcePos pos;
        final Map<String, SourcePos> hosts = new LinkedHashMap<>();
        final Map<String, SourcePos> children = new LinkedHashMap<>();
        final Map<String, Object> vars = new LinkedHashMap<>();

        GroupDraft(String name, SourcePos pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    String name;
    SourcePos pos;
    InventorySettings settings = InventorySettings.DEFAULTS;
    SourcePos lockHostPos;
    /** Connection defaults (native format). */
    String defaultUser;
    Integer defaultPort;
    String defaultKey;
    boolean ansible;
    final Map<String, Object> allVars = new LinkedHashMap<>();
    final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    final Map<String, GroupDraft> groups = new LinkedHashMap<>();

    HostDraft host(String name, SourcePos pos) {
        return hosts.computeIfAbsent(name, n -> new HostDraft(n, pos));
    }

    GroupDraft group(String name, SourcePos pos) {
        return groups.computeIfAbsent(name, n -> new GroupDraft(n, pos));
    }

    /** Names that patterns cannot express; reported where the name is defined. */
    static void checkName(String kind, String name, SourcePos pos, Problems problems) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || ",:!&*?[]~".indexOf(c) >= 0)) {
            problems.add(pos, kind + " name '" + name + "' cannot be used in host patterns",
                    "use letters, digits, '-', '_' and '.'; put an IP address in 'address'");
        }
    }
}
