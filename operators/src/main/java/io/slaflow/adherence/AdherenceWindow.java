package io.slaflow.adherence;

/**
 * The spans adherence is published over. {@code 1h} documents are fixed UTC hours (the time series behind
 * "adherence over time"); the others are rolling and end with the hour that holds "now" (the current event
 * time): {@code 24h} as of 10:20 covers the 24 hours from 11:00 yesterday to 11:00 today.
 */
public enum AdherenceWindow {
    HOUR("1h", 1),
    DAY("24h", 24),
    WEEK("7d", 7 * 24),
    MONTH("30d", 30 * 24);

    public static final AdherenceWindow[] ROLLING = {DAY, WEEK, MONTH};

    public final String label;
    public final long hours;

    AdherenceWindow(String label, long hours) {
        this.label = label;
        this.hours = hours;
    }

    public long lengthMs() {
        return hours * AdherenceFragment.HOUR_MS;
    }

    /** Start of the window that ends with the hour holding {@code now}. */
    public long startAsOf(long now) {
        return endAsOf(now) - lengthMs();
    }

    public long endAsOf(long now) {
        return AdherenceFragment.hourOf(now) + AdherenceFragment.HOUR_MS;
    }
}
