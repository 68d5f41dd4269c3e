package io.slaflow.report;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param allowedLatenessMs a period is reported this long (event time) after it ends, so late outcomes still count
 * @param reportUntilMs     periods ending after this instant are not reported (a replay's as-of: the last,
 *                          incomplete week must not be reported when the input ends); Long.MAX_VALUE live
 * @param goalPercent       the adherence committed to per tier and metric, drawn on the charts
 */
public record ReportSettings(long allowedLatenessMs, long reportUntilMs, double goalPercent) implements Serializable {

    public static ReportSettings live(Duration allowedLateness) {
        return new ReportSettings(allowedLateness.toMillis(), Long.MAX_VALUE, 95.0);
    }

    public ReportSettings withReportUntil(long epochMs) {
        return new ReportSettings(allowedLatenessMs, epochMs, goalPercent);
    }

    public ReportSettings withGoalPercent(double percent) {
        return new ReportSettings(allowedLatenessMs, reportUntilMs, percent);
    }
}
