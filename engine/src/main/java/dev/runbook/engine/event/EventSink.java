package dev.runbook.engine.event;

import java.util.List;

/**
 * Receives the events of a run. The executor calls it from one thread at a time and in order,
 * so implementations need no locking of their own for the events.
 */
@FunctionalInterface
public interface EventSink {

    void accept(Event event);

    /** Called once after the last event (flush files, stop progress tickers). */
    default void close() {
    }

    static EventSink all(List<? extends EventSink> sinks) {
        List<EventSink> copy = List.copyOf(sinks);
        return new EventSink() {
            @Override
            public void accept(Event event) {
                copy.forEach(s -> s.accept(event));
            }

            @Override
            public void close() {
                copy.forEach(EventSink::close);
            }
        };
    }
}
