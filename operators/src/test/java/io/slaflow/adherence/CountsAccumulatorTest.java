package io.slaflow.adherence;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CountsAccumulatorTest {

    /** Random hourly buckets with durations from a second to 90 days, corrections (negative counts) among them. */
    private static List<AdherenceCounts> buckets(long seed, int n) {
        Random r = new Random(seed);
        List<AdherenceCounts> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AdherenceCounts c = new AdherenceCounts();
            for (int k = r.nextInt(6); k > 0; k--) {
                long duration = (long) Math.exp(r.nextDouble() * Math.log(90L * 24 * 3_600_000));
                int sign = r.nextInt(8) == 0 ? -1 : +1;
                c.addSatisfaction(duration, sign);
                c.addDecision(r.nextBoolean() ? Outcome.MET : Outcome.BREACHED, sign);
            }
            buckets.add(c);
        }
        return buckets;
    }

    private static AdherenceCounts addedOneByOne(List<AdherenceCounts> buckets) {
        AdherenceCounts sum = new AdherenceCounts();
        for (AdherenceCounts c : buckets) sum.add(c);
        return sum;
    }

    @Test
    void sumsExactlyWhatAddingTheBucketsOneByOneGives() {
        for (long seed = 1; seed <= 20; seed++) {
            List<AdherenceCounts> buckets = buckets(seed, 720);
            CountsAccumulator acc = new CountsAccumulator();
            buckets.forEach(acc::add);
            AdherenceCounts result = acc.result();
            assertThat(result).as("seed %d", seed).isEqualTo(addedOneByOne(buckets));
            assertThat(result.bins).isSorted().doesNotHaveDuplicates();
            assertThat(result.binCounts).doesNotContain(0);
        }
    }

    @Test
    void aResetAccumulatorCarriesNothingOver() {
        CountsAccumulator acc = new CountsAccumulator();
        buckets(1, 300).forEach(acc::add);
        acc.result();
        acc.reset();
        List<AdherenceCounts> second = buckets(2, 50);
        second.forEach(acc::add);
        assertThat(acc.result()).isEqualTo(addedOneByOne(second));
    }

    @Test
    void nothingAddedOrEverythingCancelledIsEmpty() {
        CountsAccumulator acc = new CountsAccumulator();
        assertThat(acc.result().isEmpty()).isTrue();
        AdherenceCounts plus = new AdherenceCounts();
        plus.addSatisfaction(5_000, +1);
        plus.addDecision(Outcome.MET, +1);
        AdherenceCounts minus = new AdherenceCounts();
        minus.addSatisfaction(5_000, -1);
        minus.addDecision(Outcome.MET, -1);
        acc.add(plus);
        acc.add(minus);
        assertThat(acc.result().isEmpty()).isTrue();
    }
}
