package dev.runbook.engine.yaml;

import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one YAML 1.2 document (core schema: {@code on/yes/no} stay strings) into {@link YamlNode}s
 * with 1-based positions. Every failure becomes a located problem; nothing is thrown for bad input.
 * Hostile input is bounded by {@link YamlLimits}: size, nesting, aliases, expanded size, encoding,
 * custom tags.
 */
public final class YamlReader {

    private final YamlLimits limits;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlReader() {
        this(YamlLimits.DEFAULTS);
    }

    public YamlLimits limits() {
        return limits;
    }

    /**
     * Reads a file. Returns empty (after adding the problem) when the file cannot be read or is not
     * YAML; an empty document reads as a null scalar at 1:1. Duplicate keys and refused tags are added
     * as problems but the rest of the document is still returned, so later checks can run too.
     */
    public Optional<YamlNode> read(Path file, Problems problems) {
        String name = file.toString();
        Optional<String> text = readText(file, problems);
        return text.flatMap(t -> parse(name, t, problems));
    }

    /** Reads a file's text with the size cap and the UTF-8 check; for formats that are not YAML (INI). */
    public Optional<String> readText(Path file, Problems problems) {
        String name = file.toString();
        SourcePos at = SourcePos.of(name);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                problems.add(at, "is a directory, not a file");
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                problems.add(at, "the file is " + mib(size) + ", larger than the " + mib(limits.maxBytes()) + " limit");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The file may grow between size() and read(): never read past the cap.
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            }
        } catch (NoSuchFileException e) {
            problems.add(at, "file not found");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(at, "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        if (bytes.length > limits.maxBytes()) {
            problems.add(at, "the file is larger than the " + mib(limits.maxBytes()) + " limit");
            return Optional.empty();
        }
        TextDecoder.Result decoded = TextDecoder.decode(name, bytes);
        if (decoded.problem() != null) {
            problems.add(decoded.problem());
            return Optional.empty();
        }
        return Optional.of(decoded.text());
    }

    /** Parses YAML text; {@code name} is the file name used in positions. */
    public Optional<YamlNode> parse(String name, String text, Problems problems) {
        if (text.length() > limits.maxBytes()) {
            problems.add(SourcePos.of(name), "the text is larger than the " + mib(limits.maxBytes()) + " limit");
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(limits.maxAliases() + 1)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes() + 1))
                .build();
        try {
            Composer composer = new Composer(settings,
                    new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)), limits));
            Optional<Node> node = composer.getSingleNode();
            if (node.isEmpty()) {
                return Optional.of(new YamlScalar(null, "", new SourcePos(name, 1, 1)));
            }
            return new NodeConverter(name, limits, problems).convert(node.get());
        } catch (GuardedParser.LimitExceeded e) {
            problems.add(pos(name, e.mark), "refused: " + e.getMessage(),
                    "a runbook never needs this; the input is broken or hostile");
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : " (" + e.getContext()
                    + e.getContextMark().filter(c -> e.getProblemMark().isPresent() && c.getLine() != e.getProblemMark().get().getLine())
                    .map(c -> " started at line " + (c.getLine() + 1) + ":" + (c.getColumn() + 1)).orElse("") + ")";
            problems.add(pos(name, mark), "YAML syntax error: " + e.getProblem() + context);
        } catch (ReaderException e) {
            problems.add(TextDecoder.position(name, text.substring(0, Math.min(e.getPosition(), text.length()))),
                    String.format("character U+%04X is not allowed in YAML text", e.getCodePoint()),
                    "binary data or a control character; remove it");
        } catch (YamlEngineException e) {
            problems.add(new SourcePos(name, 1, 1), "YAML error: " + e.getMessage());
        }
        return Optional.empty();
    }

    static SourcePos pos(String name, Optional<Mark> mark) {
        return mark.map(m -> new SourcePos(name, m.getLine() + 1, m.getColumn() + 1)).orElse(new SourcePos(name, 1, 1));
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
