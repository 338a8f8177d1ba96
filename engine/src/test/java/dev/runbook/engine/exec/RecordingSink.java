package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every event (the executor delivers them one at a time). */
final class RecordingSink implements EventSink {

    final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void accept(Event event) {
        events.add(event);
    }

    synchronized List<Event.HostFinished> finished() {
        return events.stream().filter(e -> e instanceof Event.HostFinished).map(e -> (Event.HostFinished) e).toList();
    }

    synchronized Optional<Event.HostFinished> result(String step, String host) {
        return finished().stream().filter(f -> f.step().equals(step) && f.host().equals(host)).findFirst();
    }

    String status(String step, String host) {
        return result(step, host).map(Event.HostFinished::status).orElse("not run");
    }

    synchronized List<Event.UndoHostFinished> undos() {
        return events.stream().filter(e -> e instanceof Event.UndoHostFinished).map(e -> (Event.UndoHostFinished) e).toList();
    }

    synchronized Event.RunFinished runFinished() {
        return events.stream().filter(e -> e instanceof Event.RunFinished).map(e -> (Event.RunFinished) e).findFirst().orElseThrow();
    }
}
