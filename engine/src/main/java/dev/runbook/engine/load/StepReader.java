package dev.runbook.engine.load;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.yaml.Suggest;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlScalar;
import dev.runbook.engine.yaml.YamlSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads one step map: its keys, its one module call (checked against the module's ArgSpec), its undo. */
final class StepReader {

    static final List<String> STEP_KEYS = List.of("id", "name", "hosts", "needs", "when", "register", "retries",
            "until", "delay", "timeout", "serial", "run_once", "ignore_errors", "tags", "become", "vars", "undo", "include");
    static final List<String> INCLUDE_KEYS = List.of("id", "name", "include", "vars", "needs");
    static final Pattern ID = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    private final Walk walk;
    private final ModuleRegistry modules;

    StepReader(Walk walk, ModuleRegistry modules) {
        this.walk = walk;
        this.modules = modules;
    }

    Optional<StepDraft> read(YamlNode node, int index) {
        Optional<YamlMap> map = walk.map(node, "step " + index);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = map.get();
        StepDraft s = new StepDraft();
        s.pos = m.pos();
        readId(m, s, index);
        String label = s.id == null ? "step " + index : "step '" + s.id + "'";
        m.get("name").flatMap(n -> walk.string(n, "name")).ifPresent(v -> s.name = v);
        m.get("needs").ifPresent(n -> {
            if (n instanceof YamlScalar sc && sc.isNull()) {
                return;
            }
            List<YamlNode> items = n instanceof dev.runbook.engine.yaml.YamlSeq seq ? seq.items() : List.of(n);
            for (YamlNode item : items) {
                walk.string(item, "needs item").ifPresent(id -> {
                    if (s.needPos.putIfAbsent(id, item.pos()) == null) {
                        s.needs.add(id);
                    } else {
                        walk.problem(item.pos(), label + " lists '" + id + "' twice in needs");
                    }
                });
            }
        });
        m.entry("vars").ifPresent(e -> walk.mapOrNull(e.value(), "vars").ifPresent(vars -> {
            s.fieldPos.put("vars", e.key().pos());
            for (YamlMap.Entry v : vars.entries()) {
                if (!VarDeclReader.NAME.matcher(v.name()).matches()) {
                    walk.problem(v.key().pos(), "'" + v.name() + "' is not a valid variable name");
                    continue;
                }
                s.vars.put(v.name(), v.value().toValue());
                s.fieldPos.put("vars." + v.name(), v.value().pos());
            }
        }));
        if (m.has("include")) {
            readInclude(m, s, label);
            return Optional.of(s);
        }
        readFields(m, s, label);
        readModule(m, s, label);
        return Optional.of(s);
    }

    private void readId(YamlMap m, StepDraft s, int index) {
        Optional<YamlMap.Entry> id = m.entry("id");
        if (id.isEmpty()) {
            walk.problem(m.pos(), "step " + index + " has no id", "add 'id: <name>' of lower-case letters, digits, '-' and '_'");
            return;
        }
        walk.string(id.get().value(), "id").ifPresent(v -> {
            if (!ID.matcher(v).matches()) {
                walk.problem(id.get().value().pos(), "step id '" + v + "' may only use lower-case letters, digits, '-' and '_'",
                        ID.matcher(v.toLowerCase(java.util.Locale.ROOT)).matches()
                                ? "write '" + v.toLowerCase(java.util.Locale.ROOT) + "'" : null);
            }
            s.id = v;
            s.fieldPos.put("id", id.get().value().pos());
        });
    }

    private void readInclude(YamlMap m, StepDraft s, String label) {
        for (YamlMap.Entry e : m.entries()) {
            if (!INCLUDE_KEYS.contains(e.name())) {
                walk.problem(e.key().pos(), "'" + e.name() + "' is not allowed on an include step (" + label + ")",
                        STEP_KEYS.contains(e.name()) || modules.find(e.name()).isPresent()
                                ? "put it on the steps of the included file"
                                : Suggest.hint(e.name(), INCLUDE_KEYS));
            }
        }
        YamlNode inc = m.get("include").get();
        walk.string(inc, "include").ifPresent(v -> {
            s.include = v;
            s.includePos = inc.pos();
        });
    }

    private void readFields(YamlMap m, StepDraft s, String label) {
        m.entries().forEach(e -> s.fieldPos.putIfAbsent(e.name(), e.value().pos()));
        Optional<YamlNode> hosts = m.get("hosts");
        if (hosts.isEmpty()) {
            walk.problem(m.pos(), label + " has no hosts", "add 'hosts: <pattern>', e.g. 'hosts: all'");
        } else {
            walk.string(hosts.get(), "hosts").ifPresent(v -> s.hosts = v);
        }
        m.get("when").flatMap(n -> condition(n, "when")).ifPresent(v -> s.when = v);
        m.get("until").flatMap(n -> condition(n, "until")).ifPresent(v -> s.until = v);
        m.get("register").flatMap(n -> walk.string(n, "register")).ifPresent(v -> {
            if (VarDeclReader.NAME.matcher(v).matches()) {
                s.register = v;
            } else {
                walk.problem(m.get("register").get().pos(), "register name '" + v + "' is not a valid variable name",
                        "use letters, digits and '_', not starting with a digit");
            }
        });
        m.get("retries").flatMap(n -> walk.integer(n, "retries", 0)).ifPresent(v -> s.retries = (int) Math.min(v, 100_000));
        m.get("delay").flatMap(n -> duration(n, "delay")).ifPresent(v -> s.delay = v);
        m.get("timeout").flatMap(n -> duration(n, "timeout")).ifPresent(v -> {
            if (v.isZero()) {
                walk.problem(m.get("timeout").get().pos(), "timeout must be longer than 0");
            } else {
                s.timeout = v;
            }
        });
        m.get("serial").ifPresent(n -> serial(n, s));
        m.get("run_once").flatMap(n -> walk.bool(n, "run_once")).ifPresent(v -> s.runOnce = v);
        m.get("ignore_errors").flatMap(n -> walk.bool(n, "ignore_errors")).ifPresent(v -> s.ignoreErrors = v);
        m.get("tags").ifPresent(n -> s.tags.addAll(walk.strings(n, "tags")));
        m.get("become").ifPresent(n -> {
            if (n instanceof YamlScalar sc && sc.value() instanceof Boolean b) {
                s.become = b ? Become.ROOT : null;
            } else if (n instanceof YamlScalar sc && sc.isString() && !sc.asText().isBlank()) {
                s.become = new Become(sc.asText());
            } else {
                walk.problem(n.pos(), "become must be true, false or a user name, not " + Walk.describe(n));
            }
        });
        m.get("undo").ifPresent(n -> {
            // One module call, or a list of them run in order (e.g. start a node, then wait until it is ready).
            if (n instanceof YamlSeq seq) {
                if (seq.items().isEmpty()) {
                    walk.problem(n.pos(), "the undo of " + label + " is an empty list", "give one or more module calls, or leave undo out");
                }
                for (YamlNode item : seq.items()) {
                    walk.map(item, "each undo action").map(u -> undo(u, label)).ifPresent(s.undo::add);
                }
            } else {
                walk.map(n, "undo").map(u -> undo(u, label)).ifPresent(s.undo::add);
            }
        });
    }

    private Optional<String> condition(YamlNode n, String what) {
        if (n instanceof YamlScalar sc && sc.value() instanceof Boolean b) {
            return Optional.of(b.toString());
        }
        // Braces inside a condition are reported by the validator's template analysis.
        return walk.string(n, what);
    }

    private Optional<java.time.Duration> duration(YamlNode n, String what) {
        Optional<java.time.Duration> d = n instanceof YamlScalar sc ? Durations.of(sc.value()) : Optional.empty();
        if (d.isEmpty()) {
            walk.problem(n.pos(), what + " must be " + Durations.FORMAT + ", not " + Walk.describe(n));
        }
        return d;
    }

    private void serial(YamlNode n, StepDraft s) {
        if (n instanceof YamlScalar sc && sc.value() instanceof Long l && l >= 1) {
            s.serial = Serial.count((int) Math.min(l, Integer.MAX_VALUE));
            return;
        }
        if (n instanceof YamlScalar sc && sc.isString()) {
            var m = PERCENT.matcher(sc.asText().strip());
            if (m.matches() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= 100) {
                s.serial = Serial.percent(Integer.parseInt(m.group(1)));
                return;
            }
        }
        walk.problem(n.pos(), "serial must be a batch size of at least 1 or a percentage such as \"30%\", not " + Walk.describe(n));
    }

    private void readModule(YamlMap m, StepDraft s, String label) {
        List<YamlMap.Entry> calls = new ArrayList<>();
        boolean unknown = false;
        for (YamlMap.Entry e : m.entries()) {
            if (STEP_KEYS.contains(e.name())) {
                continue;
            }
            if (modules.find(e.name()).isPresent()) {
                calls.add(e);
            } else {
                unknown = true;
                TreeSet<String> candidates = new TreeSet<>(STEP_KEYS);
                candidates.addAll(modules.names());
                String hint = Suggest.closest(e.name(), candidates).map(c -> "did you mean '" + c + "'?")
                        .orElse("not a step key nor a module; modules: " + String.join(", ", modules.names()));
                walk.problem(e.key().pos(), "unknown key or module '" + e.name() + "' in " + label, hint);
            }
        }
        if (calls.size() > 1) {
            walk.problem(calls.get(1).key().pos(), label + " names two modules, '" + calls.get(0).name() + "' and '"
                    + calls.get(1).name() + "'", "a step runs exactly one module; split it into two steps");
        }
        if (calls.isEmpty()) {
            if (!unknown) {
                walk.problem(m.pos(), label + " names no module", "add one key naming a module, e.g. 'command:'");
            }
            return;
        }
        s.call = call(calls.get(0), label);
    }

    private ModuleCall undo(YamlMap u, String label) {
        List<YamlMap.Entry> calls = new ArrayList<>();
        for (YamlMap.Entry e : u.entries()) {
            if (modules.find(e.name()).isPresent()) {
                calls.add(e);
            } else {
                walk.problem(e.key().pos(), "unknown module '" + e.name() + "' in the undo of " + label,
                        Suggest.hint(e.name(), modules.names()));
            }
        }
        if (calls.size() > 1) {
            walk.problem(calls.get(1).key().pos(), "the undo of " + label + " names two modules", "an undo runs exactly one module");
        }
        if (calls.isEmpty()) {
            if (u.entries().isEmpty()) {
                walk.problem(u.pos(), "the undo of " + label + " names no module");
            }
            return null;
        }
        return call(calls.get(0), label);
    }

    private ModuleCall call(YamlMap.Entry e, String label) {
        Module module = modules.find(e.name()).orElseThrow();
        SourcePos pos = e.key().pos();
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, SourcePos> argPos = new LinkedHashMap<>();
        walk.mapOrNull(e.value(), "the arguments of module '" + e.name() + "' in " + label).ifPresent(am -> {
            for (YamlMap.Entry a : am.entries()) {
                args.put(a.name(), a.value().toValue());
                argPos.put(a.name(), a.key().pos());
            }
            ArgCheck.check(e.name(), module.args(), args, argPos, pos, walk.problems());
        });
        return new ModuleCall(e.name(), args, pos, argPos);
    }
}
