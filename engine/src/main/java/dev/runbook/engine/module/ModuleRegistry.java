package dev.runbook.engine.module;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The modules available to a run, by name. */
public final class ModuleRegistry {

    private final Map<String, Module> modules;

    public ModuleRegistry(Collection<? extends Module> modules) {
        Map<String, Module> byName = new TreeMap<>();
        for (Module m : modules) {
            Module previous = byName.put(m.name(), m);
            if (previous != null) {
                throw new IllegalStateException("two modules are named '" + m.name() + "': "
                        + previous.getClass().getName() + " and " + m.getClass().getName());
            }
        }
        this.modules = Collections.unmodifiableMap(byName);
    }

    /** Every module on the class path. */
    public static ModuleRegistry load() {
        return new ModuleRegistry(ServiceLoader.load(Module.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Collection<Module> all() {
        return modules.values();
    }

    public java.util.Set<String> names() {
        return modules.keySet();
    }
}
