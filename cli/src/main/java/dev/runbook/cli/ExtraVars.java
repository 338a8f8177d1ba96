package dev.runbook.cli;

import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlReader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code -e} values: {@code name=value} (a string, as written) or {@code @file.yml} (a YAML map, typed).
 * Later ones win over earlier ones. Values never appear in problems: they may be secrets.
 */
final class ExtraVars {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> specs, YamlReader yaml, Problems problems) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String spec : specs) {
            SourcePos where = SourcePos.of("-e " + (spec.startsWith("@") ? spec : spec.split("=", 2)[0]));
            if (spec.startsWith("@")) {
                fromFile(Path.of(spec.substring(1)), yaml, problems).ifPresent(vars::putAll);
                continue;
            }
            int eq = spec.indexOf('=');
            String name = eq < 0 ? spec : spec.substring(0, eq);
            if (eq < 0 || !NAME.matcher(name).matches()) {
                problems.add(Problem.at(where, "expected name=value or @file.yml",
                        "names are letters, digits and '_', e.g. -e version=1.7.14"));
                continue;
            }
            vars.put(name, spec.substring(eq + 1));
        }
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> fromFile(Path file, YamlReader yaml, Problems problems) {
        Optional<YamlNode> node = yaml.read(file, problems);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlMap map)) {
            problems.add(node.get().pos(), "extra vars file must be a map of name: value, not " + node.get().kind());
            return Optional.empty();
        }
        for (YamlMap.Entry e : map.entries()) {
            if (!NAME.matcher(e.name()).matches()) {
                problems.add(e.key().pos(), "'" + e.name() + "' is not a variable name", "use letters, digits and '_'");
            }
        }
        return Optional.of((Map<String, Object>) map.toValue());
    }
}
