package dev.runbook.engine.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbook.engine.template.SimpleFilter.Failure;
import io.pebbletemplates.pebble.extension.Filter;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Type conversion filters Jinja users expect: int, float, string, bool, to_json, from_json. */
final class ConversionFilters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConversionFilters() {
    }

    static Map<String, Filter> all() {
        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put("int", new SimpleFilter("int", List.of("default"), ConversionFilters::toInt));
        filters.put("float", new SimpleFilter("float", List.of("default"), ConversionFilters::toFloat));
        filters.put("string", new SimpleFilter("string", List.of(), (in, args) -> in == null ? "" : String.valueOf(in)));
        filters.put("bool", new SimpleFilter("bool", List.of(), (in, args) -> toBool(in)));
        filters.put("to_json", new SimpleFilter("to_json", List.of("indent"), ConversionFilters::toJson));
        filters.put("from_json", new SimpleFilter("from_json", List.of(), (in, args) -> fromJson(in)));
        return filters;
    }

    private static Object toInt(Object in, Map<String, Object> args) {
        try {
            if (in instanceof Number n) {
                return n.longValue();
            }
            if (in instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (in != null) {
                String s = in.toString().strip().replace("_", "");
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException notWhole) {
                    return new BigDecimal(s).longValue();
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the default or the error below
        }
        if (args.containsKey("default")) {
            return args.get("default");
        }
        throw new Failure("cannot convert " + describe(in) + " to an integer (give a fallback: | int(0))");
    }

    private static Object toFloat(Object in, Map<String, Object> args) {
        try {
            if (in instanceof Number n) {
                return n.doubleValue();
            }
            if (in != null) {
                return Double.parseDouble(in.toString().strip());
            }
        } catch (NumberFormatException e) {
            // fall through to the default or the error below
        }
        if (args.containsKey("default")) {
            return args.get("default");
        }
        throw new Failure("cannot convert " + describe(in) + " to a number (give a fallback: | float(0.0))");
    }

    static boolean toBool(Object in) {
        if (in instanceof Boolean b) {
            return b;
        }
        if (in == null) {
            return false;
        }
        if (in instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = in.toString().strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "true", "yes", "on", "y", "1":
                return true;
            case "false", "no", "off", "n", "0", "":
                return false;
            default:
                throw new Failure("cannot convert " + describe(in)
                        + " to a boolean (true/yes/on/1 or false/no/off/0)");
        }
    }

    private static Object toJson(Object in, Map<String, Object> args) {
        try {
            Object indent = args.get("indent");
            boolean pretty = indent instanceof Number n && n.intValue() > 0;
            return (pretty ? PRETTY : JSON).writeValueAsString(in);
        } catch (JsonProcessingException e) {
            throw new Failure("cannot write a " + in.getClass().getSimpleName() + " as JSON");
        }
    }

    private static Object fromJson(Object in) {
        if (in == null) {
            throw new Failure("input is null, expected a JSON text");
        }
        try {
            return JSON.readValue(in.toString(), Object.class);
        } catch (JsonProcessingException e) {
            throw new Failure("input is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A value as named in an error: its type and length, never the text (it may be secret). */
    static String describe(Object in) {
        if (in == null) {
            return "null";
        }
        if (in instanceof CharSequence cs) {
            return cs.length() == 0 ? "an empty string" : "a string of " + cs.length() + " characters";
        }
        return "a " + in.getClass().getSimpleName();
    }
}
