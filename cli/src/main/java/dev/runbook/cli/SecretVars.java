package dev.runbook.cli;

import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Before anything runs: required variables have values, and every value of a secret variable is registered for masking. */
final class VarChecks {

    private VarChecks() {
    }

    static void check(Runbook rb, Inventory inv, Map<String, Object> extra, Secrets secrets) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        for (VarDecl d : rb.vars().values()) {
            Object value = extra.get(d.name());
            if (d.secret()) {
                // every place a value can come from: -e, the declaration's default, inventory host vars
                if (value != null) {
                    secrets.add(String.valueOf(value));
                }
                if (d.defaultValue() != null) {
                    secrets.add(String.valueOf(d.defaultValue()));
                }
                inv.hosts().values().forEach(h -> {
                    Object v = h.vars().get(d.name());
                    if (v != null) {
                        secrets.add(String.valueOf(v));
                    }
                });
            }
            boolean inInventory = !inv.hosts().isEmpty()
                    && inv.hosts().values().stream().allMatch(h -> h.vars().containsKey(d.name()));
            if (d.required() && value == null && d.defaultValue() == null && !inInventory) {
                problems.add(Problem.at(d.pos(), "variable '" + d.name() + "' is required"
                        + (d.description() == null ? "" : " (" + d.description() + ")"), "give it with -e " + d.name() + "=..."));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
