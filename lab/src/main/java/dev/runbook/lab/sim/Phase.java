package dev.runbook.lab.sim;

/** A node's life cycle, with the code its health check reports while not ready. */
public enum Phase {
    PREPARING("preparing", "APP_PREPARING"),
    INSTALLING("installing", "APP_INITIALIZING"),
    MIGRATING("migrating", "APP_COMMANDING"),
    SERVING("serving", null),
    FAILED("failed", "APP_ERROR"),
    STOPPED("stopped", "APP_STOPPED");

    private final String activity;
    private final String healthCode;

    Phase(String activity, String healthCode) {
        this.activity = activity;
        this.healthCode = healthCode;
    }

    /** The value stored in sim_activity.phase. */
    public String activity() {
        return activity;
    }

    public String healthCode() {
        return healthCode;
    }

    public boolean isSetup() {
        return this == INSTALLING || this == MIGRATING;
    }
}
