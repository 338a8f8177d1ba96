package dev.runbook.lab.sim;

/** What the simulator treats as a procedure violation. */
public enum HazardKind {
    /** Two nodes installed or migrated the same database at the same time. */
    CONCURRENT_SETUP,
    /** A node answered an application request while another node migrated the schema to a different version. */
    SERVED_DURING_MIGRATION,
    /** A node served with a version different from the database's applicationVersion. */
    VERSION_MISMATCH,
    /** A node started against a schema newer than itself (a downgrade without restoring a backup). */
    NEWER_SCHEMA;

    public String code() {
        return name().toLowerCase();
    }

    public static HazardKind ofCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
