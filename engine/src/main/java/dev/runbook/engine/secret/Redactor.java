package dev.runbook.engine.secret;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces every occurrence of a secret value with {@value #MASK}, in strings and deeply in maps and
 * lists. Besides the plain value it masks the forms a value takes on its way through commands and
 * records: JSON-escaped, URL-encoded, shell-quoted (single and double quotes) and base64 of the exact
 * value (standard, unpadded, URL-safe). A multi-line secret (a key file) also masks each of its lines
 * of {@value #MIN_LINE_LENGTH} or more characters, since tools print keys line by line.
 * Forms shorter than {@link Secrets#MIN_LENGTH} characters are never masked: they would hit
 * ordinary text everywhere. Overlapping or adjacent hits become one mask. Immutable, thread-safe.
 */
public final class Redactor {

    public static final String MASK = "******";
    static final int MIN_LINE_LENGTH = 8;

    /** Masks nothing. */
    public static final Redactor NONE = new Redactor(Set.of());

    private final AhoCorasick matcher;
    private final boolean empty;

    private Redactor(Set<String> forms) {
        this.empty = forms.isEmpty();
        this.matcher = empty ? null : new AhoCorasick(forms);
    }

    /** A redactor for these secret values (values shorter than {@link Secrets#MIN_LENGTH} are ignored). */
    public static Redactor of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String s : secrets) {
            forms.addAll(forms(s));
        }
        forms.removeIf(f -> f.length() < Secrets.MIN_LENGTH);
        return forms.isEmpty() ? NONE : new Redactor(forms);
    }

    /** The text with every secret form replaced by {@value #MASK}; null stays null. */
    public String redact(String text) {
        if (empty || text == null || text.isEmpty()) {
            return text;
        }
        List<int[]> runs = matcher.runs(text);
        if (runs.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (int[] run : runs) {
            sb.append(text, at, run[0]).append(MASK);
            at = run[1];
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** True when the text contains any secret form. */
    public boolean containsSecret(String text) {
        return !empty && text != null && matcher.cover(text) != null;
    }

    /**
     * A copy of a value with every string masked: map keys and values, list items, arrays. Numbers
     * whose decimal text contains a secret become masked strings. Other objects are returned as-is.
     */
    public Object redactDeep(Object value) {
        if (empty || value == null) {
            return value;
        }
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(redactDeep(e.getKey()), redactDeep(e.getValue()));
            }
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(redactDeep(item));
            }
            return copy;
        }
        if (value instanceof Object[] array) {
            List<Object> copy = new ArrayList<>(array.length);
            for (Object item : array) {
                copy.add(redactDeep(item));
            }
            return copy;
        }
        if (value instanceof Number || value instanceof CharSequence) {
            String text = value.toString();
            return containsSecret(text) ? redact(text) : value;
        }
        return value;
    }

    /** The forms of one secret value that get masked. */
    static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        if (secret == null || secret.length() < Secrets.MIN_LENGTH) {
            return forms;
        }
        forms.add(secret);
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        // inside '...': ' becomes '"'"' (Python shlex.quote) or '\'' (common shell style)
        forms.add(secret.replace("'", "'\"'\"'"));
        forms.add(secret.replace("'", "'\\''"));
        // inside "...": \ " $ ` are backslash-escaped
        forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`"));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(b64);
        forms.add(stripPadding(b64));
        forms.add(stripPadding(Base64.getUrlEncoder().encodeToString(bytes)));
        if (secret.indexOf('\n') >= 0) {
            for (String line : secret.split("\r?\n")) {
                String trimmed = line.strip();
                if (trimmed.length() >= MIN_LINE_LENGTH) {
                    forms.add(trimmed);
                }
            }
        }
        return forms;
    }

    private static String stripPadding(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }

    @Override
    public String toString() {
        return "Redactor[" + (empty ? "nothing" : "masking") + "]";
    }
}
