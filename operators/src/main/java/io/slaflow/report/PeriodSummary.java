package io.slaflow.report;

import io.slaflow.policy.Metric;
import java.util.ArrayList;
import java.util.List;

/** A period's counts in brief: what the trend and "up from 97.1% last week" need of an earlier period. */
public record PeriodSummary(String label, long met, long breached, List<Row> rows) {

    public PeriodSummary {
        rows = new ArrayList<>(rows); // Flink's Kryo fallback cannot rebuild immutable lists
    }

    public record Row(String tier, Metric metric, long met, long breached) {
        public double adherencePercent() {
            return met + breached == 0 ? Double.NaN : 100.0 * met / (met + breached);
        }
    }

    public double adherencePercent() {
        return met + breached == 0 ? Double.NaN : 100.0 * met / (met + breached);
    }

    public Row row(String tier, Metric metric) {
        for (Row r : rows) if (r.tier().equals(tier) && r.metric() == metric) return r;
        return null;
    }

    /** This summary with a correction applied (the restated figures of an issued period). */
    public PeriodSummary restated(ReportCorrection c) {
        long m = met, b = breached;
        List<Row> out = new ArrayList<>();
        for (Row r : rows) out.add(r);
        if (c.wasDecided() != null) {
            if (c.wasDecided() == io.slaflow.sla.Outcome.MET) m--;
            else b--;
            out = shift(out, c.wasTier(), c.metric(), c.wasDecided(), -1);
        }
        if (c.nowDecided() != null) {
            if (c.nowDecided() == io.slaflow.sla.Outcome.MET) m++;
            else b++;
            out = shift(out, c.nowTier(), c.metric(), c.nowDecided(), +1);
        }
        return new PeriodSummary(label, m, b, out);
    }

    private static List<Row> shift(List<Row> rows, String tier, Metric metric, io.slaflow.sla.Outcome o, int sign) {
        List<Row> out = new ArrayList<>();
        boolean found = false;
        for (Row r : rows) {
            if (r.tier().equals(tier) && r.metric() == metric) {
                found = true;
                r = o == io.slaflow.sla.Outcome.MET
                        ? new Row(tier, metric, r.met() + sign, r.breached())
                        : new Row(tier, metric, r.met(), r.breached() + sign);
            }
            out.add(r);
        }
        if (!found && sign > 0)
            out.add(o == io.slaflow.sla.Outcome.MET ? new Row(tier, metric, 1, 0) : new Row(tier, metric, 0, 1));
        return out;
    }
}
