package dev.runbook.modules.ops;

/** POSIX shell quoting for the few places a path must be put into a user-written command line. */
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
