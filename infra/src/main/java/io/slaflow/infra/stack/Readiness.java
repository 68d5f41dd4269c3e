package io.slaflow.infra.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Polls a readiness probe until it succeeds, the process dies or a timeout passes, printing a progress line now and
 * then so a slow start does not look like a hang.
 */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private Readiness() {}

    /** The outcome of waiting; {@code elapsed} is measured from the call. */
    record Outcome(boolean ready, boolean processDied, Duration elapsed) {}

    static Outcome await(
            String what, ChildProcess process, BooleanSupplier probe, Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_INTERVAL.toNanos();
        while (true) {
            if (probe.getAsBoolean()) {
                return new Outcome(true, false, Duration.ofNanos(System.nanoTime() - start));
            }
            if (!process.isAlive()) {
                return new Outcome(false, true, Duration.ofNanos(System.nanoTime() - start));
            }
            long now = System.nanoTime();
            if (now - start > timeout.toNanos()) {
                return new Outcome(false, false, Duration.ofNanos(now - start));
            }
            if (now >= nextProgress) {
                progress.accept("  still waiting for " + what + " ("
                        + Duration.ofNanos(now - start).toSeconds() + " s of " + timeout.toSeconds() + " s)");
                nextProgress = now + PROGRESS_INTERVAL.toNanos();
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis()); // between probes only: the probe decides, not the sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, false, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    static String seconds(Duration elapsed) {
        return String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
