package io.slaflow.report;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param allowedLatenessMs   a period is reported this long (event time) after it ends, so late events still count
 * @param reportUntilMs       periods ending after this instant are not reported (a replay's as-of: the last,
 *                            incomplete week must not be reported when the input ends); Long.MAX_VALUE live
 * @param goalPercent         the adherence goal of a tier whose client's contract sets none
 * @param correctionHorizonMs how long after its last instant a satisfied target is remembered, so that a change to it
 *                            (a reopen, a priority change) is stated as a correction: as long as the enforcer keeps the
 *                            ticket (its resolved retention, plus the lateness)
 */
public record ReportSettings(long allowedLatenessMs, long reportUntilMs, double goalPercent, long correctionHorizonMs)
        implements Serializable {

    public static final Duration DEFAULT_CORRECTION_HORIZON = Duration.ofDays(30);

    public static ReportSettings live(Duration allowedLateness) {
        return new ReportSettings(
                allowedLateness.toMillis(),
                Long.MAX_VALUE,
                95.0,
                DEFAULT_CORRECTION_HORIZON.plus(allowedLateness).toMillis());
    }

    public ReportSettings withReportUntil(long epochMs) {
        return new ReportSettings(allowedLatenessMs, epochMs, goalPercent, correctionHorizonMs);
    }

    public ReportSettings withGoalPercent(double percent) {
        return new ReportSettings(allowedLatenessMs, reportUntilMs, percent, correctionHorizonMs);
    }

    public ReportSettings withCorrectionHorizon(Duration horizon) {
        return new ReportSettings(allowedLatenessMs, reportUntilMs, goalPercent, horizon.toMillis());
    }
}
