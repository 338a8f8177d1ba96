package dev.runbook.modules.support;

/**
 * POSIX shell quoting for the few places a value must be put into script text (a user-written
 * command line, a {@code cd} before a script). Plain words stay bare so commands read naturally.
 */
public final class Shell {

    private Shell() {
    }

    public static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
