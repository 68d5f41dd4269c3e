package io.slaflow.jobs.demo;

import java.time.Duration;

/**
 * What the demo is doing, from what was sent and where the job is: sending history, catching up, or live. "Live" is
 * said only once the job itself has caught up with the input — within {@link #CAUGHT_UP} of event time of the newest
 * event sent, or nothing left to read — not when the last history record has been sent.
 */
enum DemoPhase {
    HISTORY,
    CATCHING_UP,
    LIVE;

    /** The job's committed position trails by up to a checkpoint (5 s in the demo) plus a refresh: well under this. */
    static final Duration CAUGHT_UP = Duration.ofSeconds(30);

    static DemoPhase of(boolean inputLive, long inputEventTime, JobProgress.Snapshot job) {
        if (!inputLive) return HISTORY;
        return caughtUp(inputEventTime, job) ? LIVE : CATCHING_UP;
    }

    static boolean caughtUp(long inputEventTime, JobProgress.Snapshot job) {
        if (job.eventTime() == JobProgress.UNKNOWN) return false;
        return job.eventsBehind() == 0 || inputEventTime - job.eventTime() <= CAUGHT_UP.toMillis();
    }

    /** How far behind the input's newest event the job is, in event time ("0 s" when caught up exactly). */
    static Duration lag(long inputEventTime, JobProgress.Snapshot job) {
        if (job.eventTime() == JobProgress.UNKNOWN || inputEventTime == Long.MIN_VALUE) return null;
        return job.eventsBehind() == 0
                ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, inputEventTime - job.eventTime()));
    }

    /** {@code 9 d 4 h}, {@code 3 min 20 s}, {@code 4 s}: the two largest units, enough to read at a glance. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400) return (s / 86_400) + " d " + (s % 86_400) / 3_600 + " h";
        if (s >= 3_600) return (s / 3_600) + " h " + (s % 3_600) / 60 + " min";
        if (s >= 60) return (s / 60) + " min " + (s % 60) + " s";
        return s + " s";
    }
}
