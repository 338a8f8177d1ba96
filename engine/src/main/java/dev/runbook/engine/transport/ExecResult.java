package dev.runbook.engine.transport;

import java.time.Duration;

/**
 * What a command did. Output is kept whole up to a cap per stream (the transport says where it
 * truncated); listeners see everything.
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration took) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
