package dev.runbook.engine.load;

import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventoryLoader;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.template.TemplateAnalyzer;
import dev.runbook.engine.validate.Validator;
import dev.runbook.engine.yaml.YamlLimits;
import dev.runbook.engine.yaml.YamlReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point the CLI needs: loads the runbook (with includes), the inventory and the extra
 * vars, validates everything together, and throws one {@link InvalidInputException} holding every
 * problem found in any of them, sorted by file and position. Nothing runs when it throws.
 */
public final class Workspace {

    /** Everything a plan is built from, validated. {@code inventory} is null when none was given. */
    public record Loaded(Runbook runbook, Inventory inventory, Map<String, Object> extraVars, LoadedRunbook sources) {
    }

    private final ModuleRegistry modules;
    private final TemplateAnalyzer analyzer;
    private final YamlReader reader;

    public Workspace(ModuleRegistry modules, TemplateAnalyzer analyzer, YamlLimits limits) {
        this.modules = modules;
        this.analyzer = analyzer;
        this.reader = new YamlReader(limits);
    }

    public Workspace(ModuleRegistry modules) {
        this(modules, new TemplateAnalyzer(), YamlLimits.DEFAULTS);
    }

    /**
     * @param inventory     inventory file, or null
     * @param extraVarSpecs {@code -e} arguments as given: {@code key=value}, {@code @file.yml}, {@code {...}}
     */
    public Loaded load(Path runbook, Path inventory, List<String> extraVarSpecs) throws InvalidInputException {
        Problems problems = new Problems();
        Map<String, Object> extra = new ExtraVars(reader).parse(extraVarSpecs, problems);
        return load(runbook, inventory, extra, problems);
    }

    /** Same, with extra vars already parsed. */
    public Loaded load(Path runbook, Path inventory, Map<String, Object> extraVars) throws InvalidInputException {
        return load(runbook, inventory, extraVars, new Problems());
    }

    private Loaded load(Path runbook, Path inventory, Map<String, Object> extraVars, Problems problems)
            throws InvalidInputException {
        Optional<Inventory> inv = inventory == null ? Optional.empty() : new InventoryLoader(reader).load(inventory, problems);
        Optional<LoadedRunbook> rb = new RunbookLoader(modules, reader).load(runbook, problems);
        if (rb.isPresent() && (inventory == null || inv.isPresent())) {
            new Validator(analyzer, modules).validate(rb.get(), inv.orElse(null), extraVars, problems);
        }
        problems.throwIfAny();
        return new Loaded(rb.orElseThrow().runbook(), inv.orElse(null),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars)), rb.get());
    }

    public Runbook runbook(Path file) throws InvalidInputException {
        return new RunbookLoader(modules, reader).load(file);
    }

    public Inventory inventory(Path file) throws InvalidInputException {
        return new InventoryLoader(reader).load(file);
    }

    public Map<String, Object> extraVars(List<String> specs) throws InvalidInputException {
        return new ExtraVars(reader).parse(specs);
    }
}
