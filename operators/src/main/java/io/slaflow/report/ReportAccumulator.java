package io.slaflow.report;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.policy.Metric;
import io.slaflow.report.PeriodFigures.Backlog;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a period's figures from one version of every ticket × metric and the breaches, escalations and chain
 * alerts of the client. The same code serves the streaming builder (the versions known at the period's end), the
 * {@code slaflow report} command (a replay's files) and {@code slaflow report verify} (a report's own evidence), so
 * all three agree. Durations are kept exactly (a period holds few enough targets per client), so means and p90 are
 * exact.
 */
public final class ReportAccumulator {
    private ReportAccumulator() {}

    /** Wall-clock durations and the default goal: the figures as the dashboards count them (tests, benchmarks). */
    public static PeriodFigures figures(
            ReportClient client, ReportPeriod period, Iterable<OutcomeUpdate> latest, Iterable<ReportInput> events) {
        return figures(client, ContractClocks.WALL, period, 95.0, latest, events);
    }

    /**
     * @param latest one version per ticket × metric (others' and other clients' are ignored)
     * @param events breaches, escalations and chain alerts; only those before the period's end count (an escalation
     *               after it belongs to the next report)
     */
    public static PeriodFigures figures(
            ReportClient client,
            ContractClocks clocks,
            ReportPeriod period,
            double defaultGoal,
            Iterable<OutcomeUpdate> latest,
            Iterable<ReportInput> events) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // tier:metric -> met, breached
        Map<String, List<long[]>> durations = new HashMap<>(); // tier:metric -> [contract clock, wall]
        Set<String> created = new HashSet<>();
        List<OutcomeUpdate> breachedOutcomes = new ArrayList<>();
        List<OutcomeUpdate> counted = new ArrayList<>();
        long met = 0, breached = 0, open = 0, paused = 0, openBreached = 0;
        for (OutcomeUpdate u : latest) {
            if (!u.clientId().equals(client.id())) continue; // isolation is a property of this code, not of the caller
            TargetContribution c = TargetContribution.of(u);
            String key = u.tier() + ":" + u.metric();
            boolean counts_ = false;
            if (u.metric() == Metric.RESPONSE && period.contains(u.startedAt())) {
                created.add(u.ticketId());
                counts_ = true;
            }
            if (c.decided() != null && period.contains(c.decidedAt())) {
                long[] mb = counts.computeIfAbsent(key, k -> new long[2]);
                if (c.decided() == Outcome.MET) {
                    mb[0]++;
                    met++;
                } else {
                    mb[1]++;
                    breached++;
                    breachedOutcomes.add(u);
                }
                counts_ = true;
            }
            if (c.satisfiedAt() >= 0 && period.contains(c.satisfiedAt())) {
                counts.computeIfAbsent(key, k -> new long[2]);
                durations
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new long[] {contractDuration(clocks, u, c.satisfiedAt()), c.durationMs()});
                counts_ = true;
            }
            if (u.metric() == Metric.RESOLUTION
                    && u.startedAt() < period.endMs()
                    && (u.completedAt() < 0 || u.completedAt() >= period.endMs())) {
                counts_ = true; // evidence of the backlog
                open++;
                if (u.outcome() == Outcome.PENDING && u.deadline() < 0) paused++; // no deadline: its clock is paused
                if (u.breachedAt() >= 0 && u.breachedAt() < period.endMs()) openBreached++;
            }
            if (counts_) counted.add(u);
        }

        Map<String, List<String>> evidence = new HashMap<>();
        Map<String, List<EscalationLine>> escalationsOf = new HashMap<>();
        List<EscalationLine> escalations = new ArrayList<>();
        List<ReportInput.ChainNote> chains = new ArrayList<>();
        List<SlaAlert> breachRecords = new ArrayList<>();
        Map<String, String> subjectOf = new HashMap<>();
        for (ReportInput in : events) {
            if (in.outcome() != null || !in.clientId().equals(client.id())) continue;
            if (in.ticket() != null) {
                if (in.ticket().subject() != null)
                    subjectOf.put(in.ticket().ticketId(), in.ticket().subject());
                continue;
            }
            if (in.firedAt() >= period.endMs()) continue; // not yet known when the period ended
            if (in.breach() != null) {
                evidence.computeIfAbsent(
                                in.breach().ticketId() + ":" + in.breach().metric(), k -> new ArrayList<>())
                        .add(in.breach().id());
                if (period.contains(in.breach().firedAt())) breachRecords.add(in.breach());
            } else if (in.escalation() != null) {
                Escalation x = in.escalation();
                String key = x.ticketId() + ":" + x.metric();
                EscalationLine line = new EscalationLine(
                        x.id(),
                        x.ticketId(),
                        x.tier(),
                        x.metric(),
                        x.level(),
                        x.role(),
                        x.to(),
                        x.breachedAt(),
                        x.firedAt());
                evidence.computeIfAbsent(key, k -> new ArrayList<>()).add(x.id());
                escalationsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
                if (period.contains(x.firedAt())) escalations.add(line);
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
            List<long[]> d = durations.getOrDefault(key, List.of());
            List<Long> contract = d.stream().map(x -> x[0]).toList();
            List<Long> wall = d.stream().map(x -> x[1]).toList();
            rows.add(new TierMetricFigures(
                    tier,
                    metric,
                    client.targets().get(key),
                    client.clock(tier),
                    client.contract().goalFor(tier, defaultGoal),
                    mb[0],
                    mb[1],
                    d.size(),
                    mean(contract),
                    percentile(contract, 0.9),
                    mean(wall),
                    percentile(wall, 0.9)));
        }

        List<BreachedTarget> breachList = new ArrayList<>();
        for (OutcomeUpdate u : breachedOutcomes) {
            String key = u.key();
            List<String> ev = new ArrayList<>(evidence.getOrDefault(key, List.of()));
            ev.sort(Comparator.naturalOrder());
            List<EscalationLine> xs = new ArrayList<>(escalationsOf.getOrDefault(key, List.of()));
            xs.sort(Comparator.comparingLong(EscalationLine::firedAt).thenComparing(EscalationLine::id));
            long satisfied = u.completedAt() >= 0 && u.completedAt() < period.endMs() ? u.completedAt() : -1;
            long end = satisfied >= 0 ? satisfied : period.endMs();
            long lateBy = lateByMs(clocks, u, satisfied, end);
            breachList.add(new BreachedTarget(
                    u.ticketId(),
                    u.tier(),
                    u.metric(),
                    u.startedAt(),
                    u.deadline(),
                    TargetContribution.of(u).decidedAt(),
                    satisfied,
                    lateBy,
                    pausedMs(clocks, u, satisfied, end),
                    xs,
                    ev,
                    client.ticketLink(u.ticketId()),
                    subjectOf.get(u.ticketId())));
        }
        breachList.sort(Comparator.comparingLong(BreachedTarget::breachedAt)
                .thenComparing(BreachedTarget::ticketId)
                .thenComparing(BreachedTarget::metric));
        escalations.sort(Comparator.comparingLong(EscalationLine::firedAt).thenComparing(EscalationLine::id));
        chains.sort(Comparator.comparingLong(ReportInput.ChainNote::firedAt).thenComparing(ReportInput.ChainNote::id));
        counted.sort(Comparator.comparing(OutcomeUpdate::key));
        Map<String, String> subjects = new HashMap<>();
        for (OutcomeUpdate u : counted) {
            String subject = subjectOf.get(u.ticketId());
            if (subject != null) subjects.put(u.ticketId(), subject);
        }
        breachRecords.sort(Comparator.comparingLong(SlaAlert::firedAt).thenComparing(SlaAlert::id));
        return new PeriodFigures(
                period.label(),
                created.size(),
                met,
                breached,
                rows,
                breachList,
                escalations,
                chains,
                new Backlog(open, paused, openBreached),
                counted,
                breachRecords,
                subjects);
        // plain ArrayLists: Flink's Kryo fallback cannot rebuild immutable lists
    }

    /**
     * Time to satisfy on the contract's clock, pauses excluded: what the clock counted ({@link OutcomeUpdate#countedMs}),
     * the figure "met" is judged on; for a record written without the count, the span from start to satisfaction on the
     * tier's calendar (pauses included).
     */
    static long contractDuration(ContractClocks clocks, OutcomeUpdate u, long satisfiedAt) {
        if (u.countedMs() >= 0 && u.completedAt() == satisfiedAt && u.countingSince() < 0) return u.countedMs();
        return clocks.between(u.tier(), u.startedAt(), satisfiedAt);
    }

    /**
     * How late a breached target was at {@code end} (its satisfaction, or the period's end while open), on the
     * contract's clock: the time its clock counted from the start to {@code end} beyond the target
     * ({@link OutcomeUpdate#budgetMs}), so a pause after the deadline is not lateness, as no pause is counted time
     * (README, "Adherence: the definitions"). Zero when the count is within the target (a breach followed by a priority
     * change to a longer target). For a record that does not carry its clock's count to {@code end} (files written
     * before it; the final version of a target satisfied after the period, in a report rebuilt from a replay's
     * records), the span from the deadline to {@code end} on the tier's calendar, as earlier versions counted it:
     * every pause before the deadline already moved it, one after it is inside that span.
     */
    public static long lateByMs(ContractClocks clocks, OutcomeUpdate u, long satisfied, long end) {
        long counted = u.knowsBudget() ? countedAt(clocks, u, satisfied, end) : -1;
        if (counted < 0) return clocks.between(u.tier(), u.deadline(), end);
        return Math.max(0, counted - u.budgetMs());
    }

    /**
     * The time the target's clock stood paused between its start and {@code end} (its satisfaction, or the period's
     * end while open), on the contract's clock: the clock's span minus what it counted ({@link OutcomeUpdate#countedMs}).
     * -1 when that count is unknown, or the version known is from after {@code end} (satisfied later: a report rebuilt
     * from a replay's final records), where the count at {@code end} cannot be told.
     */
    static long pausedMs(ContractClocks clocks, OutcomeUpdate u, long satisfied, long end) {
        long counted = countedAt(clocks, u, satisfied, end);
        if (counted < 0) return -1;
        return Math.max(0, clocks.between(u.tier(), u.startedAt(), end) - counted);
    }

    /**
     * What the target's clock counted from its start to {@code end}, from the record's count
     * ({@link OutcomeUpdate#countedMs}, {@link OutcomeUpdate#countingSince}); -1 when the record has no count, or is a
     * version from after {@code end} (satisfied after it, or running since after it), where the count at {@code end}
     * cannot be told. A record paused (or stopped) with its count is taken as paused at {@code end}.
     */
    static long countedAt(ContractClocks clocks, OutcomeUpdate u, long satisfied, long end) {
        if (u.countedMs() < 0) return -1;
        if (u.completedAt() >= 0) {
            return u.completedAt() == satisfied
                    ? u.countedMs()
                    : -1; // satisfied after the period: its count is to then
        }
        if (u.countingSince() >= 0) {
            if (u.countingSince() > end) return -1;
            return u.countedMs() + clocks.between(u.tier(), u.countingSince(), end);
        }
        return u.countedMs(); // paused (or stopped) with this count
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
