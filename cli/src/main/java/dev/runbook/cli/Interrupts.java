package dev.runbook.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Routes SIGINT (Ctrl-C) to the executor's cancel while a run is in progress, instead of the JVM's
 * default of exiting at once (which would leave commands running and no record of the outcome).
 * The previous handler comes back on close.
 */
final class Interrupts implements AutoCloseable {

    private final Signal signal;
    private final SignalHandler previous;

    private Interrupts(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    static Interrupts onSigint(Runnable cancel) {
        Signal sig = new Signal("INT");
        SignalHandler prev = Signal.handle(sig, s -> cancel.run());
        return new Interrupts(sig, prev);
    }

    @Override
    public void close() {
        Signal.handle(signal, previous);
    }
}
