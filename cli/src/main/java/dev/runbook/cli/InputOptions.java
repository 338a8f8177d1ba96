package dev.runbook.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code -i} and {@code -e}, shared by every command that reads a runbook (validate, plan, run, ...). */
public final class InputOptions {

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file (native YAML, or Ansible INI/YAML).")
    public Path inventory;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "NAME=VALUE|@FILE",
            description = "Extra variable (highest precedence), repeatable: name=value or @vars.yml.")
    public List<String> extraVars = new ArrayList<>();
}
