package dev.runbook.engine.plan;

import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.SourcePos;

import java.util.List;

/**
 * Resolves a host pattern ({@code app:!app1}, {@code app[0]}, ...) against an inventory. The planner
 * takes it as a dependency so it does not care which parser implements the pattern language.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Hosts matching {@code pattern}, each once, in inventory order.
     *
     * @param where where the pattern is written, for located errors
     * @throws InvalidInputException when the pattern is malformed or names an unknown host or group
     */
    List<String> resolve(Inventory inventory, String pattern, SourcePos where) throws InvalidInputException;
}
