package dev.runbook.engine.source;

/**
 * A place in a source file, 1-based, as printed in every located message: {@code file:line:col}.
 * {@code line} and {@code col} are 0 when unknown (for example for values given with {@code -e}).
 */
public record SourcePos(String file, int line, int col) {

    public static final SourcePos UNKNOWN = new SourcePos("<unknown>", 0, 0);

    public static SourcePos of(String file) {
        return new SourcePos(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return col <= 0 ? file + ":" + line : file + ":" + line + ":" + col;
    }
}
