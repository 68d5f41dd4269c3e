package io.slaflow.policy;

import java.util.List;

/**
 * A priority tier: its targets, the calendar its clocks run on, at-risk warning points and escalation ladder.
 *
 * @param id         the tier id used everywhere (P1, P2, ...)
 * @param rank       0 = most severe; classification compares tiers by rank
 * @param calendarId a calendar id from the policy, or {@link #CLIENT_CALENDAR} for the client's own calendar
 * @param warnAt     at-risk warning points as fractions of the target, ascending, each in (0, 1)
 */
public record TierPolicy(
        String id,
        String name,
        int rank,
        String calendarId,
        SlaTarget response,
        SlaTarget resolution,
        List<Double> warnAt,
        List<EscalationStep> ladder) {

    /** Calendar reference meaning "the calendar of the ticket's client". */
    public static final String CLIENT_CALENDAR = "client";

    public SlaTarget target(Metric metric) {
        return metric == Metric.RESPONSE ? response : resolution;
    }

    /** This tier with a client's overridden targets applied (null override = keep). */
    public TierPolicy withTargets(SlaTarget responseOverride, SlaTarget resolutionOverride) {
        return new TierPolicy(
                id,
                name,
                rank,
                calendarId,
                responseOverride != null ? responseOverride : response,
                resolutionOverride != null ? resolutionOverride : resolution,
                warnAt,
                ladder);
    }
}
