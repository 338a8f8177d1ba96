package dev.runbook.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/**
 * Creates command objects for picocli, handing the {@link Cli} to every class that has a constructor
 * taking it (constructor injection without a framework); other classes get picocli's default.
 */
final class CliFactory implements CommandLine.IFactory {

    private final Cli cli;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CliFactory(Cli cli) {
        this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            Constructor<K> c = cls.getDeclaredConstructor(Cli.class);
            c.setAccessible(true);
            return c.newInstance(cli);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
    }
}
