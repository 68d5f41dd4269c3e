package io.slaflow.simulate;

import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import io.slaflow.simulate.ClientMonth.TierTally;
import io.slaflow.simulate.ServiceCredits.MonthCredit;
import io.slaflow.sla.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Service credits owed under each policy, per client and month of the history, and in total per client: the months
 * are counted here ({@link ClientMonth}), the contract terms price them ({@link ServiceCredits}).
 */
public final class Credits {

    /** One client's month under one policy: its tallies and what they cost (null: no credit terms stated). */
    public record MonthLine(ClientMonth month, MonthCredit credit) {}

    /**
     * One client under one policy.
     *
     * @param stated   the policy states credit terms for the client
     * @param owed     the credits owed over the history's months, per currency (empty when none is owed or no fee is stated)
     * @param months   every month the client decided something in, oldest first
     */
    public record PolicyCredits(boolean stated, Map<String, BigDecimal> owed, List<MonthLine> months) {}

    /** One client under every policy, in policy order. */
    public record ClientCredits(String clientId, List<PolicyCredits> byPolicy) {
        /** What policy {@code p} would owe the client beyond the current policy, per currency (negative: less); zeros left out. */
        public Map<String, BigDecimal> changeOwed(int p) {
            return difference(byPolicy.get(p).owed(), byPolicy.get(0).owed());
        }
    }

    private final List<ClientCredits> clients;

    private Credits(List<ClientCredits> clients) {
        this.clients = clients;
    }

    /**
     * @param historyFromMs the history's first instant (its first event)
     * @param historyToMs   its last (the as-of time): a month not wholly inside is partial
     */
    public static Credits of(
            List<SimulatedTarget> inScope,
            List<SimulatedPolicy> policies,
            ServiceCredits terms,
            long historyFromMs,
            long historyToMs) {
        Map<String, List<PolicyCredits>> byClient = new TreeMap<>();
        if (terms == ServiceCredits.NOT_STATED) {
            return new Credits(List.of()); // no policy can state terms: no month needs counting
        }
        for (int p = 0; p < policies.size(); p++) {
            SlaPolicy policy = policies.get(p).policy();
            Map<String, List<ClientMonth>> months = months(inScope, p, policy, historyFromMs, historyToMs);
            for (var e : months.entrySet()) {
                byClient.computeIfAbsent(e.getKey(), c -> new ArrayList<>());
            }
            for (String client : byClient.keySet()) {
                List<MonthLine> lines = new ArrayList<>();
                Map<String, BigDecimal> owed = new TreeMap<>();
                boolean stated = false;
                for (ClientMonth m : months.getOrDefault(client, List.of())) {
                    MonthCredit c = terms.assess(policy, m);
                    stated |= c != null;
                    if (c != null && c.amount() != null && c.amount().signum() > 0)
                        owed.merge(c.currency(), c.amount(), BigDecimal::add);
                    lines.add(new MonthLine(m, c));
                }
                List<PolicyCredits> list = byClient.get(client);
                while (list.size() < p)
                    list.add(new PolicyCredits(false, Map.of(), List.of())); // not seen by earlier policies
                list.add(new PolicyCredits(stated, owed, List.copyOf(lines)));
            }
        }
        List<ClientCredits> clients = new ArrayList<>();
        byClient.forEach((client, list) -> clients.add(new ClientCredits(client, List.copyOf(list))));
        return new Credits(List.copyOf(clients));
    }

    public List<ClientCredits> clients() {
        return clients;
    }

    /** Everything policy {@code p} would owe the clients in scope, per currency. */
    public Map<String, BigDecimal> totalOwed(int p) {
        Map<String, BigDecimal> sum = new TreeMap<>();
        for (ClientCredits c : clients)
            c.byPolicy().get(p).owed().forEach((cur, v) -> sum.merge(cur, v, BigDecimal::add));
        return sum;
    }

    /** {@link #totalOwed} of policy {@code p} minus the current policy's, per currency; zeros left out. */
    public Map<String, BigDecimal> totalChange(int p) {
        return difference(totalOwed(p), totalOwed(0));
    }

    static Map<String, BigDecimal> difference(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Map<String, BigDecimal> d = new TreeMap<>(a);
        b.forEach((cur, v) -> d.merge(cur, v.negate(), BigDecimal::add));
        d.values().removeIf(v -> v.signum() == 0);
        return d;
    }

    /** Whether any policy states credit terms for any client in scope. */
    public boolean anyStated() {
        return clients.stream().anyMatch(c -> c.byPolicy().stream().anyMatch(PolicyCredits::stated));
    }

    /** Each client's months under policy {@code p}, month by month, with the tiers in the policy's order. */
    static Map<String, List<ClientMonth>> months(
            List<SimulatedTarget> inScope, int p, SlaPolicy policy, long historyFromMs, long historyToMs) {
        Map<String, Map<YearMonth, Map<String, long[]>>> tallies = new TreeMap<>();
        Map<String, ZoneId> zones = new HashMap<>();
        for (SimulatedTarget t : inScope) {
            PolicyOutcome o = t.under(p);
            if (o == null || o.outcome() == Outcome.PENDING) continue;
            long decidedAt = o.outcome() == Outcome.MET ? o.completedAt() : o.breachedAt();
            ZoneId zone =
                    zones.computeIfAbsent(t.clientId(), c -> policy.client(c).zone());
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(decidedAt).atZone(zone));
            long[] f = tallies.computeIfAbsent(t.clientId(), c -> new TreeMap<>())
                    .computeIfAbsent(month, m -> new HashMap<>())
                    .computeIfAbsent(o.tier(), x -> new long[2]);
            if (o.outcome() == Outcome.MET) f[0]++;
            f[1]++;
        }
        List<String> tierOrder = policy.tiers().stream().map(TierPolicy::id).toList();
        Map<String, List<ClientMonth>> months = new TreeMap<>();
        tallies.forEach((client, byMonth) -> {
            ZoneId zone = zones.get(client);
            List<ClientMonth> list = new ArrayList<>();
            byMonth.forEach((month, byTier) -> {
                List<TierTally> tiers = new ArrayList<>();
                for (String tier : tierOrder) {
                    long[] f = byTier.get(tier);
                    if (f != null) tiers.add(new TierTally(tier, f[0], f[1]));
                }
                long start = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
                long end = month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(zone)
                        .toInstant()
                        .toEpochMilli();
                list.add(
                        new ClientMonth(client, month, start < historyFromMs || end > historyToMs, List.copyOf(tiers)));
            });
            months.put(client, List.copyOf(list));
        });
        return months;
    }
}
