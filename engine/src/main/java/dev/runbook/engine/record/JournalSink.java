package dev.runbook.engine.record;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventJson;
import dev.runbook.engine.event.EventSink;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Writes every event (already redacted by the executor) to the run's journal, one fsynced JSON line
 * each, so a run killed at any moment leaves a journal that {@code runbook resume} can continue from.
 * A failing disk must not stop a run half-way through a change: the first write error is reported
 * once through {@code warn} and later events are still attempted.
 */
public final class JournalSink implements EventSink {

    private final Journal journal;
    private final EventJson json = new EventJson();
    private final Consumer<String> warn;
    private boolean warned;

    public JournalSink(Journal journal, Consumer<String> warn) {
        this.journal = journal;
        this.warn = warn;
    }

    @Override
    public void accept(Event event) {
        try {
            journal.append(json.mapper().valueToTree(event));
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                warn.accept("cannot write the run journal: " + e.getMessage() + "; the run goes on, but resume may repeat steps");
            }
        }
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            warn.accept("cannot close the run journal: " + e.getMessage());
        }
    }
}
