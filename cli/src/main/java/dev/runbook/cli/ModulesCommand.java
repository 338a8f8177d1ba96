package dev.runbook.cli;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.model.Durations;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "Lists the available modules, or documents one module's arguments.")
final class ModulesCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Module to document.")
    String name;

    private final Cli cli;

    ModulesCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InvalidInputException {
        ModuleRegistry registry = cli.modules().get();
        if (name == null) {
            int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
            for (Module m : registry.all()) {
                cli.out().println(String.format("%-" + width + "s  %s", m.name(), m.summary()));
            }
            if (registry.all().isEmpty()) {
                cli.out().println("no modules found on the class path");
            }
            return ExitCodes.OK;
        }
        Module m = registry.find(name).orElseThrow(() -> new InvalidInputException(Problem.at(SourcePos.of("modules"),
                "no module named '" + name + "'", "available: " + String.join(", ", registry.names()))));
        document(m);
        return ExitCodes.OK;
    }

    private void document(Module m) {
        var out = cli.out();
        out.println(m.name() + " — " + m.summary());
        List<String> traits = new java.util.ArrayList<>();
        traits.add(m.runsOnController() ? "runs on the control machine" : "runs on the target hosts");
        traits.add(m.supportsCheckMode() ? "supports check mode" : "skipped in check mode");
        out.println(String.join(", ", traits));
        out.println();
        if (m.args().args().isEmpty()) {
            out.println("no arguments");
        }
        int width = m.args().args().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        for (Arg a : m.args().args()) {
            StringBuilder line = new StringBuilder(String.format("  %-" + width + "s  %-8s  ", a.name(), a.type().spelling()));
            line.append(a.required() ? "required" : "optional");
            if (a.defaultValue() != null && !a.secret()) {
                Object d = a.defaultValue() instanceof java.time.Duration dur ? Durations.format(dur) : a.defaultValue();
                line.append(", default ").append(d);
            }
            if (a.secret()) {
                line.append(", secret");
            }
            out.println(line);
            if (a.description() != null && !a.description().isBlank()) {
                out.println("  " + " ".repeat(width) + "  " + a.description());
            }
            if (!a.choices().isEmpty()) {
                out.println("  " + " ".repeat(width) + "  one of: " + String.join(", ", a.choices()));
            }
        }
        for (List<String> group : m.args().oneOf()) {
            out.println("exactly one of: " + String.join(", ", group));
        }
    }
}
