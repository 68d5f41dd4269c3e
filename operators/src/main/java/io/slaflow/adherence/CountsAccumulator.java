package io.slaflow.adherence;

import java.util.Arrays;

/**
 * Sums many {@link AdherenceCounts} (the hourly buckets of a rolling window: up to 720 for 30 days) into one without
 * allocating per bucket. {@link AdherenceCounts#add} keeps its bins sparse and sorted, so every new bin it meets copies
 * both arrays; summed bucket by bucket that is quadratic and was the adherence operator's main cost. Here bins are
 * counted in a dense array indexed by bin number and turned back into the sparse form once, by {@link #result()}.
 * One instance is reused for every publication of an operator ({@link #reset()}).
 */
public final class CountsAccumulator {
    private long met;
    private long breached;
    private long satisfied;
    private long satisfiedSumMs;
    /** Count per bin number; only {@code [lowest, highest]} may be non-zero. */
    private int[] dense = new int[256];

    private int lowest = Integer.MAX_VALUE;
    private int highest = -1;

    public void reset() {
        met = breached = satisfied = satisfiedSumMs = 0;
        if (highest >= 0) Arrays.fill(dense, lowest, highest + 1, 0);
        lowest = Integer.MAX_VALUE;
        highest = -1;
    }

    public void add(AdherenceCounts c) {
        met += c.met;
        breached += c.breached;
        satisfied += c.satisfied;
        satisfiedSumMs += c.satisfiedSumMs;
        int[] bins = c.bins;
        if (bins.length == 0) return;
        int last = bins[bins.length - 1];
        if (last >= dense.length) dense = Arrays.copyOf(dense, Math.max(last + 1, dense.length * 2));
        lowest = Math.min(lowest, bins[0]);
        highest = Math.max(highest, last);
        for (int i = 0; i < bins.length; i++) dense[bins[i]] += c.binCounts[i];
    }

    /** What was added, as sparse counts (bins whose counts cancelled out are left out, as {@code add} does). */
    public AdherenceCounts result() {
        AdherenceCounts r = new AdherenceCounts();
        r.met = met;
        r.breached = breached;
        r.satisfied = satisfied;
        r.satisfiedSumMs = satisfiedSumMs;
        int used = 0;
        for (int b = lowest; b <= highest; b++) if (dense[b] != 0) used++;
        if (used == 0) return r;
        r.bins = new int[used];
        r.binCounts = new int[used];
        int at = 0;
        for (int b = lowest; b <= highest; b++) {
            if (dense[b] != 0) {
                r.bins[at] = b;
                r.binCounts[at++] = dense[b];
            }
        }
        return r;
    }
}
