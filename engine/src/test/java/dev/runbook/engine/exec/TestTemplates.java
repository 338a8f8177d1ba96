package dev.runbook.engine.exec;

import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.template.TemplateException;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Pebble-backed TemplateEngine for executor tests, until the template helper's engine is
 * merged: strict variables, no escaping; a string that is exactly {{ a.b }} keeps the value's type.
 */
final class TestTemplates implements TemplateEngine {

    private static final Pattern SINGLE = Pattern.compile("^\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}$");

    private final PebbleEngine pebble = new PebbleEngine.Builder().loader(new StringLoader()).strictVariables(true)
            .autoEscaping(false).newLineTrimming(false).build();

    @Override
    public String render(String template, Map<String, Object> vars, SourcePos where) throws TemplateException {
        try {
            StringWriter w = new StringWriter();
            pebble.getTemplate(template).evaluate(w, vars);
            return w.toString();
        } catch (Exception e) {
            throw new TemplateException(where, e.getMessage(), e);
        }
    }

    @Override
    public Object renderValue(Object value, Map<String, Object> vars, SourcePos where) throws TemplateException {
        if (value instanceof String s) {
            Matcher m = SINGLE.matcher(s.strip());
            if (m.matches()) {
                Object v = vars;
                for (String part : m.group(1).split("\\.")) {
                    if (!(v instanceof Map<?, ?> map) || !map.containsKey(part)) {
                        throw new TemplateException(where, "'" + m.group(1) + "' is undefined", null);
                    }
                    v = map.get(part);
                }
                return v;
            }
            return TemplateEngine.isTemplate(s) ? render(s, vars, where) : s;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), renderValue(e.getValue(), vars, where));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(renderValue(o, vars, where));
            }
            return out;
        }
        return value;
    }

    @Override
    public boolean test(String expression, Map<String, Object> vars, SourcePos where) throws TemplateException {
        return "true".equals(render("{% if " + expression + " %}true{% else %}false{% endif %}", vars, where));
    }
}
