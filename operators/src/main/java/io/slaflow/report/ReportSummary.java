package io.slaflow.report;

import io.slaflow.contract.CreditAssessment;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paragraph at the top of a report: the overall figure and its trend, which targets missed their goal, the
 * breaches and how fast they were escalated, the credit (monthly) and corrections to earlier reports. For example
 * "98.4% of SLA targets met across all tiers (down from 100.0% last week). Below goal: P1 response 75.0% (goal
 * 95.0%). 2 P1 response breaches, both escalated within 30 minutes."
 */
public final class ReportSummary {
    private ReportSummary() {}

    /** The summary without contract or corrections (tests). */
    public static String of(ReportPeriod period, PeriodFigures f, PeriodSummary previous) {
        return of(period, f, previous, null, List.of());
    }

    public static String of(
            ReportPeriod period,
            PeriodFigures f,
            PeriodSummary previous,
            CreditAssessment credit,
            List<ReportCorrection> corrections) {
        StringBuilder s = new StringBuilder();
        if (f.decided() == 0) {
            s.append("No SLA targets were decided this ")
                    .append(period.noun())
                    .append(" (")
                    .append(f.ticketsCreated())
                    .append(f.ticketsCreated() == 1 ? " ticket" : " tickets")
                    .append(" opened).");
        } else {
            s.append(percent(f.adherencePercent())).append(" of SLA targets met across all tiers");
            if (previous != null && previous.met() + previous.breached() > 0) {
                double before = previous.adherencePercent();
                double now = f.adherencePercent();
                String word = Math.abs(now - before) < 0.05 ? "level with" : now > before ? "up from" : "down from";
                s.append(" (")
                        .append(word)
                        .append(' ')
                        .append(percent(before))
                        .append(" last ")
                        .append(period.noun())
                        .append(')');
            }
            s.append('.');
            List<String> below = new ArrayList<>();
            for (TierMetricFigures r : f.rows()) {
                if (r.belowGoal()) {
                    below.add(r.tier() + " " + r.metric().name().toLowerCase(Locale.ROOT) + " "
                            + percent(r.adherencePercent()) + " (goal " + percent(r.goalPercent()) + ")");
                }
            }
            s.append(
                    below.isEmpty() ? " Every target met its goal." : " Below goal: " + String.join(", ", below) + ".");
            s.append(' ').append(breaches(f));
        }
        if (credit != null) {
            if (credit.creditDue()) {
                s.append(" Service credit owed: ")
                        .append(credit.owed().display())
                        .append(" (")
                        .append(credit.percentOwed().stripTrailingZeros().toPlainString())
                        .append("% of the monthly fee")
                        .append(credit.capped() ? ", capped" : "")
                        .append(").");
            } else if (credit.tiers().stream().anyMatch(io.slaflow.contract.CreditAssessment.TierVerdict::missed)) {
                s.append(" No service credit due: the contract attaches no credit to the goals missed.");
            } else {
                s.append(" No service credit due.");
            }
        }
        if (!corrections.isEmpty()) {
            s.append(' ')
                    .append(corrections.size())
                    .append(corrections.size() == 1 ? " correction" : " corrections")
                    .append(" to earlier ")
                    .append(period.noun())
                    .append("s (see Corrections).");
        }
        return s.toString();
    }

    private static String breaches(PeriodFigures f) {
        if (f.breaches().isEmpty()) return "No breaches.";
        // group breaches by tier and metric, in report order (most severe tier first)
        Map<String, List<BreachedTarget>> groups = new LinkedHashMap<>();
        for (TierMetricFigures r : f.rows()) {
            for (BreachedTarget b : f.breaches()) {
                if (b.tier().equals(r.tier()) && b.metric() == r.metric()) {
                    groups.computeIfAbsent(
                                    r.tier() + " " + r.metric().name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(b);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, List<BreachedTarget>> g : groups.entrySet()) {
            if (shown++ == 2) {
                parts.add("and " + (groups.size() - 2) + " more tier/target group" + (groups.size() - 2 == 1 ? "" : "s")
                        + " with breaches");
                break;
            }
            parts.add(breachPhrase(g.getKey(), g.getValue()));
        }
        String joined = String.join("; ", parts);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }

    private static String breachPhrase(String what, List<BreachedTarget> list) {
        int n = list.size();
        StringBuilder p =
                new StringBuilder().append(n).append(' ').append(what).append(n == 1 ? " breach" : " breaches");
        int escalated = 0;
        long slowest = 0;
        for (BreachedTarget b : list) {
            if (b.firstEscalatedAt() >= 0) {
                escalated++;
                slowest = Math.max(slowest, b.firstEscalatedAt() - b.breachedAt());
            }
        }
        if (escalated == 0) return p.toString();
        String who = escalated == n ? (n == 1 ? "" : n == 2 ? "both " : "all ") : escalated + " of " + n + " ";
        return p.append(", ")
                .append(who)
                .append("escalated within ")
                .append(minutes(slowest))
                .toString();
    }

    /** Rounded up to whole minutes ("30 minutes", "1 minute", "2 h 5 min"). */
    static String minutes(long ms) {
        long min = Math.max(1, (ms + 59_999) / 60_000);
        if (min < 120) return min + (min == 1 ? " minute" : " minutes");
        return (min / 60) + " h" + (min % 60 == 0 ? "" : " " + (min % 60) + " min");
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}
