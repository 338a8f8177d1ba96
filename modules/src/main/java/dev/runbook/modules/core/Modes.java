package dev.runbook.modules.core;

/**
 * Reads a {@code mode} argument. A string is octal ("0644", "644", "0o644"). A YAML 1.2 integer
 * {@code 0644} arrives as decimal 644, so an integer is read by its decimal digits as octal digits
 * (644 → 0644); that is what an author writing {@code mode: 0644} or {@code mode: 644} means.
 */
final class Modes {

    private Modes() {
    }

    /** The mode bits, or null when no mode was given. */
    static Integer parse(Object value) {
        if (value == null) {
            return null;
        }
        String digits = value instanceof Number n ? Long.toString(n.longValue()) : value.toString().strip();
        if (digits.startsWith("0o") || digits.startsWith("0O")) {
            digits = digits.substring(2);
        }
        if (!digits.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("mode '" + value + "' is not an octal file mode; write it as a string such as \"0644\" or \"0755\"");
        }
        return Integer.parseInt(digits, 8);
    }

    static String format(int mode) {
        return String.format("%04o", mode);
    }
}
