package io.slaflow.adherence;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A series' rolling 24 h / 7 d / 30 d figures, kept up to date as buckets change and time passes, instead of summed
 * from every hourly bucket at each publication. That sum read up to 720 buckets from the state backend per
 * publication, and a series publishes at every tick it changed in and whenever a bucket leaves a window: during a
 * backlog, where event time runs fast, it was the adherence operator's main cost (26 % of the whole job's samples in
 * {@code FullStackBench}). Here a bucket is read when it enters the windows and when it leaves each of them.
 *
 * <p>The invariant: window {@code i}'s sum is the sum of the buckets held (their hours in {@link #hours}) whose hour
 * lies in that window as of {@link #hour}, the last hour of all three windows ({@link AdherenceWindow#endAsOf}).
 * Counts are signed and exact, so taking a bucket back out leaves precisely what summing the others from scratch
 * gives, bins that cancel out included. A Flink POJO, kept in keyed state beside the buckets.
 */
public final class RollingSums {
    /** {@link #hour} before the windows are placed: every window empty. */
    public static final long UNPLACED = Long.MIN_VALUE;

    private static final long[] NONE = new long[0];
    private static final AdherenceWindow[] WINDOWS = AdherenceWindow.ROLLING;

    /** The hour every window ends with (its last hour), or {@link #UNPLACED}. */
    public long hour = UNPLACED;
    /** The hours of the buckets held, ascending. */
    public long[] hours = NONE;

    public AdherenceCounts day = new AdherenceCounts();
    public AdherenceCounts week = new AdherenceCounts();
    public AdherenceCounts month = new AdherenceCounts();

    public RollingSums() {}

    /** The sums of a series restored from a state that held buckets but no sums: placed at its first move. */
    public static RollingSums unplaced(long[] bucketHours) {
        RollingSums s = new RollingSums();
        s.hours = bucketHours.clone();
        Arrays.sort(s.hours);
        return s;
    }

    /** How the sums read a bucket they did not see change: from the state backend. */
    @FunctionalInterface
    public interface Buckets {
        AdherenceCounts get(long hour) throws Exception;
    }

    /** The sum of {@code window} (one of {@link AdherenceWindow#ROLLING}) as of {@link #hour}; do not modify. */
    public AdherenceCounts sum(AdherenceWindow window) {
        return switch (window) {
            case DAY -> day;
            case WEEK -> week;
            case MONTH -> month;
            case HOUR -> throw new IllegalArgumentException("1h is not a rolling window");
        };
    }

    public boolean holdsAny() {
        return hours.length > 0;
    }

    /** A bucket was created for {@code bucketHour} (its counts follow through {@link #changed}). */
    public void bucketCreated(long bucketHour) {
        hours = withHour(hours, bucketHour);
    }

    /** {@code hours} (ascending) with {@code hour} in its place; the same array if it is there already. */
    public static long[] withHour(long[] hours, long hour) {
        int at = Arrays.binarySearch(hours, hour);
        if (at >= 0) return hours;
        int insert = -at - 1;
        long[] more = new long[hours.length + 1];
        System.arraycopy(hours, 0, more, 0, insert);
        more[insert] = hour;
        System.arraycopy(hours, insert, more, insert + 1, hours.length - insert);
        return more;
    }

    /** The bucket of {@code bucketHour} changed by {@code delta}. */
    public void changed(long bucketHour, AdherenceCounts delta) {
        for (AdherenceWindow w : WINDOWS) {
            if (inWindow(w, bucketHour, hour)) sum(w).add(delta);
        }
    }

    /** The bucket of {@code bucketHour} is dropped from the state; it is read only if a window still counts it. */
    public void dropped(long bucketHour, Buckets buckets) throws Exception {
        int at = Arrays.binarySearch(hours, bucketHour);
        if (at < 0) return;
        AdherenceCounts counts = null;
        for (AdherenceWindow w : WINDOWS) {
            if (inWindow(w, bucketHour, hour)) {
                if (counts == null) counts = orEmpty(buckets.get(bucketHour));
                sum(w).subtract(counts);
            }
        }
        long[] fewer = new long[hours.length - 1];
        System.arraycopy(hours, 0, fewer, 0, at);
        System.arraycopy(hours, at + 1, fewer, at, hours.length - at - 1);
        hours = fewer;
    }

    /** The held hours whose buckets have left every window as of {@code now}: they can be dropped. */
    public long[] expiredAsOf(long now) {
        long first = first(AdherenceWindow.MONTH, AdherenceFragment.hourOf(now));
        int n = 0;
        while (n < hours.length && hours[n] < first) n++;
        return Arrays.copyOf(hours, n);
    }

    /**
     * Places the windows as of {@code now}: the buckets that entered or left a window since the last move are read
     * and added or taken out; a move longer than a window, or the first one, sums that window afresh.
     */
    public void moveTo(long now, Buckets buckets) throws Exception {
        long target = AdherenceFragment.hourOf(now);
        if (target == hour) return;
        Reads reads = new Reads(buckets);
        for (AdherenceWindow w : WINDOWS) {
            if (hour == UNPLACED || Math.abs(target - hour) >= w.lengthMs()) {
                sumAfresh(w, target, reads);
            } else {
                AdherenceCounts sum = sum(w);
                // [first, last] of the window before and after: what is only in the old one leaves, what is only in
                // the new one enters
                long oldFirst = first(w, hour);
                long newFirst = first(w, target);
                if (target > hour) {
                    forEachHeld(oldFirst, newFirst - 1, h -> sum.subtract(reads.get(h)));
                    forEachHeld(hour + AdherenceFragment.HOUR_MS, target, h -> sum.add(reads.get(h)));
                } else {
                    forEachHeld(target + AdherenceFragment.HOUR_MS, hour, h -> sum.subtract(reads.get(h)));
                    forEachHeld(newFirst, oldFirst - 1, h -> sum.add(reads.get(h)));
                }
            }
        }
        hour = target;
    }

    private void sumAfresh(AdherenceWindow w, long last, Reads reads) throws Exception {
        CountsAccumulator acc = new CountsAccumulator();
        forEachHeld(first(w, last), last, h -> acc.add(reads.get(h)));
        AdherenceCounts fresh = acc.result();
        switch (w) {
            case DAY -> day = fresh;
            case WEEK -> week = fresh;
            case MONTH -> month = fresh;
            case HOUR -> throw new IllegalArgumentException("1h is not a rolling window");
        }
    }

    private static long first(AdherenceWindow w, long last) {
        return last + AdherenceFragment.HOUR_MS - w.lengthMs();
    }

    private static boolean inWindow(AdherenceWindow w, long bucketHour, long last) {
        return last != UNPLACED && bucketHour <= last && bucketHour >= first(w, last);
    }

    private static AdherenceCounts orEmpty(AdherenceCounts c) {
        return c == null ? new AdherenceCounts() : c;
    }

    @FunctionalInterface
    private interface HourAction {
        void accept(long hour) throws Exception;
    }

    /** Calls {@code action} for each held hour in {@code [from, to]}, ascending. */
    private void forEachHeld(long from, long to, HourAction action) throws Exception {
        if (from > to) return;
        int at = Arrays.binarySearch(hours, from);
        if (at < 0) at = -at - 1;
        for (; at < hours.length && hours[at] <= to; at++) action.accept(hours[at]);
    }

    /** One move reads a bucket once, though it may enter all three windows together. */
    private static final class Reads {
        private final Buckets buckets;
        private final HashMap<Long, AdherenceCounts> read = new HashMap<>();

        Reads(Buckets buckets) {
            this.buckets = buckets;
        }

        AdherenceCounts get(long h) throws Exception {
            AdherenceCounts c = read.get(h);
            if (c == null) {
                c = orEmpty(buckets.get(h));
                read.put(h, c);
            }
            return c;
        }
    }
}
