package dev.runbook.engine.yaml;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts composed snakeyaml nodes to {@link YamlNode}s: checks the expanded size first (aliases
 * share nodes, so a billion-laughs document is small until something walks it), refuses custom
 * tags, reports duplicate keys, and resolves scalars with the core schema.
 */
final class NodeConverter {

    private static final Set<Tag> ALLOWED = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

    private final String file;
    private final YamlLimits limits;
    private final Problems problems;
    private final Map<Node, YamlNode> converted = new IdentityHashMap<>();
    /** The first (deepest) node whose expansion crosses the limit: where the bomb is. */
    private Node culprit;

    NodeConverter(String file, YamlLimits limits, Problems problems) {
        this.file = file;
        this.limits = limits;
        this.problems = problems;
    }

    Optional<YamlNode> convert(Node root) {
        Map<Node, Long> weights = new IdentityHashMap<>();
        long weight = weigh(root, weights, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        if (weight < 0) {
            return Optional.empty();
        }
        if (weight > limits.maxExpandedNodes()) {
            problems.add(pos(culprit == null ? root : culprit), "refused: aliases expand the document to more than "
                    + limits.maxExpandedNodes() + " nodes", "a runbook never needs this; the input is broken or hostile");
            return Optional.empty();
        }
        return Optional.of(node(root));
    }

    /** Expanded node count (saturating), or -1 after reporting a recursive alias. */
    private long weigh(Node node, Map<Node, Long> memo, Set<Node> onPath) {
        Long known = memo.get(node);
        if (known != null) {
            return known;
        }
        if (!onPath.add(node)) {
            problems.add(pos(node), "refused: an alias refers to a node that contains it (recursive alias)");
            return -1;
        }
        long sum = 1;
        List<Node> children = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            children.addAll(seq.getValue());
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                children.add(t.getKeyNode());
                children.add(t.getValueNode());
            }
        }
        for (Node child : children) {
            long w = weigh(child, memo, onPath);
            if (w < 0) {
                return -1;
            }
            sum = Math.min(Long.MAX_VALUE / 4, sum + w);
        }
        onPath.remove(node);
        memo.put(node, sum);
        if (sum > limits.maxExpandedNodes() && culprit == null) {
            culprit = node;
        }
        return sum;
    }

    private YamlNode node(Node node) {
        YamlNode done = converted.get(node);
        if (done != null) {
            return done;
        }
        checkTag(node);
        YamlNode result;
        if (node instanceof ScalarNode scalar) {
            result = scalar(scalar);
        } else if (node instanceof SequenceNode seq) {
            List<YamlNode> items = new ArrayList<>(seq.getValue().size());
            seq.getValue().forEach(n -> items.add(node(n)));
            result = new YamlSeq(items, pos(node));
        } else {
            result = map((MappingNode) node);
        }
        converted.put(node, result);
        return result;
    }

    private YamlMap map(MappingNode node) {
        List<YamlMap.Entry> entries = new ArrayList<>();
        Map<String, SourcePos> seen = new HashMap<>();
        for (NodeTuple t : node.getValue()) {
            YamlNode key = node(t.getKeyNode());
            if (!(key instanceof YamlScalar scalarKey) || scalarKey.isNull()) {
                problems.add(key.pos(), "a key must be a plain value, not " + key.kind());
                continue;
            }
            SourcePos first = seen.putIfAbsent(scalarKey.asText(), scalarKey.pos());
            if (first != null) {
                problems.add(scalarKey.pos(), "duplicate key '" + scalarKey.asText() + "'",
                        "first defined at line " + first.line() + ":" + first.col() + "; remove one of them");
                continue;
            }
            entries.add(new YamlMap.Entry(scalarKey, node(t.getValueNode())));
        }
        return new YamlMap(entries, pos(node));
    }

    private YamlScalar scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        Object value;
        if (Tag.NULL.equals(tag)) {
            value = null;
        } else if (Tag.BOOL.equals(tag)) {
            value = Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        } else if (Tag.INT.equals(tag)) {
            value = integer(text, node);
        } else if (Tag.FLOAT.equals(tag)) {
            value = decimal(text, node);
        } else {
            value = text;
        }
        return new YamlScalar(value, text, pos(node));
    }

    private Object integer(String text, Node node) {
        try {
            String t = text.replace("_", "");
            BigInteger big;
            if (t.startsWith("0x")) {
                big = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0o")) {
                big = new BigInteger(t.substring(2), 8);
            } else {
                big = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
            }
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            problems.add(pos(node), "integer " + text + " is too large");
        } catch (NumberFormatException e) {
            problems.add(pos(node), "'" + text + "' is not an integer");
        }
        return text;
    }

    private Object decimal(String text, Node node) {
        String t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case ".inf", "+.inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    problems.add(pos(node), "'" + text + "' is not a number");
                    return text;
                }
            }
        }
    }

    private void checkTag(Node node) {
        Tag tag = node.getTag();
        if (!ALLOWED.contains(tag)) {
            String shown = tag.getValue().startsWith(Tag.PREFIX)
                    ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
            problems.add(pos(node), "tag " + shown + " is not allowed",
                    "only plain YAML values are accepted; remove the tag");
        }
    }

    private SourcePos pos(Node node) {
        return YamlReader.pos(file, node.getStartMark());
    }
}
