package io.slaflow.adherence;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.Outcome;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The rolling sums kept up to date against the sum of the buckets from scratch, which is what the adherence operator
 * published before: buckets created, changed (corrections included) and dropped at any hour, and the windows moved
 * by an hour, by days, by more than a month, and backwards (a replay's as-of time may lie behind a timer that already
 * fired).
 */
class RollingSumsProperties {
    private static final long H = AdherenceFragment.HOUR_MS;
    private static final long START = 1_790_000_000_000L - Math.floorMod(1_790_000_000_000L, H);

    @Property(tries = 300)
    void theSumsAlwaysEqualTheHeldBucketsSummedAfresh(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        TreeMap<Long, AdherenceCounts> buckets = new TreeMap<>();
        RollingSums sums = new RollingSums();
        long now = START;
        for (int step = 0; step < 400; step++) {
            int op = r.nextInt(10);
            if (op < 5) {
                long hour = now - Math.floorMod(now, H) + (r.nextInt(24 * 40) - 24 * 34) * H;
                AdherenceCounts delta = randomCounts(r);
                AdherenceCounts bucket = buckets.get(hour);
                if (bucket == null) {
                    buckets.put(hour, delta.copy());
                    sums.bucketCreated(hour);
                } else {
                    bucket.add(delta);
                }
                sums.changed(hour, delta);
            } else if (op < 6 && !buckets.isEmpty()) {
                Long[] held = buckets.keySet().toArray(new Long[0]);
                long hour = held[r.nextInt(held.length)];
                sums.dropped(hour, buckets::get);
                buckets.remove(hour);
            } else if (op < 7) {
                for (long hour : sums.expiredAsOf(now)) {
                    assertThat(hour + AdherenceWindow.MONTH.lengthMs())
                            .isLessThanOrEqualTo(AdherenceFragment.hourOf(now));
                    sums.dropped(hour, buckets::get);
                    buckets.remove(hour);
                }
                for (long hour : buckets.keySet()) {
                    assertThat(hour + AdherenceWindow.MONTH.lengthMs()).isGreaterThan(AdherenceFragment.hourOf(now));
                }
            } else {
                now += switch (r.nextInt(6)) {
                    case 0 -> r.nextInt(3_600_000);
                    case 1 -> H;
                    case 2 -> r.nextInt(48) * H + r.nextInt(1000);
                    case 3 -> r.nextInt(10) * 24 * H;
                    case 4 -> -r.nextInt(72) * H;
                    default -> 31 * 24 * H + r.nextInt(5) * H;
                };
                AtomicInteger reads = new AtomicInteger();
                sums.moveTo(now, hour -> {
                    reads.incrementAndGet();
                    return buckets.get(hour);
                });
                assertThat(reads.get())
                        .as("each bucket read at most once per move")
                        .isLessThanOrEqualTo(buckets.size());
            }
            assertThat(sums.hours)
                    .containsExactly(
                            buckets.keySet().stream().mapToLong(Long::longValue).toArray());
            if (sums.hour != RollingSums.UNPLACED) {
                for (AdherenceWindow w : AdherenceWindow.ROLLING) {
                    assertThat(sums.sum(w))
                            .as("%s as of hour %d, step %d", w, sums.hour, step)
                            .isEqualTo(summedAfresh(buckets, w, sums.hour));
                }
            }
        }
    }

    @Test
    void aSeriesRestoredWithoutSumsIsPlacedFromItsBucketsAtTheFirstMove() throws Exception {
        TreeMap<Long, AdherenceCounts> buckets = new TreeMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 100; i++) buckets.put(START - r.nextInt(24 * 35) * H, randomCounts(r));
        RollingSums sums = RollingSums.unplaced(
                buckets.descendingKeySet().stream().mapToLong(Long::longValue).toArray());
        assertThat(sums.hours).isSorted();
        sums.changed(START, randomCounts(r));
        assertThat(sums.day.isEmpty())
                .as("nothing is counted before the windows are placed")
                .isTrue();
        sums.moveTo(START + 5, buckets::get);
        for (AdherenceWindow w : AdherenceWindow.ROLLING) {
            assertThat(sums.sum(w)).isEqualTo(summedAfresh(buckets, w, START));
        }
    }

    @Test
    void aBucketThatLeftEveryWindowIsDroppedWithoutBeingRead() throws Exception {
        RollingSums sums = new RollingSums();
        sums.bucketCreated(START);
        sums.changed(START, randomCounts(new Random(1)));
        sums.moveTo(START + 31 * 24 * H, hour -> {
            throw new AssertionError("a bucket out of every window need not be read to sum them afresh");
        });
        assertThat(sums.expiredAsOf(START + 31 * 24 * H)).containsExactly(START);
        sums.dropped(START, hour -> {
            throw new AssertionError("no window counts it");
        });
        assertThat(sums.holdsAny()).isFalse();
    }

    private static AdherenceCounts summedAfresh(TreeMap<Long, AdherenceCounts> buckets, AdherenceWindow w, long last) {
        CountsAccumulator acc = new CountsAccumulator();
        for (Map.Entry<Long, AdherenceCounts> e : buckets.entrySet()) {
            long hour = e.getKey();
            if (hour <= last && hour > last - w.lengthMs()) acc.add(e.getValue());
        }
        return acc.result();
    }

    /** A fragment's worth of decisions and durations, corrections (negative counts) among them. */
    private static AdherenceCounts randomCounts(Random r) {
        AdherenceCounts c = new AdherenceCounts();
        for (int k = r.nextInt(4); k >= 0; k--) {
            long duration = (long) Math.exp(r.nextDouble() * Math.log(40L * 24 * 3_600_000));
            int sign = r.nextInt(5) == 0 ? -1 : +1;
            c.addSatisfaction(duration, sign);
            c.addDecision(r.nextBoolean() ? Outcome.MET : Outcome.BREACHED, sign);
        }
        return c;
    }
}
