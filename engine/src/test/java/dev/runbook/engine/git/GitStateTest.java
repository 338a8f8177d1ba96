package dev.runbook.engine.git;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GitStateTest {

    @TempDir
    Path dir;

    @Test
    void reportsCommitAndWhichOfTheGivenFilesChanged() throws Exception {
        Path rb = Files.createDirectories(dir.resolve("runbooks")).resolve("up.yml");
        Path inv = Files.createDirectories(dir.resolve("inventories")).resolve("prod.yml");
        Path other = dir.resolve("README");
        Files.writeString(rb, "steps: []\n");
        Files.writeString(inv, "hosts: {}\n");
        Files.writeString(other, "x\n");
        String commit;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("init").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
                    .setSign(false).call().getName();
        }
        GitState clean = GitState.of(List.of(rb, inv)).orElseThrow();
        assertEquals(commit, clean.commit());
        assertTrue(clean.clean());
        assertEquals(commit.substring(0, 7) + " (clean)", clean.describe());

        Files.writeString(other, "unrelated edit\n");
        assertTrue(GitState.of(List.of(rb, inv)).orElseThrow().clean(), "files outside the runbook do not count");

        Files.writeString(rb, "steps: [] # edited\n");
        GitState dirty = GitState.of(List.of(rb, inv)).orElseThrow();
        assertFalse(dirty.clean());
        assertEquals(List.of("runbooks/up.yml"), dirty.changed());
        assertEquals(commit.substring(0, 7) + " (dirty: runbooks/up.yml)", dirty.describe());

        Path fresh = dir.resolve("runbooks/new.yml");
        Files.writeString(fresh, "steps: []\n");
        assertEquals(List.of("runbooks/new.yml"), GitState.of(List.of(fresh)).orElseThrow().changed(),
                "an uncommitted runbook is dirty");
    }

    @Test
    void outsideAnyRepositoryThereIsNoState() throws Exception {
        Path rb = dir.resolve("up.yml");
        Files.writeString(rb, "steps: []\n");
        // the temp dir lives under /tmp, which is not inside a git work tree
        assertTrue(GitState.of(List.of(rb)).isEmpty());
    }
}
