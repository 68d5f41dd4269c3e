package io.slaflow.adherence;

import io.slaflow.policy.Metric;

/**
 * One {@code sla-adherence} document: the figures of one series (client × tier × metric) over one window.
 * Hourly documents are identified by their hour, rolling ones by their window alone, so each update overwrites
 * the previous value and a replay overwrites instead of duplicating.
 *
 * @param adherencePercent MET / decided × 100; NaN when nothing was decided
 * @param p50Ms            percentiles and mean of the time to satisfy (see {@link TargetContribution}); -1 when
 *                         nothing was satisfied in the window
 * @param updatedAt        the event time the figures are as of
 */
public record AdherenceDocument(
        String id,
        String clientId,
        boolean unlistedClient,
        String tier,
        Metric metric,
        String window,
        long bucketStart,
        long bucketEnd,
        long met,
        long breached,
        long decided,
        double adherencePercent,
        long satisfied,
        long p50Ms,
        long p90Ms,
        long p99Ms,
        long meanMs,
        long updatedAt) {

    public static AdherenceDocument of(
            SeriesId series, AdherenceWindow window, long start, long end, AdherenceCounts c, long updatedAt) {
        String id = window == AdherenceWindow.HOUR
                ? series.key() + '|' + window.label + '|' + java.time.Instant.ofEpochMilli(start)
                : series.key() + '|' + window.label;
        return new AdherenceDocument(
                id,
                series.clientId(),
                series.unlistedClient(),
                series.tier(),
                series.metric(),
                window.label,
                start,
                end,
                c.met,
                c.breached,
                c.decided(),
                c.adherencePercent(),
                c.satisfied,
                c.percentileMs(0.50),
                c.percentileMs(0.90),
                c.percentileMs(0.99),
                c.meanMs(),
                updatedAt);
    }

    /** Which series a document or a bucket belongs to. */
    public record SeriesId(String clientId, boolean unlistedClient, String tier, Metric metric) {
        public static SeriesId of(AdherenceFragment f) {
            return new SeriesId(f.clientId(), f.unlistedClient(), f.tier(), f.metric());
        }

        public String key() {
            return AdherenceFragment.seriesKey(clientId, tier, metric);
        }
    }
}
