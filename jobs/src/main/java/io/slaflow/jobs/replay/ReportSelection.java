package io.slaflow.jobs.replay;

import io.slaflow.report.ReportPeriod;

/** Which client reports a replay writes: an audit that only wants outcomes should not render thousands of PDFs. */
public enum ReportSelection {
    NONE, WEEKLY, MONTHLY, ALL;

    public boolean any() {
        return this != NONE;
    }

    public boolean includes(ReportPeriod.Kind kind) {
        return this == ALL || (this == WEEKLY && kind == ReportPeriod.Kind.WEEK) || (this == MONTHLY && kind == ReportPeriod.Kind.MONTH);
    }
}
