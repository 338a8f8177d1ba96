package dev.runbook.engine.plan;

import java.util.Set;

/**
 * Command-line selections applied while planning.
 *
 * @param limit    host pattern the step hosts are intersected with ({@code --limit}), or null
 * @param tags     only steps carrying one of these tags (or {@code always}) are planned; empty = every step
 * @param skipTags steps carrying one of these tags are left out (wins over {@code tags})
 */
public record PlanOptions(String limit, Set<String> tags, Set<String> skipTags) {

    /** Tag that keeps a step in the plan whatever {@code --tags} says (only {@code --skip-tags always} drops it). */
    public static final String ALWAYS = "always";

    public static final PlanOptions ALL = new PlanOptions(null, Set.of(), Set.of());

    public PlanOptions {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        skipTags = skipTags == null ? Set.of() : Set.copyOf(skipTags);
        limit = limit == null || limit.isBlank() ? null : limit.trim();
    }

    /** Whether a step with these tags is selected. {@code --tags all} selects every step. */
    public boolean selects(Set<String> stepTags) {
        if (stepTags.stream().anyMatch(skipTags::contains)) {
            return false;
        }
        return tags.isEmpty() || tags.contains("all") || stepTags.contains(ALWAYS)
                || stepTags.stream().anyMatch(tags::contains);
    }
}
