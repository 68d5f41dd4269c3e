package io.slaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.simulate.ThresholdSweep.Tally;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {
    private static final long[] NONE = {};

    @Test
    void aSatisfiedTargetIsMetFromItsCountOnAndTheAnswerIsTheFirstCountThatReachesTheGoal() {
        ThresholdSweep s = new ThresholdSweep(new long[] {40, 10, 30, 20}, NONE, 0, 0);
        assertThat(s.at(29)).isEqualTo(new Tally(2, 4));
        assertThat(s.at(30)).isEqualTo(new Tally(3, 4));
        assertThat(s.tightest(new BigDecimal("75"), 1)).isEqualTo(30);
        assertThat(s.tightest(new BigDecimal("75.01"), 1)).isEqualTo(40);
        assertThat(s.tightest(new BigDecimal("100"), 1)).isEqualTo(40);
        assertThat(s.tightest(new BigDecimal("25"), 1)).isEqualTo(10);
    }

    @Test
    void anOpenTargetCountsAsBreachedOnlyBelowItsCount() {
        // three met at 10, 20, 30; one still open that had counted 25 by the as-of time
        ThresholdSweep s = new ThresholdSweep(new long[] {10, 20, 30}, new long[] {25}, 0, 0);
        assertThat(s.at(24)).isEqualTo(new Tally(2, 4)); // the open one is breached: decided
        assertThat(s.at(25)).isEqualTo(new Tally(2, 3)); // not yet: pending, counted nowhere
        assertThat(s.tightest(new BigDecimal("66"), 1))
                .isEqualTo(25); // 2 of 3, once the open one is no longer breached
        assertThat(s.tightest(new BigDecimal("100"), 1)).isEqualTo(30);
    }

    @Test
    void fixedTargetsCountWhateverTheValueAndCanMakeTheGoalUnreachable() {
        ThresholdSweep s = new ThresholdSweep(new long[] {10, 20, 30, 40}, NONE, 0, 1);
        assertThat(s.at(1)).isEqualTo(new Tally(0, 5));
        assertThat(s.loosest()).isEqualTo(new Tally(4, 5));
        assertThat(s.tightest(new BigDecimal("80"), 1)).isEqualTo(40);
        assertThat(s.tightest(new BigDecimal("80.5"), 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theLeastValueWhenEvenItReachesTheGoalAndNeverWithNothingDecided() {
        assertThat(new ThresholdSweep(new long[] {0, 0}, NONE, 0, 0).tightest(new BigDecimal("100"), 1))
                .isEqualTo(1);
        ThresholdSweep open = new ThresholdSweep(NONE, new long[] {5}, 0, 0);
        assertThat(open.at(5)).isEqualTo(new Tally(0, 0));
        assertThat(open.tightest(new BigDecimal("1"), 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theGoalIsComparedExactly() {
        assertThat(new Tally(49, 50).reaches(new BigDecimal("98"))).isTrue();
        assertThat(new Tally(48, 50).reaches(new BigDecimal("96.01"))).isFalse();
        assertThat(new Tally(2, 3).reaches(new BigDecimal("66.66"))).isTrue();
        assertThat(new Tally(2, 3).reaches(new BigDecimal("66.67"))).isFalse();
        assertThat(new Tally(0, 0).reaches(new BigDecimal("0.001"))).isFalse();
    }
}
