package io.slaflow.jobs.replay;

import io.slaflow.report.ReportPeriod;
import java.util.Locale;

/** Which client reports a replay writes: an audit that only wants outcomes should not render thousands of PDFs. */
public enum ReportSelection {
    NONE,
    WEEKLY,
    MONTHLY,
    ALL;

    /** As written on the command line ({@code --reports weekly}); the CLI's converter matches this spelling. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean any() {
        return this != NONE;
    }

    public boolean includes(ReportPeriod.Kind kind) {
        return this == ALL
                || (this == WEEKLY && kind == ReportPeriod.Kind.WEEK)
                || (this == MONTHLY && kind == ReportPeriod.Kind.MONTH);
    }
}
