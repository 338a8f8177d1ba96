package dev.runbook.engine.model;

import dev.runbook.engine.source.SourcePos;

import java.util.Map;

/**
 * One module call as written: module name and raw argument values (strings may hold
 * {@code {{ templates }}}; rendered per host at execution).
 *
 * @param argPos where each argument is written, for located errors
 */
public record ModuleCall(String module, Map<String, Object> args, SourcePos pos, Map<String, SourcePos> argPos) {

    public ModuleCall {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        argPos = argPos == null ? Map.of() : Map.copyOf(argPos);
    }

    public SourcePos posOf(String arg) {
        return argPos.getOrDefault(arg, pos);
    }
}
