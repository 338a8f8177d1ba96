package dev.runbook.engine.load;

import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.yaml.Suggest;
import dev.runbook.engine.yaml.Walk;
import dev.runbook.engine.yaml.YamlMap;
import dev.runbook.engine.yaml.YamlNode;
import dev.runbook.engine.yaml.YamlReader;
import dev.runbook.engine.yaml.YamlScalar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a runbook file and its includes into a {@link Runbook}: keys, types, modules and their
 * arguments, ids, {@code needs} (wired through includes as CONTRACTS.md says) and cycles are all
 * checked, and every problem is reported at once.
 */
public final class RunbookLoader {

    static final List<String> TOP_KEYS = List.of("name", "description", "vars", "steps");
    static final int MAX_INCLUDE_DEPTH = 16;

    private final ModuleRegistry modules;
    private final YamlReader reader;

    public RunbookLoader(ModuleRegistry modules, YamlReader reader) {
        this.modules = modules;
        this.reader = reader;
    }

    public RunbookLoader(ModuleRegistry modules) {
        this(modules, new YamlReader());
    }

    /** Loads and checks a runbook; all problems found are in the exception. */
    public static Runbook load(Path file, ModuleRegistry modules) throws InvalidInputException {
        return new RunbookLoader(modules).load(file);
    }

    public Runbook load(Path file) throws InvalidInputException {
        Problems problems = new Problems();
        Optional<LoadedRunbook> loaded = load(file, problems);
        problems.throwIfAny();
        return loaded.orElseThrow().runbook();
    }

    /**
     * Loads as much as can be loaded, adding every problem; empty only when the runbook file itself
     * cannot be read. When problems were added, steps may be incomplete (null call or hosts).
     */
    public Optional<LoadedRunbook> load(Path file, Problems problems) {
        Context ctx = new Context(new Walk(problems));
        Optional<YamlMap> root = readFile(file, ctx, "the runbook");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        String fileName = file.getFileName().toString();
        String name = root.get().get("name").flatMap(n -> ctx.walk.string(n, "name"))
                .orElse(fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName);
        String description = root.get().get("description").flatMap(n -> ctx.walk.string(n, "description")).orElse(null);
        root.get().get("vars").ifPresent(n -> ctx.vars.putAll(new VarDeclReader(ctx.walk).read(n)));
        List<Expanded> expanded = steps(root.get(), file, "", Map.of(), List.of(file.toAbsolutePath().normalize()),
                List.of(), ctx);
        List<Step> steps = new ArrayList<>();
        List<StepSource> sources = new ArrayList<>();
        for (Expanded e : expanded) {
            Step step = e.toStep();
            steps.add(step);
            sources.add(new StepSource(step, e.fieldPos(), e.needPos, e.includes));
        }
        new GraphCheck(ctx.walk.problems()).check(sources);
        Runbook runbook = new Runbook(name, description, file, ctx.vars, steps, List.copyOf(ctx.sources));
        return Optional.of(new LoadedRunbook(runbook, sources));
    }

    private static final class Context {
        final Walk walk;
        final Map<String, VarDecl> vars = new LinkedHashMap<>();
        final Set<Path> sources = new LinkedHashSet<>();

        Context(Walk walk) {
            this.walk = walk;
        }
    }

    /** A step being expanded; its needs grow while the including files are wired. */
    private static final class Expanded {
        final StepDraft d;
        final String id;
        final List<String> needs = new ArrayList<>();
        final Map<String, SourcePos> needPos = new LinkedHashMap<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        final List<String> includes;
        /** Has no needs of its own so far: inherits the needs of the include step that brought it in. */
        boolean root;

        Expanded(StepDraft d, String id, List<String> includes) {
            this.d = d;
            this.id = id;
            this.includes = includes;
        }

        Map<String, SourcePos> fieldPos() {
            return d.fieldPos;
        }

        Step toStep() {
            return new Step(id, d.name, d.call, d.hosts, needs, d.when, d.register, d.retries, d.until, d.delay,
                    d.timeout, d.serial, d.runOnce, d.ignoreErrors, d.tags, d.become, d.undo, vars, d.pos);
        }
    }

