package dev.runbook.engine.transport;

/** Receives a command's output while it runs, line by line, stdout and stderr separately. */
public interface OutputListener {

    void stdout(String line);

    void stderr(String line);
}
