package dev.runbook.engine.secret;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The secret values of one run: values of variables declared {@code secret: true}, results of
 * {@code env()} and {@code secret_file()}, module arguments declared secret. Everything that leaves
 * the engine (output, events, registered results, run records, error messages) goes through
 * {@link #redactor()}. Thread-safe: hosts render and register secrets concurrently; adding
 * rebuilds the immutable {@link Redactor} (rare), masking reads a volatile snapshot (often).
 * Values shorter than {@link #MIN_LENGTH} characters are kept but never masked.
 */
public final class Secrets {

    /** Shorter values (and encoded forms) are not masked: "1" or "no" would mask ordinary text. */
    public static final int MIN_LENGTH = 3;

    private final Set<String> values = new LinkedHashSet<>();
    private volatile Redactor redactor = Redactor.NONE;

    /** Registers a secret value; null and already-known values are ignored. */
    public void add(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        synchronized (values) {
            if (values.add(value)) {
                redactor = Redactor.of(values);
            }
        }
    }

    public void addAll(Collection<String> newValues) {
        synchronized (values) {
            boolean changed = false;
            for (String v : newValues) {
                if (v != null && !v.isEmpty()) {
                    changed |= values.add(v);
                }
            }
            if (changed) {
                redactor = Redactor.of(values);
            }
        }
    }

    /** True when the exact value was registered as a secret. */
    public boolean isSecret(String value) {
        synchronized (values) {
            return values.contains(value);
        }
    }

    public int size() {
        synchronized (values) {
            return values.size();
        }
    }

    /** The current masking snapshot (it does not see secrets added later). */
    public Redactor redactor() {
        return redactor;
    }

    /** Shorthand for {@code redactor().redact(text)}. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** Shorthand for {@code redactor().redactDeep(value)}. */
    public Object redactDeep(Object value) {
        return redactor.redactDeep(value);
    }

    /** Never prints the values. */
    @Override
    public String toString() {
        return "Secrets[" + size() + " values]";
    }
}
