package dev.runbook.engine.template;

import dev.runbook.engine.source.SourcePos;

/** A template could not be rendered; the message names where (file:line) and what was undefined or wrong. */
public class TemplateException extends Exception {

    private final SourcePos pos;
    private final String reason;

    public TemplateException(SourcePos pos, String reason, Throwable cause) {
        super(pos + ": " + reason, cause);
        this.pos = pos;
        this.reason = reason;
    }

    public SourcePos pos() {
        return pos;
    }

    public String reason() {
        return reason;
    }
}
