package dev.runbook.engine.load;

import dev.runbook.engine.model.Step;
import dev.runbook.engine.source.SourcePos;

import java.util.List;
import java.util.Map;

/**
 * A loaded step with where each of its parts is written, for checks that need the inventory or the
 * extra vars (host patterns, templates) and still must point at the right line.
 *
 * @param fields    field name ({@code hosts}, {@code when}, {@code until}, {@code vars.<name>}, ...) → position
 * @param needPos   each (expanded, prefixed) id in {@code needs} → where that need is written
 * @param includes  include steps this step came through, outermost first (empty for the runbook's own steps)
 */
public record StepSource(Step step, Map<String, SourcePos> fields, Map<String, SourcePos> needPos, List<String> includes) {

    public StepSource {
        fields = Map.copyOf(fields);
        needPos = Map.copyOf(needPos);
        includes = List.copyOf(includes);
    }

    public SourcePos pos(String field) {
        return fields.getOrDefault(field, step.pos());
    }
}
