package dev.runbook.engine.load;

import dev.runbook.engine.inventory.InventoryLoader;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.testing.FakeModules;
import dev.runbook.engine.yaml.YamlLimits;
import dev.runbook.engine.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hostile files given as runbooks, includes and inventories end as located problems, not exceptions. */
class HostileInputTest {

    @TempDir
    Path dir;

    private List<String> runbookProblems(Path file, YamlLimits limits) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RunbookLoader(FakeModules.registry(), new YamlReader(limits)).load(file));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void anAliasBombInAnIncludedFileIsLocatedInThatFile() throws Exception {
        StringBuilder bomb = new StringBuilder("steps:\n  - &s0 {id: a, hosts: all, debug: {msg: x}}\n");
        bomb.append("x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            bomb.append("x").append(i).append(": &x").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*x").append(i - 1);
            }
            bomb.append("]\n");
        }
        Files.writeString(dir.resolve("bomb.yml"), bomb.toString());
        Path main = Files.writeString(dir.resolve("main.yml"), "steps:\n  - id: inc\n    include: bomb.yml\n");
        assertEquals(List.of(dir.resolve("bomb.yml") + ":8:5: refused: aliases expand the document to more than 1000000 nodes"
                        + " (a runbook never needs this; the input is broken or hostile)"),
                runbookProblems(main, YamlLimits.DEFAULTS));
    }

    @Test
    void theSizeCapIsConfigurable() throws Exception {
        Path f = Files.writeString(dir.resolve("rb.yml"), "steps:\n" + "  - {id: a, hosts: all, debug: {msg: x}}\n".repeat(100));
        assertEquals(List.of(f + ": the file is 4.0 KiB, larger than the 1000 bytes limit"),
                runbookProblems(f, YamlLimits.DEFAULTS.withMaxBytes(1000)));
    }

    @Test
    void aHostRangeBombInAnIniInventoryIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("hosts.ini"), "[app]\nh[1:99999999999]\nok1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new InventoryLoader().load(f));
        assertEquals(List.of(f + ":2:1: range in 'h[1:99999999999]' makes more than 10000 hosts"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void binaryInventoryIsRefusedLocated() throws Exception {
        Path f = Files.write(dir.resolve("inv.yml"), new byte[] {'h', 'o', 's', 't', 's', ':', '\n', ' ', (byte) 0xFF, 0});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new InventoryLoader().load(f));
        assertEquals(List.of(f + ":2:2: invalid UTF-8 byte 0xFF: the file is not UTF-8 text"
                        + " (binary data or another encoding such as Latin-1; save it as UTF-8)"),
                e.problems().stream().map(Problem::toString).toList());
    }
}
