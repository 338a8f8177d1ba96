package dev.runbook.engine.model;

import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.source.SourcePos;

/**
 * A runbook variable declaration.
 *
 * @param required     must be given (by {@code -e}, the inventory, or an include's vars) when there is no default
 * @param secret       the value is masked wherever the engine shows or records it
 * @param defaultValue the default (may be a template), or null
 */
public record VarDecl(String name, ArgType type, Object defaultValue, boolean required, boolean secret,
                      String description, SourcePos pos) {
}
