package dev.runbook.engine.template;

import dev.runbook.engine.source.SourcePos;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Per-render state that functions need but templates must not see as ordinary variables: where the
 * template comes from (file() resolves relative to it) and the slot receiving a native value.
 * It travels in the Pebble context under {@link #KEY}, added by an overlay so the caller's map is
 * neither copied nor modified.
 */
final class RenderScope {

    static final String KEY = "_runbook_scope";

    final SourcePos where;
    private Object value;
    private boolean captured;

    RenderScope(SourcePos where) {
        this.where = where;
    }

    void capture(Object v) {
        value = v != null && v.getClass().isArray() ? asList(v) : v;
        captured = true;
    }

    /**
     * Pebble's own filters return Java arrays in places ({@code split} gives a {@code String[]}),
     * which no runbook value type covers: modules take lists. A native value is never an array.
     */
    private static List<Object> asList(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(java.lang.reflect.Array.get(array, i));
        }
        return Collections.unmodifiableList(out);
    }

    boolean captured() {
        return captured;
    }

    Object value() {
        return value;
    }

    /** The variables plus this scope under {@link #KEY}. */
    Map<String, Object> overlay(Map<String, Object> vars) {
        return new Overlay(vars, this);
    }

    private static final class Overlay extends AbstractMap<String, Object> {
        private final Map<String, Object> base;
        private final RenderScope scope;

        Overlay(Map<String, Object> base, RenderScope scope) {
            this.base = base;
            this.scope = scope;
        }

        @Override
        public Object get(Object key) {
            return KEY.equals(key) ? scope : base.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return KEY.equals(key) || base.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, Object>> it = base.entrySet().iterator();
                    return new Iterator<>() {
                        private boolean extraDone;

                        @Override
                        public boolean hasNext() {
                            return it.hasNext() || !extraDone;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (it.hasNext()) {
                                return it.next();
                            }
                            if (extraDone) {
                                throw new NoSuchElementException();
                            }
                            extraDone = true;
                            return new SimpleImmutableEntry<>(KEY, scope);
                        }
                    };
                }

                @Override
                public int size() {
                    return base.size() + (base.containsKey(KEY) ? 0 : 1);
                }
            };
        }
    }
}
