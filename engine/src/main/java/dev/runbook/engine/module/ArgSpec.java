package dev.runbook.engine.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a module accepts. The validator checks every call against it before anything runs
 * (missing, unknown, ill-typed arguments); the schema and {@code runbook modules} are generated from it.
 *
 * @param oneOf groups of argument names of which exactly one must be given (e.g. {@code argv} or {@code cmd}); may be empty
 * @param acceptsUndeclared arguments not declared here are accepted as type ANY and passed through
 *                          rendered ({@code set_fact}: the argument names are the facts); declared ones are still checked
 */
public record ArgSpec(List<Arg> args, List<List<String>> oneOf, boolean acceptsUndeclared) {

    public ArgSpec {
        args = List.copyOf(args);
        oneOf = oneOf == null ? List.of() : oneOf.stream().map(List::copyOf).toList();
    }

    public ArgSpec(List<Arg> args, List<List<String>> oneOf) {
        this(args, oneOf, false);
    }

    public static ArgSpec of(Arg... args) {
        return new ArgSpec(List.of(args), List.of());
    }

    public ArgSpec oneOf(String... names) {
        var groups = new java.util.ArrayList<>(oneOf);
        groups.add(List.of(names));
        return new ArgSpec(args, groups, acceptsUndeclared);
    }

    /** A copy that accepts arguments it does not declare (see {@code acceptsUndeclared}). */
    public ArgSpec acceptingUndeclared() {
        return new ArgSpec(args, oneOf, true);
    }

    public Optional<Arg> find(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Map<String, Arg> byName() {
        Map<String, Arg> map = new LinkedHashMap<>();
        args.forEach(a -> map.put(a.name(), a));
        return map;
    }
}
