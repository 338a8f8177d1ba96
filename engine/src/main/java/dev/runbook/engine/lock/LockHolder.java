package dev.runbook.engine.lock;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a cluster lock, as read from the lock host.
 *
 * @param heartbeatAge how long ago the holder last refreshed the lock, measured on the lock host's clock
 */
public record LockHolder(String runId, String operator, Instant since, Duration heartbeatAge) {

    public String describe() {
        return "run " + runId + " by " + operator + " since " + since
                + " (last heartbeat " + heartbeatAge.toSeconds() + "s ago)";
    }
}
