package dev.runbook.engine.yaml;

/**
 * Bounds that keep hostile or broken input from exhausting time or memory.
 *
 * @param maxBytes          largest file accepted
 * @param maxDepth          deepest nesting of lists and maps
 * @param maxAliases        aliases to lists or maps per document (scalar aliases are free)
 * @param maxExpandedNodes  nodes the document may have once aliases are expanded (billion laughs)
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxAliases, long maxExpandedNodes) {

    public static final YamlLimits DEFAULTS = new YamlLimits(10L * 1024 * 1024, 64, 100, 1_000_000);

    public YamlLimits withMaxBytes(long bytes) {
        return new YamlLimits(bytes, maxDepth, maxAliases, maxExpandedNodes);
    }
}
