package io.slaflow.adherence;

import io.slaflow.sla.Outcome;
import java.util.Arrays;

/**
 * What a set of SLA targets adds up to: how many were decided MET or BREACHED, and how long the satisfied ones
 * took, as a sparse duration histogram ({@link DurationBins}). Counts are signed so the same type carries a
 * correction ("one MET less in hour H") as well as a bucket's totals; adding a correction and its opposite
 * leaves nothing behind. A Flink POJO (public fields, primitive arrays), so it serializes without Kryo.
 */
public final class AdherenceCounts {
    private static final int[] NONE = new int[0];

    public long met;
    public long breached;
    /** Targets satisfied (response sent, ticket resolved), on time or late: the sample count of the durations. */
    public long satisfied;

    public long satisfiedSumMs;
    /** Bins in ascending order, each with a non-zero count in {@link #binCounts}. */
    public int[] bins = NONE;

    public int[] binCounts = NONE;

    public AdherenceCounts() {}

    public AdherenceCounts copy() {
        AdherenceCounts c = new AdherenceCounts();
        c.add(this);
        return c;
    }

    public void addDecision(Outcome outcome, int sign) {
        switch (outcome) {
            case MET -> met += sign;
            case BREACHED -> breached += sign;
            case PENDING -> throw new IllegalArgumentException("a pending target is not decided");
        }
    }

    public void addSatisfaction(long durationMs, int sign) {
        satisfied += sign;
        satisfiedSumMs += sign * durationMs;
        addToBin(DurationBins.binOf(durationMs), sign);
    }

    public void add(AdherenceCounts other) {
        add(other, +1);
    }

    /** Takes {@code other} out again: what adding it added. */
    public void subtract(AdherenceCounts other) {
        add(other, -1);
    }

    private void add(AdherenceCounts other, int sign) {
        met += sign * other.met;
        breached += sign * other.breached;
        satisfied += sign * other.satisfied;
        satisfiedSumMs += sign * other.satisfiedSumMs;
        for (int i = 0; i < other.bins.length; i++) {
            addToBin(other.bins[i], sign * other.binCounts[i]);
        }
    }

    public long decided() {
        return met + breached;
    }

    public boolean isEmpty() {
        return met == 0 && breached == 0 && satisfied == 0 && satisfiedSumMs == 0 && bins.length == 0;
    }

    /** MET share of decided targets in percent, or NaN when nothing was decided. */
    public double adherencePercent() {
        long decided = decided();
        return decided <= 0 ? Double.NaN : 100.0 * met / decided;
    }

    /** Mean time to satisfy in ms, or -1 when nothing was satisfied. */
    public long meanMs() {
        return satisfied <= 0 ? -1 : Math.round((double) satisfiedSumMs / satisfied);
    }

    /**
     * The duration under which {@code q} of the satisfied targets fall (nearest-rank on the bins), within 2 %;
     * -1 when nothing was satisfied.
     */
    public long percentileMs(double q) {
        if (q <= 0 || q > 1) throw new IllegalArgumentException("q must be in (0, 1]: " + q);
        long total = 0;
        for (int c : binCounts) total += Math.max(c, 0);
        if (total <= 0) return -1;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += Math.max(binCounts[i], 0);
            if (seen >= rank) return DurationBins.representativeMs(bins[i]);
        }
        return DurationBins.representativeMs(bins[bins.length - 1]);
    }

    private void addToBin(int bin, int delta) {
        if (delta == 0) return;
        int at = Arrays.binarySearch(bins, bin);
        if (at >= 0) {
            int updated = binCounts[at] + delta;
            if (updated != 0) {
                binCounts[at] = updated;
            } else {
                bins = remove(bins, at);
                binCounts = remove(binCounts, at);
            }
            return;
        }
        int insert = -at - 1;
        bins = insert(bins, insert, bin);
        binCounts = insert(binCounts, insert, delta);
    }

    private static int[] insert(int[] a, int at, int value) {
        int[] b = new int[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    private static int[] remove(int[] a, int at) {
        if (a.length == 1) return NONE;
        int[] b = new int[a.length - 1];
        System.arraycopy(a, 0, b, 0, at);
        System.arraycopy(a, at + 1, b, at, a.length - at - 1);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdherenceCounts c
                && met == c.met
                && breached == c.breached
                && satisfied == c.satisfied
                && satisfiedSumMs == c.satisfiedSumMs
                && Arrays.equals(bins, c.bins)
                && Arrays.equals(binCounts, c.binCounts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(met * 31 + breached) * 31 + Arrays.hashCode(bins);
    }

    @Override
    public String toString() {
        return "met=" + met + " breached=" + breached + " satisfied=" + satisfied + " sumMs=" + satisfiedSumMs;
    }
}
