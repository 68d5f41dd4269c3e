package io.slaflow.jobs.prove;

import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.adherence.AdherenceFragment;
import io.slaflow.adherence.AdherenceSettings;
import io.slaflow.adherence.stream.AdherenceAggregator;
import io.slaflow.adherence.stream.AdherenceBundler;
import io.slaflow.adherence.stream.AdherenceContributions;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.sla.OutcomeUpdate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;

/**
 * Live adherence from the enforcer's outcome updates: per ticket (on the enforcer's own partitioning, so no
 * shuffle) → pre-aggregated per series and hour → keyed by series into hourly and rolling figures.
 */
public final class AdherenceGraph {
    /** Different buckets a pre-aggregation bundle holds before it is sent on regardless of the watermark. */
    static final int BUNDLE_ENTRIES = 10_000;

    private AdherenceGraph() {}

    /**
     * Adherence settings that match the enforcer's: a ticket's contribution is remembered as long as the enforcer
     * can still change its outcome (resolved retention or closed grace, plus the allowed lateness).
     */
    public static AdherenceSettings settingsFor(EnforcerSettings enforcer) {
        long retention =
                Math.max(enforcer.resolvedRetentionMs(), enforcer.closedGraceMs()) + enforcer.allowedLatenessMs();
        AdherenceSettings live = AdherenceSettings.live(java.time.Duration.ofMillis(retention));
        return enforcer.asOfMs() == Long.MAX_VALUE ? live : live.withEmitUntil(enforcer.asOfMs());
    }

    public static DataStream<AdherenceDocument> build(DataStream<OutcomeUpdate> outcomes, AdherenceSettings settings) {
        // the outcomes come out of the enforcer keyed by ticket: reuse that partitioning instead of shuffling again
        DataStream<AdherenceFragment> fragments = DataStreamUtils.reinterpretAsKeyedStream(
                        outcomes, OutcomeUpdate::ticketId)
                .process(new AdherenceContributions(settings))
                .name("adherence contributions")
                .uid("adherence-contributions");
        DataStream<AdherenceFragment> bundled = fragments
                .transform(
                        "adherence pre-aggregation",
                        TypeInformation.of(AdherenceFragment.class),
                        new AdherenceBundler(BUNDLE_ENTRIES))
                .uid("adherence-pre-aggregation");
        return bundled.keyBy(AdherenceFragment::seriesKey)
                .process(new AdherenceAggregator(settings))
                .name("adherence")
                .uid("adherence");
    }
}
