package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a file on the host from inline content or a file on the control machine, atomically. */
public final class CopyModule extends CoreModule {

    private static final ArgSpec SPEC = withCommon(FilePlacer.COMMON_ARGS,
            Arg.optional("content", ArgType.STRING, null, "The file's content, written as is."),
            Arg.optional("src", ArgType.PATH, null, "A file on the control machine whose bytes are copied.")).oneOf("content", "src");

    public CopyModule() {
        super("copy", "Write a file on the host from content or a control-machine file; changed only when content or attributes differ.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        if (a.has("content")) {
            return FilePlacer.place(ctx, a.string("content").getBytes(StandardCharsets.UTF_8), "content");
        }
        return FilePlacer.place(ctx, readLocal(a.string("src")), a.string("src"));
    }

    static byte[] readLocal(String src) {
        Path p = Path.of(src);
        if (!Files.isRegularFile(p)) {
            throw new ModuleFailure("src " + src + " is not a file on the control machine"
                    + (Files.isDirectory(p) ? " (it is a directory)" : " (it does not exist)"));
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ModuleFailure("cannot read src " + src + " on the control machine: " + e.getMessage());
        }
    }
}
