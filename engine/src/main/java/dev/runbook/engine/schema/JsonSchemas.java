package dev.runbook.engine.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for JSON Schema nodes, so the generators read like the schema they produce. */
final class JsonSchemas {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** A string holding a template: accepted wherever a typed value is, as it is rendered at run time. */
    static final String TEMPLATE_PATTERN = "\\{\\{|\\{%";
    static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

    private JsonSchemas() {
    }

    static ObjectNode type(String type, String description) {
        ObjectNode n = F.objectNode();
        n.put("type", type);
        if (description != null) {
            n.put("description", description);
        }
        return n;
    }

    static ObjectNode template() {
        ObjectNode n = F.objectNode();
        n.put("type", "string");
        n.put("pattern", TEMPLATE_PATTERN);
        return n;
    }

    /** The typed value, or a template that renders to it. */
    static ObjectNode orTemplate(ObjectNode typed, String description) {
        ObjectNode n = F.objectNode();
        if (description != null) {
            n.put("description", description);
        }
        n.putArray("anyOf").add(typed).add(template());
        return n;
    }

    static ObjectNode duration(String description) {
        ObjectNode n = F.objectNode();
        if (description != null) {
            n.put("description", description);
        }
        ObjectNode seconds = type("integer", null);
        seconds.put("minimum", 0);
        ObjectNode text = type("string", null);
        text.put("pattern", DURATION_PATTERN);
        n.putArray("anyOf").add(seconds).add(text).add(template());
        return n;
    }

    static ObjectNode stringList(String description) {
        ObjectNode n = type("array", description);
        n.set("items", type("string", null));
        return n;
    }

    static ObjectNode ref(String def) {
        ObjectNode n = F.objectNode();
        n.put("$ref", "#/$defs/" + def);
        return n;
    }

    static ObjectNode required(String... names) {
        ObjectNode n = F.objectNode();
        ArrayNode r = n.putArray("required");
        for (String name : names) {
            r.add(name);
        }
        return n;
    }

    static ObjectNode root(String id, String title, String description) {
        ObjectNode n = F.objectNode();
        n.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        n.put("$id", id);
        n.put("title", title);
        n.put("description", description);
        return n;
    }

    static String print(ObjectNode schema) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a schema tree always serialises", e);
        }
    }
}
