package io.slaflow.adherence;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ticket × metric currently adds to adherence. The definitions the contract is judged by:
 * <ul>
 *   <li>a target is <b>decided</b> MET at the moment it is satisfied by its deadline, and BREACHED the instant its
 *       deadline passes unsatisfied (so a still-open breached ticket counts at once); it counts in the hour of
 *       that moment. A PENDING target counts nowhere;</li>
 *   <li>a target is <b>satisfied</b> when its response is sent or the ticket resolved, on time or late; its
 *       duration (wall-clock time from the start of the clock to satisfaction, pauses included) counts in the
 *       hour it was satisfied, for the time percentiles and means.</li>
 * </ul>
 * Outcomes can change after the fact (a reopen turns a MET resolution back to PENDING, a priority change
 * moves the ticket to another tier): the difference between the old and the new contribution is what flows on,
 * so buckets always equal the sum over the latest outcome of every ticket.
 *
 * @param decided     MET, BREACHED, or null while pending
 * @param decidedAt   when it was decided, or -1
 * @param satisfiedAt when the target was satisfied, or -1
 */
public record TargetContribution(
        String clientId,
        boolean unlistedClient,
        String tier,
        Metric metric,
        Outcome decided,
        long decidedAt,
        long satisfiedAt,
        long durationMs) {

    public static TargetContribution of(OutcomeUpdate u) {
        Outcome decided = null;
        long decidedAt = -1;
        if (u.outcome() == Outcome.MET) {
            decided = Outcome.MET;
            decidedAt = u.completedAt() >= 0 ? u.completedAt() : u.deadline();
        } else if (u.outcome() == Outcome.BREACHED) {
            decided = Outcome.BREACHED;
            decidedAt = u.breachedAt() >= 0 ? u.breachedAt() : u.deadline();
        }
        long satisfiedAt = u.completedAt();
        long duration = satisfiedAt >= 0 ? Math.max(0, satisfiedAt - u.startedAt()) : -1;
        return new TargetContribution(
                u.clientId(), u.unlistedClient(), u.tier(), u.metric(), decided, decidedAt, satisfiedAt, duration);
    }

    /**
     * The fragments that turn {@code before}'s contribution into {@code after}'s: one per series × hour that
     * changes, none when nothing does.
     *
     * @param before the previous contribution, or null for a new target
     */
    public static List<AdherenceFragment> changes(TargetContribution before, TargetContribution after) {
        Map<String, AdherenceFragment> byBucket = new LinkedHashMap<>(4);
        if (before != null) before.addTo(byBucket, -1);
        if (after != null) after.addTo(byBucket, +1);
        List<AdherenceFragment> out = new ArrayList<>(byBucket.size());
        for (AdherenceFragment f : byBucket.values()) {
            if (!f.counts().isEmpty()) out.add(f);
        }
        return out;
    }

    private void addTo(Map<String, AdherenceFragment> byBucket, int sign) {
        if (decided != null) {
            bucket(byBucket, decidedAt).counts().addDecision(decided, sign);
        }
        if (satisfiedAt >= 0) {
            bucket(byBucket, satisfiedAt).counts().addSatisfaction(durationMs, sign);
        }
    }

    private AdherenceFragment bucket(Map<String, AdherenceFragment> byBucket, long at) {
        long hour = AdherenceFragment.hourOf(at);
        return byBucket.computeIfAbsent(
                AdherenceFragment.seriesKey(clientId, tier, metric) + '@' + hour,
                k -> new AdherenceFragment(clientId, unlistedClient, tier, metric, hour, new AdherenceCounts()));
    }
}
