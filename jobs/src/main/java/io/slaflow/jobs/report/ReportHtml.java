package io.slaflow.jobs.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.slaflow.contract.CreditAssessment;
import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import io.slaflow.report.PeriodSummary;
import io.slaflow.report.ReportCorrection;
import io.slaflow.report.ReportEvidence;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportPeriod;
import io.slaflow.report.TrendHistory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one self-contained XHTML document (no external assets; the logo is inlined), rendered through a
 * logic-less Mustache template ({@code report.mustache}): this class only turns the report into display strings, the
 * template holds the layout, and Mustache escapes every value. The same document is the PDF renderer's input.
 */
public final class ReportHtml {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("io/slaflow/jobs/report/").compile("report.mustache");

    private ReportHtml() {}

    public static String render(ClientReport r) {
        return render(r, ReportEvidence.records(r.figures()));
    }

    /** With the report's evidence records ({@link ReportEvidence#records}) when the caller already has them. */
    static String render(ClientReport r, List<byte[]> evidence) {
        StringWriter out = new StringWriter(16 * 1024);
        TEMPLATE.execute(out, model(r, evidence));
        return out.toString();
    }

    public static String title(ClientReport r) {
        return "SLA report: " + r.client().name() + " " + r.period().label();
    }

    /** The values the template shows, every one a plain string, number, boolean or list of such maps. */
    static Map<String, Object> model(ClientReport r) {
        return model(r, ReportEvidence.records(r.figures()));
    }

