package dev.runbook.engine.load;

import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Suggest;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlScalar;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code vars:} declarations: {@code name: {type, required, default, secret, description}}.
 * A value that is not a map is shorthand for {@code {default: value}}.
 */
final class VarDeclReader {

    static final List<String> KEYS = List.of("type", "required", "default", "secret", "description");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Walk walk;

    VarDeclReader(Walk walk) {
        this.walk = walk;
    }

    Map<String, VarDecl> read(YamlNode node) {
        Map<String, VarDecl> out = new LinkedHashMap<>();
        walk.mapOrNull(node, "vars").ifPresent(map -> {
            for (YamlMap.Entry e : map.entries()) {
                String name = e.name();
                SourcePos pos = e.key().pos();
                if (!NAME.matcher(name).matches()) {
                    walk.problem(pos, "'" + name + "' is not a valid variable name",
                            "use letters, digits and '_', not starting with a digit");
                    continue;
                }
                out.put(name, decl(name, pos, e.value()));
            }
        });
        return out;
    }

    private VarDecl decl(String name, SourcePos pos, YamlNode value) {
        if (!(value instanceof YamlMap m)) {
            return new VarDecl(name, ArgType.ANY, value.toValue(), false, false, null, pos);
        }
        walk.allowedKeys(m, KEYS, "the declaration of var '" + name + "'");
        ArgType type = ArgType.ANY;
        if (m.has("type")) {
            YamlNode t = m.get("type").get();
            String spelled = walk.string(t, "type").orElse("any");
            List<String> names = Arrays.stream(ArgType.values()).map(ArgType::spelling).toList();
            if (names.contains(spelled.toLowerCase(Locale.ROOT))) {
                type = ArgType.valueOf(spelled.toUpperCase(Locale.ROOT));
            } else {
                walk.problem(t.pos(), "unknown type '" + spelled + "' for var '" + name + "'", Suggest.hint(spelled, names));
            }
        }
        boolean required = m.get("required").flatMap(n -> walk.bool(n, "required")).orElse(false);
        boolean secret = m.get("secret").flatMap(n -> walk.bool(n, "secret")).orElse(false);
        String description = m.get("description").flatMap(n -> walk.string(n, "description")).orElse(null);
        Object def = m.get("default").map(YamlNode::toValue).orElse(null);
        if (def != null) {
            String error = ArgCheck.typeError(type, def, "the default of var '" + name + "'", secret);
            if (error != null) {
                walk.problem(m.get("default").get().pos(), error);
            }
            if (required) {
                walk.problem(m.get("required").get().pos(), "var '" + name + "' is required but has a default",
                        "remove 'required: true' or the default");
            }
        } else if (m.get("default").filter(n -> n instanceof YamlScalar s && s.isNull()).isPresent()) {
            walk.problem(m.get("default").get().pos(), "the default of var '" + name + "' is empty",
                    "give a value or remove 'default'");
        }
        return new VarDecl(name, type, def, required, secret, description, pos);
    }
}
