package io.slaflow.adherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slaflow.sla.Outcome;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdherenceCountsTest {

    @Test
    void adherenceIsMetOverDecided() {
        AdherenceCounts c = new AdherenceCounts();
        for (int i = 0; i < 9; i++) c.addDecision(Outcome.MET, +1);
        c.addDecision(Outcome.BREACHED, +1);
        assertThat(c.decided()).isEqualTo(10);
        assertThat(c.adherencePercent()).isEqualTo(90.0);
    }

    @Test
    void nothingDecidedHasNoAdherenceAndNothingSatisfiedHasNoTimes() {
        AdherenceCounts c = new AdherenceCounts();
        assertThat(c.adherencePercent()).isNaN();
        assertThat(c.meanMs()).isEqualTo(-1);
        assertThat(c.percentileMs(0.5)).isEqualTo(-1);
        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void aPendingTargetCannotBeCountedAsDecided() {
        assertThatThrownBy(() -> new AdherenceCounts().addDecision(Outcome.PENDING, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCorrectionAndItsUndoLeaveNothingBehind() {
        AdherenceCounts c = new AdherenceCounts();
        c.addDecision(Outcome.MET, +1);
        c.addSatisfaction(600_000, +1);
        AdherenceCounts undo = new AdherenceCounts();
        undo.addDecision(Outcome.MET, -1);
        undo.addSatisfaction(600_000, -1);
        c.add(undo);
        assertThat(c.isEmpty()).isTrue();
        assertThat(c).isEqualTo(new AdherenceCounts());
    }

    @Test
    void percentilesAreWithinTwoPercentOfTheExactNearestRank() {
        Random random = new Random(42);
        long[] samples = new long[10_000];
        AdherenceCounts c = new AdherenceCounts();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 1_000 + (long) (random.nextDouble() * random.nextDouble() * 86_400_000L);
            c.addSatisfaction(samples[i], +1);
        }
        Arrays.sort(samples);
        for (double q : new double[] {0.5, 0.9, 0.99, 1.0}) {
            long exact = samples[(int) Math.ceil(q * samples.length) - 1];
            assertThat((double) c.percentileMs(q)).as("p%s", q * 100).isCloseTo(exact, within(exact * 0.02));
        }
        double mean = Arrays.stream(samples).average().orElseThrow();
        assertThat((double) c.meanMs()).isCloseTo(mean, within(1.0));
    }

    @Test
    void mergingBucketsEqualsCountingEverythingInOne() {
        AdherenceCounts a = new AdherenceCounts();
        AdherenceCounts b = new AdherenceCounts();
        AdherenceCounts all = new AdherenceCounts();
        for (int i = 0; i < 500; i++) {
            long d = 30_000L * (i % 37) + 1_000L * i;
            (i % 2 == 0 ? a : b).addSatisfaction(d, +1);
            all.addSatisfaction(d, +1);
            Outcome o = i % 11 == 0 ? Outcome.BREACHED : Outcome.MET;
            (i % 2 == 0 ? a : b).addDecision(o, +1);
            all.addDecision(o, +1);
        }
        AdherenceCounts merged = a.copy();
        merged.add(b);
        assertThat(merged).isEqualTo(all);
        assertThat(merged.bins).isSorted();
    }

    @Test
    void subSecondDurationsShareTheFirstBin() {
        assertThat(DurationBins.binOf(0)).isZero();
        assertThat(DurationBins.binOf(999)).isZero();
        assertThat(DurationBins.binOf(1_000)).isEqualTo(1);
    }

    @Test
    void everyBinsRepresentativeIsWithinTwoPercentOfItsMembers() {
        for (long ms = 1_000; ms < 90L * 86_400_000L; ms = ms * 103 / 100 + 1) {
            long rep = DurationBins.representativeMs(DurationBins.binOf(ms));
            assertThat(Math.abs(rep - ms) / (double) ms)
                    .as("%d ms → %d", ms, rep)
                    .isLessThanOrEqualTo(0.02);
        }
        assertThat(DurationBins.binOf(90L * 86_400_000L)).isLessThan(900);
    }
}
