package dev.runbook.cli;

import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.secret.Secrets;

import java.util.Map;

/**
 * Registers every value a secret variable can take (-e, the declaration's default, inventory host
 * vars) for masking before anything runs. Required variables are checked by the validator.
 */
final class SecretVars {

    private SecretVars() {
    }

    static void register(Runbook rb, Inventory inv, Map<String, Object> extra, Secrets secrets) {
        for (VarDecl d : rb.vars().values()) {
            if (!d.secret()) {
                continue;
            }
            Object value = extra.get(d.name());
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
    }
}
