package io.slaflow.simulate;

import java.time.YearMonth;
import java.util.List;

/**
 * One client's calendar month (in the client's time zone) under one policy, per tier: the targets met and decided over
 * both of the tier's targets, each counted in the month holding the instant it was decided (MET at its satisfaction,
 * BREACHED at its breach), as the client reports count. What a contract's service-credit rule judges.
 *
 * @param partial the history does not cover the whole month (its first or last month)
 * @param tiers   in the policy's tier order; a tier that decided nothing in the month is left out
 */
public record ClientMonth(String clientId, YearMonth month, boolean partial, List<TierTally> tiers) {

    /** One tier's month. */
    public record TierTally(String tier, long met, long decided) {}
}
