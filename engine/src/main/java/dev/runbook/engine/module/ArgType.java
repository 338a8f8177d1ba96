package dev.runbook.engine.module;

/** The types a module argument (or a runbook variable) can declare. */
public enum ArgType {
    STRING, INT, BOOL, LIST, MAP, DURATION, PATH, ANY;

    /** Lower-case spelling used in runbooks, the JSON Schema and {@code runbook modules}. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
