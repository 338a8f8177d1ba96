package dev.runbook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run executes: given on the command line by {@code run}, read from run.json by {@code resume}.
 *
 * @param runbook      the runbook as the operator named it (in the work tree, also with {@code ref})
 * @param extraVars    {@code -e} values (secret ones included; they are never written anywhere)
 * @param ref          run the repository as committed at this ref (tag, branch, commit), or null for the work tree
 * @param requireClean refuse uncommitted runbook/include/inventory changes
 */
record RunTarget(Path runbook, Path inventory, Map<String, Object> extraVars, String limit, List<String> tags,
                 List<String> skipTags, boolean check, boolean requireClean, String ref) {

    RunTarget {
        runbook = runbook.toAbsolutePath().normalize();
        inventory = inventory.toAbsolutePath().normalize();
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
    }
}
