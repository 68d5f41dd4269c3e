package io.slaflow.sla;

import java.time.Duration;

/** Spans in dead-letter messages, as a person says them: {@code 63 days}, {@code 1 h}, {@code 2 h 5 min}, {@code 40 s}. */
final class Durations {
    private Durations() {}

    static String rounded(Duration d) {
        long s = d.toSeconds();
        if (s >= 2 * 86_400) {
            return (s / 86_400) + " days";
        }
        if (s >= 3_600) {
            long min = (s % 3_600) / 60;
            return (s / 3_600) + " h" + (min == 0 ? "" : " " + min + " min");
        }
        if (s >= 60) {
            return (s / 60) + " min";
        }
        return s + " s";
    }
}
