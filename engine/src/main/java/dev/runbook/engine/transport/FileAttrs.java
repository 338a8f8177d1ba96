package dev.runbook.engine.transport;

/** Mode (e.g. 0644) and ownership for a written file; null fields are left as the system sets them. */
public record FileAttrs(Integer mode, String owner, String group) {

    public static final FileAttrs DEFAULT = new FileAttrs(null, null, null);

    public static FileAttrs mode(int mode) {
        return new FileAttrs(mode, null, null);
    }
}
