package io.slaflow.simulate;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Adherence as a function of a target's value, from what each target needs, and the smallest value that reaches a
 * goal. The unit is any in which a larger value is a looser target (milliseconds of counted time, whole business
 * days); the caller turns each target into thresholds in it:
 * <ul>
 *   <li>a <b>satisfied</b> target is decided either way: MET at value {@code v} exactly when {@code v >= need};</li>
 *   <li>an <b>open</b> target (not satisfied by the as-of time) is BREACHED at {@code v} exactly when
 *       {@code v < breachedBelow}, otherwise still PENDING (counted nowhere);</li>
 *   <li>a <b>fixed</b> target's outcome does not depend on the value (decided under another tier).</li>
 * </ul>
 * Met can only rise and breached only fall as {@code v} grows, so adherence ({@code met / decided}) never falls, and
 * it changes only at the thresholds themselves: the answer is the first threshold (or the least allowed value) at
 * which the goal holds. Exact, in O(n log n); no value is tried that is not a threshold.
 */
public final class ThresholdSweep {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final long[] needs;
    private final long[] breachedBelow;
    private final long fixedMet;
    private final long fixedBreached;

    /** Met and decided at one value. */
    public record Tally(long met, long decided) {
        /** {@code 100 × met / decided}; NaN when nothing was decided. */
        public double adherencePercent() {
            return decided == 0 ? Double.NaN : 100.0 * met / decided;
        }

        /** Whether {@code met / decided} is at least {@code goalPercent} % (exactly, no floating point); never when nothing was decided. */
        public boolean reaches(BigDecimal goalPercent) {
            return decided > 0
                    && BigDecimal.valueOf(met)
                                    .multiply(HUNDRED)
                                    .compareTo(goalPercent.multiply(BigDecimal.valueOf(decided)))
                            >= 0;
        }
    }

    public ThresholdSweep(long[] needs, long[] breachedBelow, long fixedMet, long fixedBreached) {
        this.needs = needs.clone();
        this.breachedBelow = breachedBelow.clone();
        Arrays.sort(this.needs);
        Arrays.sort(this.breachedBelow);
        this.fixedMet = fixedMet;
        this.fixedBreached = fixedBreached;
    }

    /** Met and decided with the target at {@code value}. */
    public Tally at(long value) {
        long met = fixedMet + countAtMost(needs, value);
        long openBreached = breachedBelow.length - countAtMost(breachedBelow, value);
        return new Tally(met, fixedMet + fixedBreached + needs.length + openBreached);
    }

    /** With the target looser than every threshold: the best adherence any value can give. */
    public Tally loosest() {
        return new Tally(fixedMet + needs.length, fixedMet + fixedBreached + needs.length);
    }

    /**
     * The smallest value at or above {@code least} at which adherence reaches {@code goalPercent}, or
     * {@link Long#MIN_VALUE} when no value does (then {@link #loosest()} says how close the loosest target comes).
     */
    public long tightest(BigDecimal goalPercent, long least) {
        if (at(least).reaches(goalPercent)) return least;
        int i = firstAbove(needs, least);
        int j = firstAbove(breachedBelow, least);
        while (i < needs.length || j < breachedBelow.length) {
            long next = Math.min(
                    i < needs.length ? needs[i] : Long.MAX_VALUE,
                    j < breachedBelow.length ? breachedBelow[j] : Long.MAX_VALUE);
            if (at(next).reaches(goalPercent)) return next;
            while (i < needs.length && needs[i] == next) i++;
            while (j < breachedBelow.length && breachedBelow[j] == next) j++;
        }
        return Long.MIN_VALUE;
    }

    /** Targets whose outcome the value decides (satisfied and open), besides the fixed ones. */
    public int counted() {
        return needs.length + breachedBelow.length;
    }

    private static long countAtMost(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int firstAbove(long[] sorted, long value) {
        return (int) countAtMost(sorted, value);
    }
}