    private Optional<YamlMap> readFile(Path file, Context ctx, String what) {
        ctx.sources.add(file);
        Optional<YamlNode> node = reader.read(file, ctx.walk.problems());
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s && s.isNull()) {
            ctx.walk.problem(node.get().pos(), what + " is empty", "it needs at least 'steps:'");
            return Optional.empty();
        }
        Optional<YamlMap> map = ctx.walk.map(node.get(), what);
        map.ifPresent(m -> {
            ctx.walk.allowedKeys(m, TOP_KEYS, what);
            if (!m.has("steps")) {
                ctx.walk.problem(m.pos(), what + " has no 'steps'", "add 'steps:' with a list of steps");
            }
        });
        return map;
    }

    /**
     * Expands the steps of one file. {@code prefix} is prepended to ids; {@code includeVars} are the
     * vars passed down by the include steps; {@code chain} holds the absolute paths of the including
     * files, for recursion errors.
     */
    private List<Expanded> steps(YamlMap root, Path file, String prefix, Map<String, Object> includeVars,
                                 List<Path> chain, List<String> includeIds, Context ctx) {
        List<StepDraft> drafts = new ArrayList<>();
        root.get("steps").flatMap(n -> ctx.walk.seq(n, "steps")).ifPresent(seq -> {
            StepReader stepReader = new StepReader(ctx.walk, modules);
            for (int i = 0; i < seq.items().size(); i++) {
                stepReader.read(seq.items().get(i), i + 1).ifPresent(drafts::add);
            }
        });
        Map<String, SourcePos> firstId = new HashMap<>();
        Map<String, List<String>> idsOf = new LinkedHashMap<>();
        Map<StepDraft, List<Expanded>> included = new HashMap<>();
        Map<StepDraft, Expanded> own = new HashMap<>();
        List<Expanded> out = new ArrayList<>();
        for (StepDraft d : drafts) {
            if (d.id != null) {
                SourcePos first = firstId.putIfAbsent(d.id, d.fieldPos.get("id"));
                if (first != null) {
                    ctx.walk.problem(d.fieldPos.get("id"), "duplicate step id '" + d.id + "'",
                            "first used at line " + first.line() + ":" + first.col() + "; ids must be unique");
                    continue;
                }
            }
            String id = prefix + (d.id == null ? "#" + (drafts.indexOf(d) + 1) : d.id);
            if (d.isInclude()) {
                Map<String, Object> passed = new LinkedHashMap<>(includeVars);
                passed.putAll(d.vars);
                List<String> ids = new ArrayList<>(includeIds);
                ids.add(id);
                List<Expanded> sub = include(file, d, id + ".", passed, chain, ids, ctx);
                included.put(d, sub);
                out.addAll(sub);
                if (d.id != null) {
                    idsOf.put(d.id, sub.stream().map(e -> e.id).toList());
                }
            } else {
                Expanded e = new Expanded(d, id, includeIds);
                e.vars.putAll(includeVars);
                e.vars.putAll(d.vars);
                e.root = d.needs.isEmpty();
                own.put(d, e);
                out.add(e);
                if (d.id != null) {
                    idsOf.put(d.id, List.of(id));
                }
            }
        }
        for (StepDraft d : drafts) {
            Map<String, SourcePos> mapped = new LinkedHashMap<>();
            for (String need : d.needs) {
                SourcePos pos = d.needPos.get(need);
                List<String> ids = idsOf.get(need);
                if (ids == null) {
                    String scope = prefix.isEmpty() ? "" : " of " + file;
                    ctx.walk.problem(pos, "needs unknown step id '" + need + "'",
                            Optional.ofNullable(Suggest.hint(need, idsOf.keySet()))
                                    .filter(h -> h.startsWith("did you mean"))
                                    .orElse("needs names steps" + scope + " by id: " + String.join(", ", idsOf.keySet())));
                    continue;
                }
                ids.forEach(id -> mapped.putIfAbsent(id, pos));
            }
            if (own.containsKey(d)) {
                own.get(d).needs.addAll(mapped.keySet());
                own.get(d).needPos.putAll(mapped);
            } else if (included.containsKey(d)) {
                for (Expanded e : included.get(d)) {
                    if (e.root) {
                        mapped.forEach((id, pos) -> {
                            if (!e.needs.contains(id)) {
                                e.needs.add(id);
                                e.needPos.put(id, pos);
                            }
                        });
                        e.root = d.needs.isEmpty();
                    }
                }
            }
        }
        return out;
    }

    private List<Expanded> include(Path including, StepDraft d, String prefix, Map<String, Object> passed,
                                   List<Path> chain, List<String> includeIds, Context ctx) {
        if (d.include == null) {
            return List.of();
        }
        Path dir = including.getParent() == null ? Path.of("") : including.getParent();
        Path target = dir.resolve(d.include).normalize();
        Path absolute = target.toAbsolutePath().normalize();
        if (chain.contains(absolute)) {
            List<String> names = new ArrayList<>();
            chain.subList(chain.indexOf(absolute), chain.size()).forEach(p -> names.add(shown(p)));
            names.add(shown(absolute));
            ctx.walk.problem(d.includePos, "include cycle: " + String.join(" → ", names),
                    "a file cannot include itself, directly or through other files");
            return List.of();
        }
        if (chain.size() >= MAX_INCLUDE_DEPTH) {
            ctx.walk.problem(d.includePos, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files");
            return List.of();
        }
        if (!Files.isRegularFile(target)) {
            ctx.walk.problem(d.includePos, "included file '" + d.include + "' not found (looked for " + target + ")",
                    "include paths are relative to the including file's folder");
            return List.of();
        }
        Optional<YamlMap> root = readFile(target, ctx, "the included file");
        if (root.isEmpty()) {
            return List.of();
        }
        root.get().get("vars").ifPresent(n -> new VarDeclReader(ctx.walk).read(n).forEach((name, decl) -> {
            boolean required = decl.required() && !passed.containsKey(name);
            VarDecl scoped = new VarDecl(name, decl.type(), decl.defaultValue(), required, decl.secret(),
                    decl.description(), decl.pos());
            VarDecl existing = ctx.vars.get(name);
            if (existing == null) {
                ctx.vars.put(name, scoped);
            } else if (required && !existing.required() && existing.defaultValue() == null
                    && existing.pos().file().equals(scoped.pos().file())) {
                // The same file included twice, once without this var: it must come from elsewhere.
                ctx.vars.put(name, scoped);
            }
        }));
        List<Path> deeper = new ArrayList<>(chain);
        deeper.add(absolute);
        return steps(root.get(), target, prefix, passed, deeper, includeIds, ctx);
    }

    private static String shown(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
