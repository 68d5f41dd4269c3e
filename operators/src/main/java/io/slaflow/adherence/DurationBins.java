package io.slaflow.adherence;

/**
 * Log-scale bins for durations, so percentiles can be kept in mergeable, retractable counts instead of raw samples:
 * bin {@code i} holds durations in {@code [base·g^(i-1), base·g^i)} with growth {@code g = 1.02}, which bounds the
 * relative error of a reported percentile to 2 %. Bin 0 holds everything under one second. Ninety days fit in
 * about 800 bins; a bucket only stores the bins it uses.
 */
public final class DurationBins {
    static final double GROWTH = 1.02;
    static final long BASE_MS = 1_000;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private DurationBins() {}

    public static int binOf(long durationMs) {
        if (durationMs < BASE_MS) return 0;
        return 1 + (int) Math.floor(Math.log((double) durationMs / BASE_MS) / LOG_GROWTH);
    }

    /** The value reported for a bin: its geometric middle (0 for the sub-second bin's lower edge is not useful). */
    public static long representativeMs(int bin) {
        if (bin == 0) return BASE_MS / 2;
        double lower = BASE_MS * Math.pow(GROWTH, bin - 1);
        return Math.round(lower * Math.sqrt(GROWTH));
    }
}
