package io.slaflow.adherence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.adherence.AdherenceCounts;
import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.adherence.AdherenceDocument.SeriesId;
import io.slaflow.adherence.AdherenceFragment;
import io.slaflow.adherence.AdherenceSettings;
import io.slaflow.adherence.AdherenceWindow;
import io.slaflow.policy.Metric;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * A replay keeps the last publication of each adherence document (the replay's {@code adherence.jsonl}), so its
 * aggregator publishes only those: checked here against the figures worked out from the fragments themselves, over
 * histories of up to 80 days with corrections to earlier hours, series that end (every bucket 30 days old) before the
 * as-of time and series still open at it.
 */
class ReplayAdherenceProperties {
    private static final long H = AdherenceFragment.HOUR_MS;
    private static final long DAY = 24 * H;
    private static final long MONTH = AdherenceWindow.MONTH.lengthMs();
    private static final long START = 1_790_000_000_000L - Math.floorMod(1_790_000_000_000L, H);
    private static final List<String> CLIENTS = List.of("acme", "globex", "initech");

    @Property(tries = 60)
    void theLastDocumentOfEachIdIsTheFiguresAsOfTheAsOfTime(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        long asOf = START + (20 + r.nextInt(60)) * DAY + r.nextInt(3_600_000);
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AdherenceAggregator(AdherenceSettings.live(Duration.ofDays(31))
                        .withEmitUntil(asOf)
                        .withEmitEvery(Duration.ofSeconds(1))),
                AdherenceFragment::seriesKey,
                Types.STRING);
        // what the fragments add up to, per series and hour
        Map<SeriesId, TreeMap<Long, AdherenceCounts>> expected = new HashMap<>();
        long now = START;
        // a client falls silent partway through, so its series can end before the as-of time
        Map<String, Long> silentFrom = new HashMap<>();
        for (String c : CLIENTS) silentFrom.put(c, START + r.nextInt((int) ((asOf - START) / H)) * H);
        while (true) {
            now += r.nextInt(40 * 60_000);
            if (now > asOf) break;
            String client = CLIENTS.get(r.nextInt(CLIENTS.size()));
            if (now > silentFrom.get(client)) continue;
            // an outcome counts in the hour of its target's start, up to three days back, and may take one back
            long hour = AdherenceFragment.hourOf(now) - r.nextInt(72) * H;
            AdherenceCounts c = new AdherenceCounts();
            c.met = r.nextInt(5) - 1;
            c.breached = r.nextInt(3);
            AdherenceFragment f =
                    new AdherenceFragment(client, false, r.nextBoolean() ? "P1" : "P3", Metric.RESPONSE, hour, c);
            h.processWatermark(now - 1);
            h.processElement(f, now);
            expected.computeIfAbsent(SeriesId.of(f), k -> new TreeMap<>())
                    .computeIfAbsent(hour, k -> new AdherenceCounts())
                    .add(c);
        }
        h.processWatermark(Long.MAX_VALUE);
        List<AdherenceDocument> published = h.extractOutputValues();

        Map<String, AdherenceDocument> last = new HashMap<>();
        for (AdherenceDocument d : published) last.put(d.id(), d);
        Map<String, AdherenceDocument> worked = new HashMap<>();
        expected.forEach((series, hours) -> {
            hours.forEach((hour, counts) ->
                    put(worked, AdherenceDocument.of(series, AdherenceWindow.HOUR, hour, hour + H, counts, asOf)));
            // a series ends when its newest bucket leaves the 30 d window; its figures are then those of that moment
            long asOfSeries = Math.min(asOf, hours.lastKey() + MONTH);
            for (AdherenceWindow w : AdherenceWindow.ROLLING) {
                AdherenceCounts sum = new AdherenceCounts();
                hours.subMap(w.startAsOf(asOfSeries), true, AdherenceFragment.hourOf(asOfSeries), true)
                        .values()
                        .forEach(sum::add);
                put(worked, AdherenceDocument.of(series, w, w.startAsOf(asOfSeries), w.endAsOf(asOfSeries), sum, asOf));
            }
        });
        assertThat(last).isEqualTo(worked);
        Map<String, Long> rollingPublications = published.stream()
                .filter(d -> !d.window().equals(AdherenceWindow.HOUR.label))
                .collect(Collectors.groupingBy(AdherenceDocument::id, Collectors.counting()));
        assertThat(rollingPublications)
                .as("each series' rolling figures published once, not at every tick")
                .allSatisfy((id, n) -> assertThat(n).isOne());
        h.close();
    }

    private static void put(Map<String, AdherenceDocument> docs, AdherenceDocument d) {
        docs.put(d.id(), d);
    }
}
