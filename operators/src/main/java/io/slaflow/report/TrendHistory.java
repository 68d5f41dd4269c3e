package io.slaflow.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What one kind of report (weekly or monthly) remembers of its earlier periods: the last {@value #PERIODS} issued
 * periods' figures (restated as corrections arrive) for the trend and the comparison with the previous period, and the
 * end of the last period it closed. A Flink POJO kept in keyed state.
 */
public final class TrendHistory {
    public static final int PERIODS = 12;

    /** Oldest first. */
    public List<PeriodSummary> issued = new ArrayList<>();
    /** End of the last period of this kind that was closed (reported or quiet), or Long.MIN_VALUE. */
    public long lastClosedEnd = Long.MIN_VALUE;
    /** End of the last period of this kind that was reported, or Long.MIN_VALUE. */
    public long lastIssuedEnd = Long.MIN_VALUE;

    public TrendHistory() {}

    /** Applies a correction to the issued period it names, if it is still in the trend. */
    public void restate(ReportCorrection c) {
        for (int i = 0; i < issued.size(); i++) {
            if (issued.get(i).label().equals(c.periodLabel()))
                issued.set(i, issued.get(i).restated(c));
        }
    }

    public PeriodSummary find(String label) {
        for (PeriodSummary s : issued) if (s.label().equals(label)) return s;
        return null;
    }

    /** The trend of a new report: the issued periods and this one, at most {@value #PERIODS}. */
    public List<PeriodSummary> with(PeriodSummary current) {
        List<PeriodSummary> t = new ArrayList<>(issued);
        t.add(current);
        return new ArrayList<>(t.subList(Math.max(0, t.size() - PERIODS), t.size()));
    }

    public void remember(PeriodSummary s, long endMs) {
        issued.add(s);
        while (issued.size() > PERIODS - 1) issued.remove(0); // with the next period's own, the trend has PERIODS
        lastIssuedEnd = endMs;
    }
}
