package dev.runbook.engine.load;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlReader;
import dev.runbook.engine.yaml.YamlScalar;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extra vars from the command line ({@code -e}), later ones winning: {@code key=value} (the value
 * read as a YAML scalar: {@code n=3} is a number, {@code on=true} a boolean, but a decimal such as
 * {@code version=1.10} stays the string it looks like), {@code @vars.yml} (a YAML map, errors located
 * in that file) or an inline YAML/JSON map {@code {"a": 1}}. Messages never echo a value: it may be a secret.
 */
public final class ExtraVars {

    public static final SourcePos COMMAND_LINE = SourcePos.of("-e");

    private final YamlReader reader;

    public ExtraVars(YamlReader reader) {
        this.reader = reader;
    }

    public ExtraVars() {
        this(new YamlReader());
    }

    public Map<String, Object> parse(List<String> specs) throws InvalidInputException {
        Problems problems = new Problems();
        Map<String, Object> vars = parse(specs, problems);
        problems.throwIfAny();
        return vars;
    }

    public Map<String, Object> parse(List<String> specs, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        Walk walk = new Walk(problems);
        for (String spec : specs) {
            if (spec.startsWith("@")) {
                reader.read(Path.of(spec.substring(1)), problems).flatMap(n -> walk.mapOrNull(n, "an extra vars file"))
                        .ifPresent(m -> putAll(m, out, walk));
            } else if (spec.strip().startsWith("{")) {
                reader.parse("-e", spec, problems).flatMap(n -> walk.map(n, "an inline -e value"))
                        .ifPresent(m -> putAll(m, out, walk));
            } else {
                int eq = spec.indexOf('=');
                if (eq <= 0) {
                    problems.add(COMMAND_LINE, "an -e argument has no '='", "write -e key=value, -e @vars.yml or -e '{\"key\": 1}'");
                    continue;
                }
                String key = spec.substring(0, eq).strip();
                if (!VarDeclReader.NAME.matcher(key).matches()) {
                    problems.add(COMMAND_LINE, "'" + key + "' is not a valid variable name",
                            "use letters, digits and '_', not starting with a digit");
                    continue;
                }
                out.put(key, scalar(spec.substring(eq + 1)));
            }
        }
        return out;
    }

    private static void putAll(YamlMap map, Map<String, Object> out, Walk walk) {
        for (YamlMap.Entry e : map.entries()) {
            if (VarDeclReader.NAME.matcher(e.name()).matches()) {
                out.put(e.name(), e.value().toValue());
            } else {
                walk.problem(e.key().pos(), "'" + e.name() + "' is not a valid variable name",
                        "use letters, digits and '_', not starting with a digit");
            }
        }
    }

    private Object scalar(String text) {
        if (text.isEmpty()) {
            return "";
        }
        // A value that is not a plain scalar (a: b, [x], {{ t }}) is just text, as in Ansible.
        Optional<YamlNode> node = reader.parse("-e", text, new Problems());
        if (node.isPresent() && node.get() instanceof YamlScalar s && !(s.value() instanceof Double)) {
            return s.value() == null ? text : s.value();
        }
        return text;
    }
}
