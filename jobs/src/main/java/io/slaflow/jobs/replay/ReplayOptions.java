package io.slaflow.jobs.replay;

import io.slaflow.enforce.EnforcerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a replay reads and writes.
 *
 * @param asOf              null = the time of the last valid event in the file (outliers left out)
 * @param outOfOrderness    how far out of order the file's events may be
 * @param settings          lateness and heap sizes; its grace and retention are replaced by the two below
 * @param parallelism       Flink parallelism of the local MiniCluster
 * @param reports           which client reports to write into {@code out/reports}
 * @param closedGrace       how long a CLOSED ticket's state is kept; null = the live job's default (1 h)
 * @param resolvedRetention how long a resolved ticket never closed is kept; null = the whole file (an audit forgets
 *                          no ticket: a close or a reopen months later still finds it)
 * @param outlierMargin     the least margin around the bulk of the file's event times beyond which an event is a
 *                          TIME_OUTLIER dead letter ({@link InputScan#windowOf})
 */
public record ReplayOptions(
        Path events,
        Path policy,
        Path out,
        Instant asOf,
        Duration outOfOrderness,
        EnforcerSettings settings,
        int parallelism,
        int maxPayloadBytes,
        ReportSelection reports,
        Duration closedGrace,
        Duration resolvedRetention,
        Duration outlierMargin) {

    public static final Duration DEFAULT_OUTLIER_MARGIN = Duration.ofDays(366);

    /** Every report (weekly and monthly) and the replay defaults for grace, retention and outliers. */
    public ReplayOptions(
            Path events,
            Path policy,
            Path out,
            Instant asOf,
            Duration outOfOrderness,
            EnforcerSettings settings,
            int parallelism,
            int maxPayloadBytes) {
        this(events, policy, out, asOf, outOfOrderness, settings, parallelism, maxPayloadBytes, ReportSelection.ALL);
    }

    /** The replay defaults for grace, retention and outliers. */
    public ReplayOptions(
            Path events,
            Path policy,
            Path out,
            Instant asOf,
            Duration outOfOrderness,
            EnforcerSettings settings,
            int parallelism,
            int maxPayloadBytes,
            ReportSelection reports) {
        this(
                events,
                policy,
                out,
                asOf,
                outOfOrderness,
                settings,
                parallelism,
                maxPayloadBytes,
                reports,
                null,
                null,
                DEFAULT_OUTLIER_MARGIN);
    }

    public ReplayOptions withReports(ReportSelection selection) {
        return new ReplayOptions(
                events,
                policy,
                out,
                asOf,
                outOfOrderness,
                settings,
                parallelism,
                maxPayloadBytes,
                selection,
                closedGrace,
                resolvedRetention,
                outlierMargin);
    }

    public ReplayOptions withRetention(Duration closedGrace, Duration resolvedRetention) {
        return new ReplayOptions(
                events,
                policy,
                out,
                asOf,
                outOfOrderness,
                settings,
                parallelism,
                maxPayloadBytes,
                reports,
                closedGrace,
                resolvedRetention,
                outlierMargin);
    }

    public ReplayOptions withOutlierMargin(Duration margin) {
        return new ReplayOptions(
                events,
                policy,
                out,
                asOf,
                outOfOrderness,
                settings,
                parallelism,
                maxPayloadBytes,
                reports,
                closedGrace,
                resolvedRetention,
                margin);
    }
}
