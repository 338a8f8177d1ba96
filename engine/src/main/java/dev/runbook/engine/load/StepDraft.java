package dev.runbook.engine.load;

import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.transport.Become;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One step as written in one file, before includes are expanded and ids prefixed. */
final class StepDraft {
    String id;
    SourcePos pos;
    String name;
    ModuleCall call;
    String hosts;
    final List<String> needs = new ArrayList<>();
    /** Where each (file-local) need is written. */
    final Map<String, SourcePos> needPos = new LinkedHashMap<>();
    String when;
    String register;
    int retries;
    String until;
    Duration delay;
    Duration timeout;
    Serial serial;
    boolean runOnce;
    boolean ignoreErrors;
    final Set<String> tags = new LinkedHashSet<>();
    Become become;
    ModuleCall undo;
    final Map<String, Object> vars = new LinkedHashMap<>();
    /** Where each field (and each step var, as {@code vars.<name>}) is written. */
    final Map<String, SourcePos> fieldPos = new LinkedHashMap<>();
    String include;
    SourcePos includePos;

    boolean isInclude() {
        return include != null;
    }
}
