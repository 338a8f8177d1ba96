package dev.runbook.engine.yaml;

import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Sits between the YAML parser and the composer and stops a document before the composer's
 * recursion or alias expansion can hurt: nesting deeper than the limit, or too many aliases to
 * lists/maps. Failing here, on the event, gives the exact position of the offending node.
 */
final class GuardedParser implements Parser {

    /** A limit was crossed at {@code mark}. */
    static final class LimitExceeded extends RuntimeException {
        final transient Optional<Mark> mark;

        LimitExceeded(String message, Optional<Mark> mark) {
            super(message, null, false, false);
            this.mark = mark;
        }
    }

    private final Parser delegate;
    private final YamlLimits limits;
    private final Set<Anchor> collectionAnchors = new HashSet<>();
    private int depth;
    private int collectionAliases;

    GuardedParser(Parser delegate, YamlLimits limits) {
        this.delegate = delegate;
        this.limits = limits;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return delegate.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event event = delegate.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                depth++;
                if (depth > limits.maxDepth()) {
                    throw new LimitExceeded("nesting deeper than " + limits.maxDepth() + " levels", event.getStartMark());
                }
                ((CollectionStartEvent) event).getAnchor().ifPresent(collectionAnchors::add);
            }
            case MappingEnd, SequenceEnd -> depth--;
            case Alias -> {
                if (collectionAnchors.contains(((AliasEvent) event).getAlias())) {
                    collectionAliases++;
                    if (collectionAliases > limits.maxAliases()) {
                        throw new LimitExceeded("more than " + limits.maxAliases()
                                + " aliases to lists or maps", event.getStartMark());
                    }
                }
            }
            default -> {
                // other events carry no risk
            }
        }
        return event;
    }
}
