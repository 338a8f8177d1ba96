package dev.runbook.engine.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads git provenance of a run's inputs with JGit, refuses dirty inputs when asked, and
 * materialises the inputs exactly as committed at a ref without touching the work tree.
 */
public final class GitProvenance {

    private GitProvenance() {
    }

    /**
     * Provenance of the files (runbook, includes, inventory) as they are in the work tree; empty outside
     * a git work tree. Shown by {@code plan}, recorded by {@code run}.
     */
    public static Optional<Provenance> inspect(List<Path> inputs) throws IOException {
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        // JGit measures the file system's timestamp resolution on first use (~3 s); let it do that in
        // the background and use its safe fallback meanwhile: the answer is the same, only slower to get.
        FS.FileStoreAttributes.setBackground(true);
        Path first = inputs.get(0).toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(first.getParent().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build(); Git git = new Git(repo)) {
            if (repo.isBare()) {
                return Optional.empty();
            }
            Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
            ObjectId head = repo.resolve(Constants.HEAD);
            Status status = git.status().call();
            Set<String> changed = new TreeSet<>();
            changed.addAll(status.getUncommittedChanges());
            changed.addAll(status.getUntracked());
            List<String> dirtyInputs = new ArrayList<>();
            for (Path p : inputs) {
                Path abs = p.toAbsolutePath().normalize();
                if (!abs.startsWith(root)) {
                    dirtyInputs.add(abs + " (outside the repository " + root + ")");
                    continue;
                }
                String rel = root.relativize(abs).toString().replace('\\', '/');
                if (changed.contains(rel)) {
                    dirtyInputs.add(rel);
                }
            }
            return Optional.of(new Provenance(root, head == null ? null : head.name(), null, !changed.isEmpty(), dirtyInputs));
        } catch (GitAPIException e) {
            throw new IOException("cannot read git status: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a run whose inputs are not committed. Inputs outside any git repository are refused too:
     * "clean" must mean "recorded in a commit".
     */
    public static Provenance requireClean(List<Path> inputs) throws DirtyInputsException, IOException {
        Provenance p = inspect(inputs).orElseThrow(() -> new DirtyInputsException(
                "--require-clean: " + inputs.get(0) + " is not in a git repository; commit the runbook and inventory first"));
        if (p.commit() == null) {
            throw new DirtyInputsException("--require-clean: the repository " + p.repoRoot() + " has no commit yet");
        }
        if (!p.dirtyFiles().isEmpty()) {
            throw new DirtyInputsException("--require-clean: uncommitted changes in " + String.join(", ", p.dirtyFiles())
                    + "; commit them (or run without --require-clean where the inventory allows it)");
        }
        return p;
    }

    /**
     * Writes the whole tree of {@code ref} (tag, branch or commit) of the repository containing
     * {@code anyPathInRepo} into {@code target}. The work tree and index are not touched.
     */
    public static Provenance materialize(Path anyPathInRepo, String ref, Path target) throws IOException {
        Path start = anyPathInRepo.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(
                (Files.isDirectory(start) ? start : start.getParent()).toFile());
        if (builder.getGitDir() == null) {
            throw new IOException("--ref " + ref + ": " + anyPathInRepo + " is not in a git repository");
        }
        try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(ref + "^{commit}");
            if (id == null) {
                throw new IOException("--ref " + ref + ": no such tag, branch or commit in " + repo.getWorkTree());
            }
            RevCommit commit = walk.parseCommit(id);
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    if (mode == FileMode.GITLINK || mode == FileMode.SYMLINK) {
                        continue; // submodules and links are not runbook inputs
                    }
                    Path out = target.resolve(tree.getPathString()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("--ref " + ref + ": refusing path outside the target: " + tree.getPathString());
                    }
                    Files.createDirectories(out.getParent());
                    Files.write(out, repo.open(tree.getObjectId(0)).getBytes());
                }
            }
            Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
            return new Provenance(root, commit.name(), ref, false, List.of());
        }
    }

    /** Where a work-tree path lands inside a tree materialised by {@link #materialize}. */
    public static Path relocate(Provenance p, Path workTreePath, Path materialized) {
        return materialized.resolve(p.repoRoot().relativize(workTreePath.toAbsolutePath().normalize()));
    }
}
