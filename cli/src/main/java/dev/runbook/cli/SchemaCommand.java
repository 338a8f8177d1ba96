package dev.runbook.cli;

import dev.runbook.engine.schema.InventorySchema;
import dev.runbook.engine.schema.RunbookSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema (draft 2020-12) of runbooks or inventories, for editors.",
                "The repository publishes the same files as schema/runbook.schema.json and schema/inventory.schema.json."})
final class SchemaCommand implements Callable<Integer> {

    enum Kind { runbook, inventory }

    @Parameters(index = "0", defaultValue = "runbook", paramLabel = "runbook|inventory",
            description = "Which schema (default: ${DEFAULT-VALUE}).")
    Kind kind;

    private final Cli cli;

    SchemaCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.out().print(kind == Kind.runbook ? new RunbookSchema(cli.modules().get()).json() : InventorySchema.json());
        return ExitCodes.OK;
    }
}
