package dev.runbook.engine.yaml;

import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlReaderTest {

    @TempDir
    Path dir;

    private final YamlReader reader = new YamlReader();

    private List<String> problemsOf(Path file) {
        Problems problems = new Problems();
        reader.read(file, problems);
        return problems.sorted().stream().map(Problem::toString).toList();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void coreSchemaKeepsYesNoOnAsStringsAndGivesOneBasedPositions() throws IOException {
        Path f = write("a.yml", "a: yes\nb: on\nc: true\nd: 0x10\ne: 1.5\nf: ~\ng:\n  - x\n");
        Problems problems = new Problems();
        YamlMap map = (YamlMap) reader.read(f, problems).orElseThrow();
        assertTrue(problems.isEmpty());
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", "yes");
        expected.put("b", "on");
        expected.put("c", true);
        expected.put("d", 16L);
        expected.put("e", 1.5);
        expected.put("f", null);
        expected.put("g", List.of("x"));
        assertEquals(expected, map.toValue());
        YamlSeq g = (YamlSeq) map.get("g").orElseThrow();
        assertEquals(f + ":8:5", g.items().get(0).pos().toString());
        assertEquals(f + ":2:4", map.get("b").orElseThrow().pos().toString());
    }

    @Test
    void syntaxErrorIsLocated() throws IOException {
        Path f = write("bad.yml", "steps:\n  - id: a\n    hosts: [all\n");
        assertEquals(List.of(f + ":4:1: YAML syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence)"),
                problemsOf(f));
    }

    @Test
    void duplicateKeysAreReportedWithTheFirstPosition() throws IOException {
        Path f = write("dup.yml", "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
        assertEquals(List.of(
                f + ":4:3: duplicate key 'c' (first defined at line 3:3; remove one of them)",
                f + ":5:1: duplicate key 'a' (first defined at line 1:1; remove one of them)"), problemsOf(f));
    }

    @Test
    void customTagsAreRefused() throws IOException {
        Path f = write("tag.yml", "a: !!java.lang.Runtime x\nb: !custom y\n");
        assertEquals(List.of(
                f + ":1:4: tag !!java.lang.Runtime is not allowed (only plain YAML values are accepted; remove the tag)",
                f + ":2:4: tag !custom is not allowed (only plain YAML values are accepted; remove the tag)"), problemsOf(f));
    }

    @Test
    void billionLaughsIsRefusedQuickly() throws IOException {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(p);
            }
            y.append("]\n");
        }
        Path f = write("lol.yml", y.toString());
        // 9^9 strings once expanded; the list anchored as 'g' (line 7) is the first to cross a million nodes.
        assertEquals(List.of(f + ":7:4: refused: aliases expand the document to more than 1000000 nodes"
                + " (a runbook never needs this; the input is broken or hostile)"), problemsOf(f));
    }

    @Test
    void manyAliasesToListsAreRefusedAtTheFirstOneOverTheLimit() throws IOException {
        StringBuilder y = new StringBuilder("base: &b [x]\nuses:\n");
        for (int i = 0; i < 150; i++) {
            y.append("  - *b\n");
        }
        Path f = write("aliases.yml", y.toString());
        assertEquals(List.of(f + ":103:5: refused: more than 100 aliases to lists or maps"
                + " (a runbook never needs this; the input is broken or hostile)"), problemsOf(f));
    }

    @Test
    void fewAliasesThatExpandHugelyAreRefused() throws IOException {
        // 30 levels, 2 aliases each: only 60 aliases, but 2^30 nodes once expanded; l18 (line 19) crosses a million.
        StringBuilder y = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            y.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        Path f = write("wide.yml", y.toString());
        assertEquals(List.of(f + ":19:6: refused: aliases expand the document to more than 1000000 nodes"
                + " (a runbook never needs this; the input is broken or hostile)"), problemsOf(f));
    }

    @Test
    void deepNestingIsRefusedAtTheLevelThatCrossesTheLimit() throws IOException {
        Path f = write("deep.yml", "[".repeat(1000) + "]".repeat(1000) + "\n");
        assertEquals(List.of(f + ":1:65: refused: nesting deeper than 64 levels"
                + " (a runbook never needs this; the input is broken or hostile)"), problemsOf(f));
    }

    @Test
    void deepBlockNestingIsRefused() throws IOException {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            y.append("  ".repeat(i)).append("k:\n");
        }
        Path f = write("deepblock.yml", y.toString());
        List<String> problems = problemsOf(f);
        assertEquals(List.of(f + ":65:129: refused: nesting deeper than 64 levels"
                + " (a runbook never needs this; the input is broken or hostile)"), problems);
    }

    @Test
    void fileLargerThanTheCapIsRefusedWithoutReadingIt() throws IOException {
        Path f = dir.resolve("big.yml");
        byte[] line = "key: value value value value value value value value value value\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(f)) {
            for (long written = 0; written < 20L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        assertEquals(List.of(f + ": the file is 20.0 MiB, larger than the 10.0 MiB limit"), problemsOf(f));
    }

    @Test
    void randomBinaryIsRefusedAsNotUtf8() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        bytes[0] = 'a';
        bytes[1] = (byte) 0xC3; // a truncated two-byte sequence: invalid at 1:2
        bytes[2] = 'b';
        Path f = write("bin.yml", bytes);
        assertEquals(List.of(f + ":1:2: invalid UTF-8 byte 0xC3: the file is not UTF-8 text"
                + " (binary data or another encoding such as Latin-1; save it as UTF-8)"), problemsOf(f));
    }

    @Test
    void latin1IsRefusedAtTheFirstBadByte() throws IOException {
        Path f = write("latin1.yml", "name: test\ndescription: caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(f + ":2:17: invalid UTF-8 byte 0xE9: the file is not UTF-8 text"
                + " (binary data or another encoding such as Latin-1; save it as UTF-8)"), problemsOf(f));
    }

    @Test
    void utf16WithBomIsRefused() throws IOException {
        byte[] text = "name: x\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        Path f = write("u16.yml", bytes);
        assertEquals(List.of(f + ":1:1: the file is UTF-16LE encoded (save it as UTF-8)"), problemsOf(f));
    }

    @Test
    void utf16WithoutBomIsRefusedAsNulBytes() throws IOException {
        Path f = write("u16nobom.yml", "name: x\n".getBytes(StandardCharsets.UTF_16BE));
        assertEquals(List.of(f + ":1:1: NUL byte: the file is binary or UTF-16/32 encoded, not UTF-8 text (save it as UTF-8)"),
                problemsOf(f));
    }

    @Test
    void controlCharactersAreLocated() throws IOException {
        Path f = write("ctl.yml", "a: 1\nb: x\u0007y\n");
        assertEquals(List.of(f + ":2:5: character U+0007 is not allowed in YAML text"
                + " (binary data or a control character; remove it)"), problemsOf(f));
    }

    @Test
    void utf8BomIsAccepted() throws IOException {
        byte[] text = "a: é\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Problems problems = new Problems();
        Optional<YamlNode> node = reader.read(write("bom.yml", bytes), problems);
        assertTrue(problems.isEmpty(), problems.sorted().toString());
        assertEquals(Map.of("a", "é"), node.orElseThrow().toValue());
    }

    @Test
    void emptyFileIsANullScalar() throws IOException {
        Problems problems = new Problems();
        YamlNode node = reader.read(write("empty.yml", "# nothing\n"), problems).orElseThrow();
        assertInstanceOf(YamlScalar.class, node);
        assertTrue(((YamlScalar) node).isNull());
    }

    @Test
    void missingFileIsAProblem() {
        assertEquals(List.of(dir.resolve("nope.yml") + ": file not found"), problemsOf(dir.resolve("nope.yml")));
    }
}
