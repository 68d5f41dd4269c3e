package io.slaflow.adherence;

import io.slaflow.policy.Metric;

/**
 * A signed change to one hourly bucket of one series (client × tier × metric). Emitted per ticket when its
 * outcome changes, merged before the per-client key ({@link AdherenceBundler}), summed into buckets by
 * {@link AdherenceAggregator}.
 *
 * @param hourStart the UTC hour the change belongs to (epoch ms, a multiple of one hour)
 */
public record AdherenceFragment(
        String clientId, boolean unlistedClient, String tier, Metric metric, long hourStart, AdherenceCounts counts) {

    public static final long HOUR_MS = 3_600_000L;

    public static long hourOf(long epochMs) {
        return epochMs - Math.floorMod(epochMs, HOUR_MS);
    }

    /** The per-series key the aggregator is keyed by. */
    public String seriesKey() {
        return seriesKey(clientId, tier, metric);
    }

    public static String seriesKey(String clientId, String tier, Metric metric) {
        return clientId + '|' + tier + '|' + metric;
    }

    /** This fragment plus another of the same series and hour. */
    public AdherenceFragment plus(AdherenceFragment other) {
        AdherenceCounts sum = counts.copy();
        sum.add(other.counts);
        return new AdherenceFragment(clientId, unlistedClient, tier, metric, hourStart, sum);
    }
}
