package io.slaflow.classify;

import java.util.List;
import java.util.Map;

/**
 * The classification section of a policy: how a new ticket gets its priority tier.
 *
 * <p>Precedence (documented in the README, enforced by {@link Classifier}):
 * <ol>
 *   <li>An explicit priority on the event, when {@code honorExplicitPriority} and it names a known tier
 *       (rule id {@code explicit-priority}).</li>
 *   <li>Otherwise the most severe tier among all matching source rules and keyword rules; on a tie a source
 *       rule beats a keyword rule, then the rule declared first wins.</li>
 *   <li>Otherwise {@code defaultTier} (rule id {@code default}).</li>
 *   <li>Finally client-tier floors: a matching floor raises (never lowers) the tier. It applies over every step
 *       above, so "an enterprise client's monitoring ticket is never below P2" holds even against an explicit
 *       P3.</li>
 * </ol>
 */
public record ClassificationRules(
        String defaultTier,
        boolean honorExplicitPriority,
        List<KeywordRule> keywordRules,
        List<SourceRule> sourceRules,
        List<TierFloor> floors) {

    /** Searched fields of a keyword rule. */
    public enum Field {
        SUBJECT,
        DESCRIPTION
    }

    /**
     * Case-insensitive words or phrases matched at word boundaries ("db down" matches "Prod DB down!" but not
     * "db downtime"); any one phrase triggers the rule.
     */
    public record KeywordRule(String id, String tier, List<String> phrases, List<Field> fields) {}

    /**
     * Matches the event's {@code source} (e.g. monitoring) and, optionally, extra attributes of the event
     * (e.g. {@code severity: critical}), compared case-insensitively.
     */
    public record SourceRule(String id, String tier, String source, Map<String, String> attributes) {}

    /**
     * A minimum severity for tickets from clients of {@code clientTier}, optionally only from {@code source}
     * (null = any source).
     */
    public record TierFloor(String id, String clientTier, String source, String atLeast) {}
}
