package io.slaflow.report;

import io.slaflow.report.PeriodFigures.BreachedTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sentence at the top of a report, e.g. "98.4% of SLAs met across all tiers (up from 97.1% last week);
 * 2 P1 response breaches, both escalated within 30 minutes."
 */
public final class ReportSummary {
    private ReportSummary() {}

    public static String of(ReportPeriod period, PeriodFigures f, PeriodFigures previous) {
        if (f.decided() == 0) {
            return "No SLA targets were decided this " + period.noun() + " (" + f.ticketsCreated() + " tickets opened).";
        }
        StringBuilder s = new StringBuilder(percent(f.adherencePercent())).append(" of SLAs met across all tiers");
        if (previous != null && previous.decided() > 0) {
            double before = previous.adherencePercent();
            double now = f.adherencePercent();
            String word = Math.abs(now - before) < 0.05 ? "level with" : now > before ? "up from" : "down from";
            s.append(" (").append(word).append(' ').append(percent(before)).append(" last ").append(period.noun()).append(')');
        }
        if (f.breaches().isEmpty()) {
            return s.append("; no breaches.").toString();
        }
        // group breaches by tier and metric, in report order (most severe tier first)
        Map<String, List<BreachedTarget>> groups = new LinkedHashMap<>();
        for (PeriodFigures.TierMetricFigures r : f.rows()) {
            for (BreachedTarget b : f.breaches()) {
                if (b.tier().equals(r.tier()) && b.metric() == r.metric()) {
                    groups.computeIfAbsent(r.tier() + " " + r.metric().name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(b);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, List<BreachedTarget>> g : groups.entrySet()) {
            if (shown++ == 2) {
                parts.add("and " + (groups.size() - 2) + " more tier/target group" + (groups.size() - 2 == 1 ? "" : "s") + " with breaches");
                break;
            }
            parts.add(breachPhrase(g.getKey(), g.getValue()));
        }
        return s.append("; ").append(String.join("; ", parts)).append('.').toString();
    }

    private static String breachPhrase(String what, List<BreachedTarget> list) {
        int n = list.size();
        StringBuilder p = new StringBuilder().append(n).append(' ').append(what).append(n == 1 ? " breach" : " breaches");
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
        return p.append(", ").append(who).append("escalated within ").append(minutes(slowest)).toString();
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
