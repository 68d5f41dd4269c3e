package io.slaflow.classify;

import io.slaflow.classify.ClassificationRules.KeywordRule;
import io.slaflow.classify.ClassificationRules.SourceRule;
import io.slaflow.classify.ClassificationRules.TierFloor;
import io.slaflow.event.TicketEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a new ticket its priority tier, following the precedence documented on {@link ClassificationRules}:
 * <ol>
 *   <li>the event's explicit {@code priority}, when the rules honor it and it names a known tier (compared
 *       ignoring case and surrounding blanks) — rule id {@value #EXPLICIT_PRIORITY};</li>
 *   <li>otherwise the most severe matching source or keyword rule; on equal severity a source rule beats a
 *       keyword rule, then the rule declared first wins;</li>
 *   <li>otherwise the default tier — rule id {@value #DEFAULT};</li>
 *   <li>then client-tier floors: of the floors for the client's tier (and, when the floor names one, the event's
 *       source), the most severe (first declared on a tie) raises the tier if it is more severe, never lowers it,
 *       and is recorded in {@link Classification#raisedBy()}.</li>
 * </ol>
 * Source rules compare {@code source} and each attribute value ({@link TicketEvent#attribute}) ignoring case;
 * a source rule with a null source matches on its attributes alone. Floors compare client tier and source
 * ignoring case. Keyword matching is described on {@link KeywordMatcher}.
 *
 * <p>Built once per policy version; immutable and thread-safe. {@link #classify} allocates nothing of its own
 * except when a floor raises a tier (decisions are prebuilt; {@code attribute()} may allocate).
 */
public final class Classifier {

    public static final String EXPLICIT_PRIORITY = "explicit-priority";
    public static final String DEFAULT = "default";

    private final String[] tiers;
    private final boolean honorExplicitPriority;
    private final Classification[] explicitByRank;
    private final Classification byDefault;
    private final int defaultRank;

    private final CompiledSourceRule[] sourceRules;
    private final Classification[] bySourceRule;

    private final KeywordMatcher keywords;
    private final int[] keywordRank;
    private final Classification[] byKeywordRule;

    private final CompiledFloor[] floors;

    /**
     * @param rules            the classification section of a policy
     * @param tiersBySeverity  the policy's tier ids, most severe first (index = severity rank)
     * @throws IllegalArgumentException when a rule names an unknown tier, ids clash, or a rule is malformed
     */
    public Classifier(ClassificationRules rules, List<String> tiersBySeverity) {
        tiers = validTiers(tiersBySeverity);
        Set<String> ruleIds = new HashSet<>(List.of(EXPLICIT_PRIORITY, DEFAULT));

        honorExplicitPriority = rules.honorExplicitPriority();
        explicitByRank = new Classification[tiers.length];
        for (int rank = 0; rank < tiers.length; rank++) {
            explicitByRank[rank] = new Classification(tiers[rank], EXPLICIT_PRIORITY, null);
        }
        defaultRank = rankOf(rules.defaultTier(), "defaultTier");
        byDefault = new Classification(tiers[defaultRank], DEFAULT, null);

        List<SourceRule> sources = orEmpty(rules.sourceRules());
        sourceRules = new CompiledSourceRule[sources.size()];
        bySourceRule = new Classification[sources.size()];
        for (int i = 0; i < sourceRules.length; i++) {
            SourceRule rule = sources.get(i);
            uniqueId(rule.id(), "source rule", ruleIds);
            int rank = rankOf(rule.tier(), "source rule '" + rule.id() + "'");
            sourceRules[i] = CompiledSourceRule.of(rule, rank);
            bySourceRule[i] = new Classification(tiers[rank], rule.id(), null);
        }

        List<KeywordRule> keywordRules = orEmpty(rules.keywordRules());
        keywordRank = new int[keywordRules.size()];
        byKeywordRule = new Classification[keywordRules.size()];
        for (int i = 0; i < keywordRank.length; i++) {
            KeywordRule rule = keywordRules.get(i);
            uniqueId(rule.id(), "keyword rule", ruleIds);
            keywordRank[i] = rankOf(rule.tier(), "keyword rule '" + rule.id() + "'");
            byKeywordRule[i] = new Classification(tiers[keywordRank[i]], rule.id(), null);
        }
        keywords = new KeywordMatcher(keywordRules, keywordRank);

        List<TierFloor> floorList = orEmpty(rules.floors());
        floors = new CompiledFloor[floorList.size()];
        for (int i = 0; i < floors.length; i++) {
            TierFloor floor = floorList.get(i);
            uniqueId(floor.id(), "floor", ruleIds);
            if (floor.clientTier() == null || floor.clientTier().isBlank()) {
                throw new IllegalArgumentException("floor '" + floor.id() + "' names no client tier");
            }
            int rank = rankOf(floor.atLeast(), "floor '" + floor.id() + "'");
            floors[i] = new CompiledFloor(floor.id(), floor.clientTier(), floor.source(), rank);
        }
    }

    /**
     * Classifies a new ticket.
     *
     * @param clientTier the client's commercial tier ({@code ClientProfile.clientTier()}); null = no floor applies
     */
    public Classification classify(TicketEvent event, String clientTier) {
        Classification decision = decide(event);
        return applyFloors(decision, event.source, clientTier);
    }

    /** The matcher behind the keyword rules (for explanations: {@link KeywordMatcher#matchingRules}). */
    public KeywordMatcher keywordMatcher() {
        return keywords;
    }

    private Classification decide(TicketEvent event) {
        if (honorExplicitPriority && event.priority != null) {
            int rank = explicitRank(event.priority);
            if (rank >= 0) {
                return explicitByRank[rank];
            }
        }
        int bestSource = -1;
        for (int i = 0; i < sourceRules.length; i++) {
            if ((bestSource < 0 || sourceRules[i].rank < sourceRules[bestSource].rank)
                    && sourceRules[i].matches(event)) {
                bestSource = i;
            }
        }
        int sourceRank = bestSource < 0 ? Integer.MAX_VALUE : sourceRules[bestSource].rank;
        // A keyword rule wins only when strictly more severe, so a most-severe source match makes the scan moot.
        if (sourceRank > 0) {
            int keyword = keywords.bestRule(event.subject, event.description);
            if (keyword != KeywordMatcher.NO_MATCH && keywordRank[keyword] < sourceRank) {
                return byKeywordRule[keyword];
            }
        }
        return bestSource >= 0 ? bySourceRule[bestSource] : byDefault;
    }

    private Classification applyFloors(Classification decision, String source, String clientTier) {
        if (clientTier == null || floors.length == 0) {
            return decision;
        }
        CompiledFloor best = null;
        for (CompiledFloor floor : floors) {
            if ((best == null || floor.rank < best.rank) && floor.appliesTo(clientTier, source)) {
                best = floor;
            }
        }
        if (best == null || best.rank >= rankOf(decision)) {
            return decision;
        }
        return new Classification(tiers[best.rank], decision.ruleId(), best.id);
    }

    private int rankOf(Classification decision) {
        for (int rank = 0; rank < tiers.length; rank++) {
            if (tiers[rank].equals(decision.tier())) {
                return rank;
            }
        }
        throw new IllegalStateException("decision on unknown tier " + decision.tier());
    }

    /** The rank of the tier an explicit priority names, or -1 (unknown tiers are ignored, not errors). */
    private int explicitRank(String priority) {
        String p = priority.strip();
        for (int rank = 0; rank < tiers.length; rank++) {
            if (tiers[rank].equalsIgnoreCase(p)) {
                return rank;
            }
        }
        return -1;
    }

    private int rankOf(String tier, String where) {
        for (int rank = 0; rank < tiers.length; rank++) {
            if (tiers[rank].equals(tier)) {
                return rank;
            }
        }
        throw new IllegalArgumentException(
                where + " names unknown tier '" + tier + "'; known tiers: " + String.join(", ", tiers));
    }

    private static String[] validTiers(List<String> tiersBySeverity) {
        if (tiersBySeverity == null || tiersBySeverity.isEmpty()) {
            throw new IllegalArgumentException("no tiers given");
        }
        Set<String> folded = new HashSet<>();
        for (String tier : tiersBySeverity) {
            if (tier == null || tier.isBlank()) {
                throw new IllegalArgumentException("blank tier id in " + tiersBySeverity);
            }
            // Explicit priorities are matched ignoring case, so tiers differing only by case would be ambiguous.
            if (!folded.add(tier.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "duplicate tier id '" + tier + "' (ignoring case) in " + tiersBySeverity);
            }
        }
        return tiersBySeverity.toArray(String[]::new);
    }

    private static void uniqueId(String id, String kind, Set<String> seen) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(kind + " without an id");
        }
        if (!seen.add(id)) {
            throw new IllegalArgumentException(kind + " id '" + id + "' is reserved or already used by another rule");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A source rule with its attributes in arrays, so matching iterates without allocating. */
    private record CompiledSourceRule(String source, String[] keys, String[] values, int rank) {

        static CompiledSourceRule of(SourceRule rule, int rank) {
            Map<String, String> attributes = rule.attributes() == null ? Map.of() : rule.attributes();
            if (rule.source() == null && attributes.isEmpty()) {
                throw new IllegalArgumentException("source rule '" + rule.id()
                        + "' has neither a source nor attributes: it would match every ticket (use defaultTier)");
            }
            String[] keys = new String[attributes.size()];
            String[] values = new String[attributes.size()];
            int i = 0;
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException(
                            "source rule '" + rule.id() + "' has a null attribute name or value");
                }
                keys[i] = e.getKey();
                values[i++] = e.getValue();
            }
            return new CompiledSourceRule(rule.source(), keys, values, rank);
        }

        boolean matches(TicketEvent event) {
            if (source != null && !source.equalsIgnoreCase(event.source)) {
                return false;
            }
            for (int i = 0; i < keys.length; i++) {
                if (!values[i].equalsIgnoreCase(event.attribute(keys[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private record CompiledFloor(String id, String clientTier, String source, int rank) {

        boolean appliesTo(String eventClientTier, String eventSource) {
            return clientTier.equalsIgnoreCase(eventClientTier)
                    && (source == null || source.equalsIgnoreCase(eventSource));
        }
    }
}
