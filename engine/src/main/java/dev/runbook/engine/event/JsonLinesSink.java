package dev.runbook.engine.event;

import java.io.PrintWriter;

/** {@code --json}: every event as one JSON object per line. */
public final class JsonLinesSink implements EventSink {

    private final PrintWriter out;
    private final EventJson json = new EventJson();

    public JsonLinesSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Event event) {
        out.println(json.write(event));
        out.flush();
    }
}
