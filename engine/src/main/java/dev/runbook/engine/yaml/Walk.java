package dev.runbook.engine.yaml;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to YAML nodes that reports, instead of throwing, when a node has the wrong shape:
 * every getter adds a located problem and returns empty, so a loader keeps going and the user sees
 * all errors at once.
 */
public final class Walk {

    private final Problems problems;

    public Walk(Problems problems) {
        this.problems = problems;
    }

    public Problems problems() {
        return problems;
    }

    public void problem(SourcePos pos, String message) {
        problems.add(pos, message);
    }

    public void problem(SourcePos pos, String message, String hint) {
        problems.add(pos, message, hint);
    }

    public Optional<YamlMap> map(YamlNode node, String what) {
        if (node instanceof YamlMap m) {
            return Optional.of(m);
        }
        problems.add(node.pos(), what + " must be a map, not " + node.kind());
        return Optional.empty();
    }

    /** A map, or an empty map for a null value ({@code vars:} with nothing after it). */
    public Optional<YamlMap> mapOrNull(YamlNode node, String what) {
        if (node instanceof YamlScalar s && s.isNull()) {
            return Optional.of(new YamlMap(List.of(), node.pos()));
        }
        return map(node, what);
    }

    public Optional<YamlSeq> seq(YamlNode node, String what) {
        if (node instanceof YamlSeq s) {
            return Optional.of(s);
        }
        problems.add(node.pos(), what + " must be a list, not " + node.kind());
        return Optional.empty();
    }

    /** Reports every key that is not allowed, with "did you mean". */
    public void allowedKeys(YamlMap map, Collection<String> allowed, String where) {
        for (YamlMap.Entry e : map.entries()) {
            if (!allowed.contains(e.name())) {
                problems.add(e.key().pos(), "unknown key '" + e.name() + "' in " + where, Suggest.hint(e.name(), allowed));
            }
        }
    }

    /** A non-empty string (numbers and booleans are taken as written). */
    public Optional<String> string(YamlNode node, String what) {
        if (node instanceof YamlScalar s && !s.isNull() && !s.asText().isEmpty()) {
            return Optional.of(s.asText());
        }
        problems.add(node.pos(), what + " must be a non-empty string, not " + (node instanceof YamlScalar s
                && !s.isNull() ? "an empty string" : node.kind()));
        return Optional.empty();
    }

    public Optional<String> string(YamlMap map, String key, String what) {
        return map.get(key).flatMap(n -> string(n, what));
    }

    public Optional<Boolean> bool(YamlNode node, String what) {
        if (node instanceof YamlScalar s && s.value() instanceof Boolean b) {
            return Optional.of(b);
        }
        problems.add(node.pos(), what + " must be true or false, not " + describe(node));
        return Optional.empty();
    }

    public Optional<Long> integer(YamlNode node, String what, long min) {
        if (node instanceof YamlScalar s && s.value() instanceof Long l) {
            if (l < min) {
                problems.add(node.pos(), what + " must be at least " + min + ", not " + l);
                return Optional.empty();
            }
            return Optional.of(l);
        }
        problems.add(node.pos(), what + " must be an integer, not " + describe(node));
        return Optional.empty();
    }

    /** A list of non-empty strings; a single string is taken as a one-element list. */
    public List<String> strings(YamlNode node, String what) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlScalar s && !s.isNull()) {
            string(node, what).ifPresent(out::add);
            return out;
        }
        seq(node, what).ifPresent(seq -> seq.items().forEach(i -> string(i, what + " item").ifPresent(out::add)));
        return out;
    }

    /** The node in a message: a scalar as written in quotes, otherwise its kind. */
    public static String describe(YamlNode node) {
        if (node instanceof YamlScalar s && !s.isNull()) {
            return s.isString() ? "'" + s.text() + "'" : s.text();
        }
        return node.kind();
    }
}
