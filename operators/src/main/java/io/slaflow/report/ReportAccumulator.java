package io.slaflow.report;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.policy.Metric;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a period's figures from the latest outcome of every ticket × metric and the breaches, escalations and
 * chain alerts of the client. The same code serves the streaming builder and {@code slaflow report} on replay files,
 * so both give the same report. Durations are kept exactly (a period holds few enough targets per client), so
 * means and p90 are exact.
 */
public final class ReportAccumulator {
    private ReportAccumulator() {}

    public static PeriodFigures figures(ReportClient client, ReportPeriod period, Iterable<OutcomeUpdate> latest,
                                        Iterable<ReportInput> events) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // tier:metric -> met, breached
        Map<String, List<Long>> durations = new HashMap<>();
        Set<String> created = new HashSet<>();
        List<OutcomeUpdate> breachedOutcomes = new ArrayList<>();
        long met = 0, breached = 0;
        for (OutcomeUpdate u : latest) {
            if (!u.clientId().equals(client.id())) continue; // isolation is a property of this code, not of the caller
            TargetContribution c = TargetContribution.of(u);
            String key = u.tier() + ":" + u.metric();
            if (u.metric() == Metric.RESPONSE && period.contains(u.startedAt())) created.add(u.ticketId());
            if (c.decided() != null && period.contains(c.decidedAt())) {
                long[] mb = counts.computeIfAbsent(key, k -> new long[2]);
                if (c.decided() == Outcome.MET) { mb[0]++; met++; }
                else { mb[1]++; breached++; breachedOutcomes.add(u); }
            }
            if (c.satisfiedAt() >= 0 && period.contains(c.satisfiedAt())) {
                counts.computeIfAbsent(key, k -> new long[2]);
                durations.computeIfAbsent(key, k -> new ArrayList<>()).add(c.durationMs());
            }
        }

        Map<String, List<String>> evidence = new HashMap<>();
        Map<String, Long> firstEscalation = new HashMap<>();
        List<EscalationLine> escalations = new ArrayList<>();
        List<ReportInput.ChainNote> chains = new ArrayList<>();
        for (ReportInput in : events) {
            if (!in.clientId().equals(client.id())) continue;
            if (in.breach() != null) {
                evidence.computeIfAbsent(in.breach().ticketId() + ":" + in.breach().metric(), k -> new ArrayList<>())
                        .add(in.breach().id());
            } else if (in.escalation() != null) {
                Escalation x = in.escalation();
                String key = x.ticketId() + ":" + x.metric();
                evidence.computeIfAbsent(key, k -> new ArrayList<>()).add(x.id());
                firstEscalation.merge(key, x.firedAt(), Math::min);
                if (period.contains(x.firedAt())) {
                    escalations.add(new EscalationLine(x.id(), x.ticketId(), x.tier(), x.metric(), x.level(), x.role(),
                            x.to(), x.breachedAt(), x.firedAt()));
                }
            } else if (in.chain() != null && period.contains(in.chain().firedAt())) {
                chains.add(in.chain());
            }
        }

        List<TierMetricFigures> rows = new ArrayList<>();
        List<String> order = new ArrayList<>(client.targets().keySet());
        for (String key : counts.keySet()) if (!order.contains(key)) order.add(key); // a tier no longer in the policy
        for (String key : order) {
            long[] mb = counts.get(key);
            if (mb == null) continue;
            int colon = key.lastIndexOf(':');
            String tier = key.substring(0, colon);
            Metric metric = Metric.valueOf(key.substring(colon + 1));
            List<Long> d = durations.getOrDefault(key, List.of());
            rows.add(new TierMetricFigures(tier, metric, client.targets().get(key), mb[0], mb[1], d.size(),
                    mean(d), percentile(d, 0.9)));
        }

        List<BreachedTarget> breachList = new ArrayList<>();
        for (OutcomeUpdate u : breachedOutcomes) {
            String key = u.key();
            List<String> ev = new ArrayList<>(evidence.getOrDefault(key, List.of()));
            ev.sort(Comparator.naturalOrder());
            breachList.add(new BreachedTarget(u.ticketId(), u.tier(), u.metric(), u.startedAt(), u.deadline(),
                    TargetContribution.of(u).decidedAt(), u.completedAt(), firstEscalation.getOrDefault(key, -1L),
                    ev));
        }
        breachList.sort(Comparator.comparingLong(BreachedTarget::breachedAt).thenComparing(BreachedTarget::ticketId)
                .thenComparing(BreachedTarget::metric));
        escalations.sort(Comparator.comparingLong(EscalationLine::firedAt).thenComparing(EscalationLine::id));
        chains.sort(Comparator.comparingLong(ReportInput.ChainNote::firedAt).thenComparing(ReportInput.ChainNote::id));
        return new PeriodFigures(period.label(), created.size(), met, breached, rows, breachList,
                escalations, chains); // plain ArrayLists: Flink's Kryo fallback cannot rebuild immutable lists
    }

    static long mean(List<Long> d) {
        if (d.isEmpty()) return -1;
        long sum = 0;
        for (long x : d) sum += x;
        return Math.round((double) sum / d.size());
    }

    /** Nearest rank: the smallest value with at least q of the samples at or below it. */
    static long percentile(List<Long> d, double q) {
        if (d.isEmpty()) return -1;
        long[] s = d.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, rank - 1)];
    }
}
