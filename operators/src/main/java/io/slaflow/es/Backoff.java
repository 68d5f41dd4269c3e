package io.slaflow.es;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits {@code min(max, initial * 2^(n-1))}, scaled by a
 * random factor in [0.5, 1] so that many writers recovering together do not hit Elasticsearch in lock-step.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The cap before jitter for the {@code failures}-th consecutive failure (1-based). */
    long ceilingMillis(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        return Math.min(maxMillis, initialMillis << shift);
    }

    long delayMillis(int failures) {
        long ceiling = ceilingMillis(failures);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
