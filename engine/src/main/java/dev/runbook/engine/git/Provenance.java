package dev.runbook.engine.git;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run's inputs came from in git.
 *
 * @param commit     full id of the commit (HEAD, or the commit {@code --ref} named)
 * @param ref        the ref the operator asked for with {@code --ref}, or null for the work tree
 * @param dirty      the work tree had uncommitted changes anywhere (always false for {@code --ref})
 * @param dirtyFiles the run's own inputs (runbook, includes, inventory) that differ from the commit, repo-relative
 */
public record Provenance(Path repoRoot, String commit, String ref, boolean dirty, List<String> dirtyFiles) {

    public Provenance {
        dirtyFiles = List.copyOf(dirtyFiles);
    }

    /** The run's inputs are exactly as committed: what {@code --require-clean} demands. */
    public boolean clean() {
        return commit != null && dirtyFiles.isEmpty();
    }

    /** The short hash, or {@code "no commit"}. */
    public String shortCommit() {
        return commit == null ? "no commit" : commit.substring(0, Math.min(7, commit.length()));
    }

    /**
     * For headers: {@code a1c9e0f (clean)}, {@code a1c9e0f (dirty: runbooks/x.yml)}, {@code a1c9e0f (ref v1.2)}.
     * Only the run's own inputs count: edits elsewhere in the repository do not make a runbook dirty.
     */
    public String describe() {
        if (ref != null) {
            return shortCommit() + " (ref " + ref + ")";
        }
        if (!dirtyFiles.isEmpty()) {
            return shortCommit() + " (dirty: " + String.join(", ", dirtyFiles) + ")";
        }
        return shortCommit() + (commit == null ? "" : " (clean)");
    }
}
