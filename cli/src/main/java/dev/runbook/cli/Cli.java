package dev.runbook.cli;

import dev.runbook.engine.module.ModuleRegistry;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every command gets: its output streams, whether to colour, the environment, and the modules.
 * Commands take it in their constructor ({@link CliFactory}); tests build one over string writers.
 *
 * @param colour  ANSI colour on stdout (stdout is a terminal and NO_COLOR is unset)
 * @param modules loaded on first use: ServiceLoader scanning is not free and most commands never need it
 */
public record Cli(PrintWriter out, PrintWriter err, boolean colour, Map<String, String> env,
                  Supplier<ModuleRegistry> modules) {

    /** The real process: System streams, colour when stdout is a terminal and NO_COLOR is not set. */
    public static Cli system() {
        Map<String, String> env = System.getenv();
        boolean tty = System.console() != null;
        boolean colour = tty && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty())
                && !"dumb".equals(env.get("TERM"));
        return new Cli(new PrintWriter(System.out, true), new PrintWriter(System.err, true), colour, env,
                memoize(ModuleRegistry::load));
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
