package dev.runbook.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes SIGINT (Ctrl-C) and SIGTERM (a service manager or CI stopping the engine) to the executor's
 * cancel while a run is in progress, instead of the JVM's default of exiting at once (which would
 * leave commands running, the lock held and no record of the outcome). The first signal stops new
 * work; a second one kills running commands. The previous handlers come back on close.
 */
final class Interrupts implements AutoCloseable {

    private final Map<Signal, SignalHandler> previous;

    private Interrupts(Map<Signal, SignalHandler> previous) {
        this.previous = previous;
    }

    static Interrupts onSigint(Runnable cancel) {
        Map<Signal, SignalHandler> prev = new LinkedHashMap<>();
        for (String name : new String[]{"INT", "TERM"}) {
            Signal sig = new Signal(name);
            prev.put(sig, Signal.handle(sig, s -> cancel.run()));
        }
        return new Interrupts(prev);
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