    private static Map<String, Object> model(ClientReport r, List<byte[]> evidence) {
        PeriodFigures f = r.figures();
        ZoneId zone = r.client().zone();
        boolean week = r.period().kind() == ReportPeriod.Kind.WEEK;
        String word = r.period().noun();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", clean(title(r)));
        m.put("mspName", clean(r.msp().name() == null ? "" : r.msp().name()));
        m.put("logo", r.msp().logoDataUri());
        // a CSS string in the page rule: no quote, backslash or line break (a raw newline ends the string, the rule is
        // dropped and the footer falls back to a font the renderer has not got: a client name with a line break stopped
        // it)
        m.put(
                "footerLeft",
                clean(title(r)).replace("\"", "").replace("\\", "").replace('\n', ' ') + " · issued "
                        + local(r.generatedAt(), zone));
        m.put("periodNoun", week ? "Week" : "Month");
        m.put("periodWord", word);
        m.put("label", r.period().label());
        String[] days = r.period().dayRange().split(" – ");
        m.put("firstDay", days[0]);
        m.put("lastDay", days[1]);
        m.put("zone", zone.getId());
        m.put("contacts", clean(String.join(", ", r.client().contacts())));
        m.put("issued", local(r.generatedAt(), zone));
        m.put("partial", r.partial());
        m.put(
                "dataFrom",
                r.dataFrom() < 0 ? "-" : local(Math.max(r.dataFrom(), r.period().startMs()), zone));
        m.put("summary", clean(r.summary()));
        boolean below = f.rows().stream().anyMatch(TierMetricFigures::belowGoal);
        m.put("anyBelowGoal", below);

        List<Map<String, Object>> tiles = new ArrayList<>();
        tile(tiles, "Tickets opened", Long.toString(f.ticketsCreated()), "1");
        tile(tiles, "Targets met", Long.toString(f.met()), "2");
        tile(tiles, "Targets breached", Long.toString(f.breached()), "2");
        tile(tiles, "Adherence", pct(f.adherencePercent()), "2");
        tile(tiles, "Escalations", Integer.toString(f.escalations().size()), "3");
        tile(tiles, "Chain alerts", Integer.toString(f.chains().size()), "4");
        tile(tiles, "Open at " + word + " end", Long.toString(f.backlog().open()), "5");
        m.put("tiles", tiles);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (TierMetricFigures row : f.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("tier", clean(row.tier()));
            x.put("metric", row.metric().name().toLowerCase(Locale.ROOT));
            x.put("target", clean(row.target() == null ? "-" : row.target()));
            x.put("clock", row.clock());
            x.put("goal", pct(row.goalPercent()));
            x.put("met", row.met());
            x.put("breached", row.breached());
            x.put("adherence", pct(row.adherencePercent()));
            boolean under = row.belowGoal();
            x.put("under", under);
            x.put("verdictClass", row.decided() == 0 ? "muted" : under ? "bad" : "good");
            x.put("verdict", row.decided() == 0 ? "nothing decided" : under ? "below goal" : "meets goal");
            x.put("barWidth", Double.isNaN(row.adherencePercent()) ? 0 : Math.round(row.adherencePercent()));
            x.put("goalLeft", Math.min(99, Math.round(row.goalPercent())));
            x.put("trendText", trend(row.adherencePercent(), r.previousPercent(row.tier(), row.metric()), word));
            x.put("mean", duration(row.meanMs()));
            x.put("p90", duration(row.p90Ms()));
            x.put("meanWall", duration(row.meanWallMs()));
            rows.add(x);
        }
        m.put("rows", rows);
        m.put("hasRows", !rows.isEmpty());

        // always the last 12 periods, oldest first, so the bars keep their width; a period without data shows "-"
        List<Map<String, Object>> trend = new ArrayList<>();
        List<ReportPeriod> periods = new ArrayList<>();
        ReportPeriod p = r.period();
        for (int i = 0; i < TrendHistory.PERIODS; i++, p = p.previous()) periods.add(0, p);
        for (ReportPeriod period : periods) {
            PeriodSummary s = r.trend().stream()
                    .filter(t -> t.label().equals(period.label()))
                    .findFirst()
                    .orElse(null);
            double pc = s == null ? Double.NaN : s.adherencePercent();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("label", period.label());
            x.put("value", pct(pc));
            x.put("has", !Double.isNaN(pc));
            x.put("height", Double.isNaN(pc) ? 0 : Math.max(1, Math.round(pc)));
            x.put("under", !Double.isNaN(pc) && pc < r.goalPercent());
            x.put("now", period.equals(r.period()));
            x.put("goalBottom", Math.round(r.goalPercent()));
            trend.add(x);
        }
        m.put("trend", trend);
        m.put("trendCount", trend.size());
        m.put("goal", pct(r.goalPercent()));

        if (r.credit() != null) m.put("credit", credit(r.credit(), r.period().label()));
        PeriodFigures.Backlog b = f.backlog();
        m.put(
                "backlog",
                b.open() == 0
                        ? "No ticket was open at the end of the " + word + "."
                        : b.open() + (b.open() == 1 ? " ticket" : " tickets") + " open at the end of the " + word + ": "
                                + b.paused() + " paused, " + b.breached() + " already breached.");

        List<Map<String, Object>> breaches = new ArrayList<>();
        for (BreachedTarget t : f.breaches()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("ticket", clean(t.ticketId()));
            x.put("link", t.link());
            x.put(
                    "subject",
                    t.subject() == null || t.subject().isBlank() ? null : clean(t.subject())); // escaped by Mustache
            x.put("tier", clean(t.tier()));
            x.put("metric", t.metric().name().toLowerCase(Locale.ROOT));
            x.put("deadline", local(t.deadline(), zone));
            x.put("open", t.satisfiedAt() < 0);
            x.put("metAt", local(t.satisfiedAt(), zone));
            x.put("lateBy", duration(t.lateByMs()) + (t.satisfiedAt() < 0 ? " so far" : ""));
            x.put("paused", t.pausedMs() > 0 ? duration(t.pausedMs()) : null);
            List<Map<String, Object>> xs = new ArrayList<>();
            for (EscalationLine e : t.escalations()) {
                xs.add(Map.of(
                        "at",
                        local(e.firedAt(), zone),
                        "role",
                        clean(e.role()),
                        "to",
                        clean(e.to() == null ? "(role queue)" : e.to())));
            }
            x.put("escalations", xs);
            x.put("records", clean(String.join(", ", t.evidence())));
            breaches.add(x);
        }
        m.put("breaches", breaches);
        m.put("hasBreaches", !breaches.isEmpty());
        m.put("breachCount", breaches.size());

        List<Map<String, Object>> escalations = new ArrayList<>();
        for (EscalationLine e : f.escalations()) {
            escalations.add(Map.of(
                    "at",
                    local(e.firedAt(), zone),
                    "ticket",
                    clean(e.ticketId()),
                    "tier",
                    clean(e.tier()),
                    "metric",
                    e.metric().name().toLowerCase(Locale.ROOT),
                    "level",
                    e.level(),
                    "role",
                    clean(e.role()),
                    "to",
                    clean(e.to() == null ? "(role queue)" : e.to())));
        }
        m.put("escalationList", escalations);
        m.put("hasEscalations", !escalations.isEmpty());
        m.put("escalationCount", escalations.size());

        List<Map<String, Object>> chains = new ArrayList<>();
        for (ReportInput.ChainNote c : f.chains()) {
            chains.add(
                    Map.of("at", local(c.firedAt(), zone), "description", clean(c.description()), "id", clean(c.id())));
        }
        m.put("chains", chains);
        m.put("hasChains", !chains.isEmpty());
        m.put("chainCount", chains.size());

        List<Map<String, Object>> corrections = new ArrayList<>();
        for (ReportCorrection c : r.corrections()) {
            corrections.add(Map.of(
                    "period", c.periodLabel(), "text", clean(c.describe()), "knownAt", local(c.knownAt(), zone)));
        }
        m.put("corrections", corrections);
        m.put("hasCorrections", !corrections.isEmpty());
        m.put("correctionCount", corrections.size());

        m.put("evidenceCount", evidence.size());
        m.put("algorithm", ReportEvidence.ALGORITHM);
        m.put("digest", ReportEvidence.digest(evidence));
        m.put("reportFile", r.period().label() + ".json");
        m.put("lateness", minutes(r.generatedAt() - r.period().endMs()));
        return m;
    }

