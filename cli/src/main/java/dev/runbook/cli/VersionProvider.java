package dev.runbook.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: from {@code runbook-version.properties}, which Maven filters at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/runbook-version.properties")) {
            if (in == null) {
                return new String[] {"runbook (version unknown: built without runbook-version.properties)"};
            }
            p.load(in);
        }
        return new String[] {
                "runbook " + p.getProperty("version"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
