package dev.runbook.modules.app;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;
import dev.runbook.modules.support.UnifiedDiff;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets the application version where the deployment keeps it (env file variable or compose image tag). */
public final class AppVersionModule implements Module {

    @Override
    public String name() {
        return "app_version";
    }

    @Override
    public String summary() {
        return "Set the application version in an env file (VAR=value) or a compose file's image tag, keeping formatting; registers previous";
    }

    @Override
    public ArgSpec args() {
        return ArgSpec.of(
                Arg.required("file", ArgType.PATH, "The env file or docker-compose.yml on the host"),
                Arg.required("kind", ArgType.STRING, "env: a VAR=value line; compose: the image tag of a service").choices("env", "compose"),
                Arg.required("version", ArgType.STRING, "The version (image tag) to set"),
                Arg.optional("variable", ArgType.STRING, "NOCOBASE_VERSION", "kind=env: the variable holding the version (added when absent)"),
                Arg.optional("service", ArgType.STRING, "app", "kind=compose: the service whose image tag is set"));
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        Remote remote = new Remote(ctx.transport());
        String file = a.string("file");
        String version = a.string("version");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", file);
        try {
            String before = remote.mustRead(file, a.string("kind").equals("env") ? "env file" : "compose file");
            VersionEdit edit = a.string("kind").equals("env")
                    ? VersionEdit.env(before, a.string("variable"), version)
                    : VersionEdit.compose(before, a.string("service"), version);
            data.put("previous", edit.previous());
            data.put("version", version);
            if (edit.text().equals(before)) {
                return Outcome.ok(file + " is already at version " + version, data);
            }
            // An env file holds secrets (APP_KEY, DB_PASSWORD): the diff shows other variables' names only.
            boolean env = a.string("kind").equals("env");
            String diff = !ctx.diffMode() ? null : env
                    ? UnifiedDiff.of(file, maskOthers(before, a.string("variable")), maskOthers(edit.text(), a.string("variable")))
                    : UnifiedDiff.of(file, before, edit.text());
            String change = (edit.previous() == null ? "(unset)" : edit.previous()) + " -> " + version;
            if (ctx.checkMode()) {
                return Outcome.changed("would set " + file + ": " + change, data, diff);
            }
            remote.writeLike(file, edit.text(), remote.stat(file));
            return Outcome.changed(file + ": " + change, data, diff);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage(), data);
        }
    }

    private static String maskOthers(String text, String variable) {
        return text.replaceAll("(?m)^(\\s*(?:export\\s+)?(?!" + java.util.regex.Pattern.quote(variable) + "\\s*=)[A-Za-z_][A-Za-z0-9_]*\\s*=).*$", "$1***");
    }
}
