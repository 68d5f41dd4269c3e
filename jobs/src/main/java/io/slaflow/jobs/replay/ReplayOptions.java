package io.slaflow.jobs.replay;

import io.slaflow.enforce.EnforcerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a replay reads and writes.
 *
 * @param asOf            null = the time of the last valid event in the file
 * @param outOfOrderness  how far out of order the file's events may be
 * @param parallelism     Flink parallelism of the local MiniCluster
 * @param reports         which client reports to write into {@code out/reports}
 */
public record ReplayOptions(Path events, Path policy, Path out, Instant asOf, Duration outOfOrderness,
                            EnforcerSettings settings, int parallelism, int maxPayloadBytes, ReportSelection reports) {

    /** Every report (weekly and monthly), as before the selection existed. */
    public ReplayOptions(Path events, Path policy, Path out, Instant asOf, Duration outOfOrderness,
                         EnforcerSettings settings, int parallelism, int maxPayloadBytes) {
        this(events, policy, out, asOf, outOfOrderness, settings, parallelism, maxPayloadBytes, ReportSelection.ALL);
    }

    public ReplayOptions withReports(ReportSelection selection) {
        return new ReplayOptions(events, policy, out, asOf, outOfOrderness, settings, parallelism, maxPayloadBytes, selection);
    }
}
