package dev.runbook.engine.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static dev.runbook.engine.schema.JsonSchemas.*;

/** JSON Schema of the native inventory format (see CONTRACTS.md). */
public final class InventorySchema {

    public static final String ID = "https://runbook.dev/schema/inventory.schema.json";

    private InventorySchema() {
    }

    public static ObjectNode generate() {
        ObjectNode root = root(ID, "runbook inventory", "Hosts, groups and connection settings a runbook runs against.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        ObjectNode props = root.putObject("properties");
        props.set("name", type("string", "Inventory name; defaults to the file name without extension. Names the cluster lock."));
        ObjectNode settings = type("object", "Inventory-wide settings.");
        settings.put("additionalProperties", false);
        ObjectNode sp = settings.putObject("properties");
        sp.set("known_hosts", type("string", "known_hosts file for host-key checking (default ~/.ssh/known_hosts)."));
        sp.set("lock_host", type("string", "Host holding the cluster lock (default: first host of the run)."));
        sp.set("lock_path", type("string", "Directory of the cluster lock on the lock host."));
        sp.set("require_clean", type("boolean", "Refuse to run with uncommitted runbook or inventory changes."));
        props.set("settings", settings);
        ObjectNode defaults = type("object", "Connection defaults for every host.");
        defaults.put("additionalProperties", false);
        ObjectNode dp = defaults.putObject("properties");
        dp.set("user", type("string", "SSH login."));
        dp.set("port", port());
        dp.set("private_key", type("string", "Private key file."));
        props.set("defaults", defaults);
        props.set("vars", type("object", "Variables of the implicit group 'all'."));
        ObjectNode hosts = type("object", "Hosts by name.");
        hosts.set("propertyNames", namePattern());
        hosts.set("additionalProperties", ref("host"));
        props.set("hosts", hosts);
        ObjectNode groups = type("object", "Groups by name.");
        groups.set("propertyNames", namePattern());
        groups.set("additionalProperties", ref("group"));
        props.set("groups", groups);

        ObjectNode defs = root.putObject("$defs");
        ObjectNode host = F.objectNode();
        host.putArray("type").add("object").add("null");
        host.put("description", "One host; an empty entry uses the defaults and the host name as address.");
        host.put("additionalProperties", false);
        ObjectNode hp = host.putObject("properties");
        hp.set("address", type("string", "DNS name or IP address to connect to."));
        hp.set("port", port());
        hp.set("user", type("string", "SSH login."));
        hp.set("private_key", type("string", "Private key file."));
        ObjectNode connection = type("string", "How to reach the host: ssh (default) or local (the control machine).");
        connection.putArray("enum").add("ssh").add("local");
        hp.set("connection", connection);
        hp.set("jump", type("string", "Another inventory host used as SSH jump host."));
        hp.set("vars", type("object", "Host variables."));
        defs.set("host", host);
        ObjectNode group = F.objectNode();
        group.putArray("type").add("object").add("null");
        group.put("additionalProperties", false);
        ObjectNode gp = group.putObject("properties");
        gp.set("hosts", stringList("Hosts of the group."));
        gp.set("children", stringList("Child groups; their hosts belong to this group too."));
        gp.set("vars", type("object", "Group variables."));
        defs.set("group", group);
        return root;
    }

    private static ObjectNode port() {
        ObjectNode n = type("integer", "SSH port.");
        n.put("minimum", 1);
        n.put("maximum", 65535);
        return n;
    }

    private static ObjectNode namePattern() {
        ObjectNode n = type("string", null);
        n.put("pattern", "^[A-Za-z0-9_.-]+$");
        return n;
    }

    public static String json() {
        return print(generate());
    }
}
