package dev.runbook.engine.yaml;

import dev.runbook.engine.source.SourcePos;

/**
 * A YAML node with its 1-based source position. Loaders walk these instead of plain Java values so
 * every error they report can say {@code file:line:col}. Nodes are immutable; an alias shares the
 * anchored node.
 */
public sealed interface YamlNode permits YamlMap, YamlSeq, YamlScalar {

    SourcePos pos();

    /** The node as plain Java values: LinkedHashMap, List, String, Long, Double, Boolean or null. */
    Object toValue();

    /** What the node is, for messages: "a map", "a list", "a string", "a number", "true/false", "null". */
    String kind();
}
