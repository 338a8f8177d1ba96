package dev.runbook.engine.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which commit a runbook comes from and whether its files differ from it: shown by {@code plan},
 * recorded by {@code run}.
 *
 * @param commit  full id of HEAD, or null in a repository without commits
 * @param changed the given files (relative to the work tree) that are modified, staged or untracked
 */
public record GitState(Path workTree, String commit, List<String> changed) {

    public GitState {
        changed = List.copyOf(changed);
    }

    public boolean clean() {
        return commit != null && changed.isEmpty();
    }

    /** The short hash, or {@code "no commit"}. */
    public String shortCommit() {
        return commit == null ? "no commit" : commit.substring(0, 7);
    }

    /** e.g. {@code a1c9e0f (clean)} or {@code a1c9e0f (dirty: runbooks/x.yml)}. */
    public String describe() {
        return shortCommit() + (changed.isEmpty() ? (commit == null ? "" : " (clean)")
                : " (dirty: " + String.join(", ", changed) + ")");
    }

    /**
     * The state of the repository holding {@code files} (the first file's repository), or empty when
     * it is not in a git work tree. Only the given files are checked, so unrelated edits elsewhere in
     * the repository do not make a runbook dirty.
     */
    public static Optional<GitState> of(Collection<Path> files) throws IOException {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        // JGit measures the file system's timestamp resolution on first use (~3 s); let it do that in
        // the background and use its safe fallback meanwhile: the answer is the same, only slower to get.
        FS.FileStoreAttributes.setBackground(true);
        Path first = files.iterator().next().toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment()
                .findGitDir(first.getParent().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build(); Git git = new Git(repo)) {
            if (repo.isBare()) {
                return Optional.empty();
            }
            Path workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
            ObjectId head = repo.resolve("HEAD");
            StatusCommand status = git.status();
            List<String> paths = files.stream().map(f -> f.toAbsolutePath().normalize())
                    .filter(f -> f.startsWith(workTree))
                    .map(f -> workTree.relativize(f).toString().replace('\\', '/')).toList();
            paths.forEach(status::addPath);
            Status s = status.call();
            TreeSet<String> changed = new TreeSet<>();
            changed.addAll(s.getUncommittedChanges());
            changed.addAll(s.getUntracked());
            return Optional.of(new GitState(workTree, head == null ? null : head.name(), List.copyOf(changed)));
        } catch (GitAPIException e) {
            throw new IOException("cannot read the git status of " + first + ": " + e.getMessage(), e);
        }
    }
}