    private static Map<String, Object> credit(CreditAssessment c, String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("due", c.creditDue());
        String pctOwed = c.percentOwed().stripTrailingZeros().toPlainString();
        m.put(
                "headline",
                c.creditDue()
                        ? "Credit owed: " + c.owed().display() + " (" + pctOwed + "% of the monthly fee of "
                                + c.monthlyFee().display()
                                + (c.capped()
                                        ? ", capped at "
                                                + c.capPercent()
                                                        .stripTrailingZeros()
                                                        .toPlainString() + "%"
                                        : "")
                                + ")."
                        : "No credit due: "
                                + (c.tiers().stream().anyMatch(CreditAssessment.TierVerdict::missed)
                                        ? "the tiers that missed their goal carry no credit."
                                        : "every tier met its goal."));
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (CreditAssessment.TierVerdict v : c.tiers()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("tier", clean(v.tier()));
            x.put("met", v.met());
            x.put("decided", v.decided());
            x.put("adherence", pct(v.adherencePercent()));
            x.put("goal", pct(v.goalPercent()));
            x.put("verdictClass", v.decided() == 0 ? "muted" : v.missed() ? "bad" : "good");
            x.put("verdict", v.decided() == 0 ? "nothing decided" : v.missed() ? "missed" : "met");
            x.put(
                    "credit",
                    v.creditPercent().signum() == 0
                            ? "-"
                            : v.creditPercent().stripTrailingZeros().toPlainString() + "%");
            tiers.add(x);
        }
        m.put("tiers", tiers);
        m.put(
                "basis",
                "A tier misses its goal when met ÷ decided over its response and resolution targets in the month is"
                        + " below the goal; each tier that misses adds its credit, in percent of the monthly fee; the total is capped at "
                        + c.capPercent().stripTrailingZeros().toPlainString() + "%.");
        return m;
    }

    private static void tile(List<Map<String, Object>> tiles, String label, String value, String note) {
        tiles.add(Map.of("label", label, "value", value, "note", note));
    }

    static String trend(double now, double prev, String word) {
        if (Double.isNaN(now)) return "-";
        if (Double.isNaN(prev)) return "new";
        double d = now - prev;
        if (Math.abs(d) < 0.05) return "level";
        return String.format(Locale.ROOT, "%s %.1f pt", d > 0 ? "▲" : "▼", Math.abs(d));
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** "45 min", "3 h 05 min", "26 h 10 min": hours and minutes, never days (a business day is not 24 h). */
    static String duration(long ms) {
        if (ms < 0) return "-";
        long min = Math.round(ms / 60_000.0);
        if (min < 60) return min + " min";
        return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }

    private static String minutes(long ms) {
        long min = ms / 60_000;
        return min + (min == 1 ? " minute" : " minutes");
    }

    private static String local(long ms, ZoneId zone) {
        return ms < 0 ? "-" : LOCAL.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    /** Drops characters XML 1.0 cannot carry, so the PDF renderer's parser never fails; Mustache escapes the rest. */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 0x20 || c == '\n' || c == '\t') && c != 0xFFFE && c != 0xFFFF) b.append(c);
        }
        return b.toString();
    }
}
