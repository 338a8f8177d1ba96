package dev.runbook.engine.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GitProvenanceTest {

    @TempDir
    Path repo;

    private RevCommit commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid")
                .setSign(false).call();
    }

    @Test
    void cleanInputsNameTheirCommitAndDirtyOnesAreRefused() throws Exception {
        Path runbook = repo.resolve("runbooks/up.yml");
        Path inventory = repo.resolve("inventories/prod.yml");
        Files.createDirectories(runbook.getParent());
        Files.createDirectories(inventory.getParent());
        Files.writeString(runbook, "name: up\n");
        Files.writeString(inventory, "hosts: {}\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            RevCommit c = commitAll(git, "first");
            Provenance p = GitProvenance.requireClean(List.of(runbook, inventory));
            assertEquals(c.name(), p.commit());
            assertTrue(p.describe().endsWith("(clean)"), p.describe());

            Files.writeString(runbook, "name: changed\n");
            DirtyInputsException e = assertThrows(DirtyInputsException.class,
                    () -> GitProvenance.requireClean(List.of(runbook, inventory)));
            assertTrue(e.getMessage().contains("runbooks/up.yml"), e.getMessage());
            assertFalse(e.getMessage().contains("inventories/prod.yml"), e.getMessage());
            assertTrue(GitProvenance.inspect(List.of(runbook)).orElseThrow().dirty());
        }
    }

    @Test
    void reportsCommitAndWhichOfTheGivenFilesChanged() throws Exception {
        Path rb = Files.createDirectories(repo.resolve("runbooks")).resolve("up.yml");
        Path inv = Files.createDirectories(repo.resolve("inventories")).resolve("prod.yml");
        Path other = repo.resolve("README");
        Files.writeString(rb, "steps: []\n");
        Files.writeString(inv, "hosts: {}\n");
        Files.writeString(other, "x\n");
        String commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commit = commitAll(git, "init").getName();
        }
        Provenance clean = GitProvenance.inspect(List.of(rb, inv)).orElseThrow();
        assertEquals(commit, clean.commit());
        assertTrue(clean.clean());
        assertEquals(commit.substring(0, 7) + " (clean)", clean.describe());

        Files.writeString(other, "unrelated edit\n");
        Provenance elsewhere = GitProvenance.inspect(List.of(rb, inv)).orElseThrow();
        assertTrue(elsewhere.clean(), "files outside the runbook do not count");
        assertTrue(elsewhere.dirty(), "but the record still says the work tree was dirty");
        assertEquals(commit.substring(0, 7) + " (clean)", elsewhere.describe());

        Files.writeString(rb, "steps: [] # edited\n");
        Provenance dirty = GitProvenance.inspect(List.of(rb, inv)).orElseThrow();
        assertFalse(dirty.clean());
        assertEquals(List.of("runbooks/up.yml"), dirty.dirtyFiles());
        assertEquals(commit.substring(0, 7) + " (dirty: runbooks/up.yml)", dirty.describe());

        Path fresh = repo.resolve("runbooks/new.yml");
        Files.writeString(fresh, "steps: []\n");
        assertEquals(List.of("runbooks/new.yml"), GitProvenance.inspect(List.of(fresh)).orElseThrow().dirtyFiles(),
                "an uncommitted runbook is dirty");
    }

    @Test
    void untrackedIncludeCountsAsDirty() throws Exception {
        Path runbook = repo.resolve("r.yml");
        Files.writeString(runbook, "name: r\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commitAll(git, "first");
            Path include = repo.resolve("common.yml");
            Files.writeString(include, "steps: []\n");
            var p = GitProvenance.inspect(List.of(runbook, include)).orElseThrow();
            assertEquals(List.of("common.yml"), p.dirtyFiles());
        }
    }

    @Test
    void refMaterialisesTheCommittedVersionWithoutTouchingTheWorkTree() throws Exception {
        Path runbook = repo.resolve("runbooks/up.yml");
        Files.createDirectories(runbook.getParent());
        Files.writeString(runbook, "name: v1\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            RevCommit v1 = commitAll(git, "v1");
            git.tag().setName("v1").setObjectId(v1).setAnnotated(false).call();
            Files.writeString(runbook, "name: v2\n");
            commitAll(git, "v2");
            Files.writeString(runbook, "name: work-in-progress\n");

            Path out = Files.createTempDirectory("ref");
            Provenance p = GitProvenance.materialize(runbook, "v1", out);
            assertEquals(v1.name(), p.commit());
            assertEquals("v1", p.ref());
            assertEquals("name: v1\n", Files.readString(GitProvenance.relocate(p, runbook, out)));
            assertEquals("name: work-in-progress\n", Files.readString(runbook));
            assertThrows(java.io.IOException.class, () -> GitProvenance.materialize(runbook, "no-such-ref", out));
        }
    }

    @Test
    void outsideGitThereIsNoProvenanceAndRequireCleanRefuses() throws Exception {
        Path f = repo.resolve("x.yml");
        Files.writeString(f, "name: x\n");
        assertTrue(GitProvenance.inspect(List.of(f)).isEmpty());
        DirtyInputsException e = assertThrows(DirtyInputsException.class, () -> GitProvenance.requireClean(List.of(f)));
        assertTrue(e.getMessage().contains("not in a git repository"));
    }
}
