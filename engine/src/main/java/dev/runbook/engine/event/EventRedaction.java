package dev.runbook.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Applies a string redactor (e.g. the template helper's secret Redactor) to every text in an
 * event, including registered data nested in maps and lists, so no sink ever sees a secret.
 * It works on the JSON tree, so new event fields are covered without changing this class.
 */
public final class EventRedaction implements UnaryOperator<Event> {

    private final UnaryOperator<String> redactor;
    private final EventJson json = new EventJson();

    public EventRedaction(UnaryOperator<String> redactor) {
        this.redactor = redactor;
    }

    /** Passes events through unchanged (no secrets declared). */
    public static UnaryOperator<Event> none() {
        return UnaryOperator.identity();
    }

    @Override
    public Event apply(Event event) {
        JsonNode tree = json.tree(event);
        JsonNode redacted = redact(tree);
        return json.fromTree(redacted);
    }

    private JsonNode redact(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            String out = redactor.apply(text);
            return out.equals(text) ? node : TextNode.valueOf(out);
        }
        if (node instanceof ObjectNode obj) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            obj.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> f : fields) {
                // "type" selects the record class; never rewrite it.
                if (!f.getKey().equals("type")) {
                    obj.set(f.getKey(), redact(f.getValue()));
                }
            }
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, redact(arr.get(i)));
            }
            return arr;
        }
        return node;
    }
}
