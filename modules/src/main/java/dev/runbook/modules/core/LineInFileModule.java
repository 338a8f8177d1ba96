package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.Transport;
import dev.runbook.modules.support.Texts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ensures one line is present (replacing the line a regexp matches) or absent in a text file,
 * as Ansible's lineinfile: regexps are searched within a line (Java syntax), the last match wins.
 */
public final class LineInFileModule extends CoreModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.required("path", ArgType.PATH, "The text file on the host."),
            Arg.optional("line", ArgType.STRING, null, "The line that should be in the file (state: present)."),
            Arg.optional("regexp", ArgType.STRING, null, "Java regular expression found within a line: with present, the last matching line is "
                    + "replaced by line; with absent, every matching line is removed."),
            Arg.optional("state", ArgType.STRING, "present", "present or absent.").choices("present", "absent"),
            Arg.optional("insertafter", ArgType.STRING, null, "Where to add a missing line: EOF (default) or a regexp; after its last match (EOF if none)."),
            Arg.optional("insertbefore", ArgType.STRING, null, "Where to add a missing line: BOF or a regexp; before its last match (EOF if none)."),
            Arg.optional("create", ArgType.BOOL, false, "Create the file when it is missing (state: present); otherwise a missing file fails the step."),
            Arg.optional("mode", ArgType.ANY, null, "Permissions of a created file, e.g. \"0644\"; an existing file keeps its own."));

    public LineInFileModule() {
        super("lineinfile", "Ensure a line is present (or replaced via regexp) or absent in a text file on the host.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String path = a.string("path");
        boolean present = a.string("state").equals("present");
        if (present && !a.has("line")) {
            return Outcome.failed("state: present needs line (the line the file should contain)");
        }
        if (!present && !a.has("line") && !a.has("regexp")) {
            return Outcome.failed("state: absent needs regexp or line (which lines to remove)");
        }
        if (a.has("insertafter") && a.has("insertbefore")) {
            return Outcome.failed("give insertafter or insertbefore, not both");
        }
        Pattern regexp = compile(a, "regexp");
        Transport t = ctx.transport();
        Become become = ctx.become();
        Optional<PathState> st = PathState.probe(t, path, become);
        if (st.isPresent() && st.get().type() != PathState.Type.FILE) {
            return Outcome.failed(path + " is " + st.get().describe() + ", not a text file");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", path);
        if (st.isEmpty()) {
            if (!present) {
                return Outcome.ok(path + " does not exist, so the line is absent", data);
            }
            if (!a.bool("create")) {
                return Outcome.failed(path + " does not exist; set create: true to create it");
            }
        }
        byte[] oldBytes = st.isEmpty() ? new byte[0] : t.readFile(path, become).orElse(new byte[0]);
        String old = Texts.asText(oldBytes).orElseThrow(() -> new ModuleFailure(path + " is not a UTF-8 text file"));
        List<String> lines = new ArrayList<>(old.isEmpty() ? List.of() : List.of(old.split("\n", -1)));
        boolean trailingNewline = old.endsWith("\n");
        if (trailingNewline) {
            lines.remove(lines.size() - 1);
        }

        String message = present ? present(a, regexp, lines) : absent(a, regexp, lines);
        if (message == null) {
            return Outcome.ok(path + (present ? " already contains the line" : " has no such line"), data);
        }
        String now = lines.isEmpty() ? "" : String.join("\n", lines) + (trailingNewline || present ? "\n" : "");
        byte[] newBytes = now.getBytes(StandardCharsets.UTF_8);
        String diff = ctx.diffMode() ? FilePlacer.diffOf(oldBytes, newBytes, path, st.isEmpty()) : null;
        if (ctx.checkMode()) {
            return Outcome.changed("would " + message + " in " + path, data, diff);
        }
        WantedAttrs attrs = st.isPresent()
                ? new WantedAttrs(st.get().mode(), st.get().owner(), st.get().group())
                : new WantedAttrs(a.has("mode") ? Modes.parse(a.raw("mode")) : 0644, null, null);
        t.putFile(path, newBytes, attrs.toFileAttrs(), become);
        return Outcome.changed(message + " in " + path, data, diff);
    }

    /** Edits lines so the wanted line is present; returns what was done, or null when nothing had to be. */
    private static String present(Args a, Pattern regexp, List<String> lines) {
        String line = a.string("line");
        if (regexp != null) {
            int match = last(lines, regexp);
            if (match >= 0) {
                if (lines.get(match).equals(line)) {
                    return null;
                }
                lines.set(match, line);
                return "replace line " + (match + 1);
            }
        }
        if (lines.contains(line)) {
            return null;
        }
        int at = insertionPoint(a, lines);
        lines.add(at, line);
        return "insert line " + (at + 1);
    }

    private static String absent(Args a, Pattern regexp, List<String> lines) {
        int before = lines.size();
        if (regexp != null) {
            lines.removeIf(l -> regexp.matcher(l).find());
        } else {
            String line = a.string("line");
            lines.removeIf(line::equals);
        }
        int removed = before - lines.size();
        return removed == 0 ? null : "remove " + removed + (removed == 1 ? " line" : " lines");
    }

    private static int insertionPoint(Args a, List<String> lines) {
        if (a.has("insertbefore")) {
            String where = a.string("insertbefore");
            if (where.equals("BOF")) {
                return 0;
            }
            int m = last(lines, compile(a, "insertbefore"));
            return m >= 0 ? m : lines.size();
        }
        if (a.has("insertafter") && !a.string("insertafter").equals("EOF")) {
            int m = last(lines, compile(a, "insertafter"));
            return m >= 0 ? m + 1 : lines.size();
        }
        return lines.size();
    }

    private static int last(List<String> lines, Pattern p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private static Pattern compile(Args a, String name) {
        if (!a.has(name)) {
            return null;
        }
        try {
            return Pattern.compile(a.string(name));
        } catch (PatternSyntaxException e) {
            throw new ModuleFailure(name + " is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}
