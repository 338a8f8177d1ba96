package dev.runbook.engine.transport;

/** What {@link Transport#stat} observed. {@code mode} holds the permission bits only (e.g. 0644). */
public record FileInfo(String path, boolean directory, long size, int mode, String owner, String group) {
}
