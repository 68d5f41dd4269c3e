package io.slaflow.simulate;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The history's figures under every policy side by side: per client × tier × target, per tier × target over all
 * clients in scope, and overall. Counting is replay's {@code summary.json}: each target's final outcome, MET and
 * BREACHED decided, PENDING not; adherence is {@code met / decided}, never an average of percentages. A target counts
 * under each policy in the tier that policy gave it, so a candidate that classifies differently moves targets between
 * rows.
 */
public final class SideBySide {

    /** One policy's figures for one row. */
    public record Figures(long met, long breached, long pending, long escalations) {
        public static final Figures NONE = new Figures(0, 0, 0, 0);

        public long decided() {
            return met + breached;
        }

        /** {@code 100 × met / decided}; NaN when nothing was decided. */
        public double adherencePercent() {
            return decided() == 0 ? Double.NaN : 100.0 * met / decided();
        }
    }

    /**
     * @param clientId null for a row over all clients in scope
     * @param tier     null for the overall row
     * @param metric   null for a row over both targets
     */
    public record Row(String clientId, String tier, Metric metric, List<Figures> byPolicy) {
        public Figures under(int policy) {
            return byPolicy.get(policy);
        }

        /** The candidate's adherence minus the current policy's, in percentage points; NaN when either decided nothing. */
        public double adherenceChange(int candidate) {
            return under(candidate).adherencePercent() - under(0).adherencePercent();
        }
    }

    private final List<Row> rows;
    private final List<Row> clients;
    private final List<Row> tiers;
    private final Row overall;

    private SideBySide(List<Row> rows, List<Row> clients, List<Row> tiers, Row overall) {
        this.rows = rows;
        this.clients = clients;
        this.tiers = tiers;
        this.overall = overall;
    }

    /**
     * @param targets   the targets in scope
     * @param policies  how many policies were simulated
     * @param tierOrder every tier id in display order (the current policy's, then tiers only a candidate has)
     */
    public static SideBySide of(List<SimulatedTarget> targets, int policies, List<String> tierOrder) {
        Comparator<String> byTier = Comparator.comparingInt((String t) -> {
                    int i = tierOrder.indexOf(t);
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .thenComparing(Comparator.naturalOrder());
        Comparator<Key> order = Comparator.comparing(
                        Key::client, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Key::tier, Comparator.nullsFirst(byTier))
                .thenComparing(Key::metric, Comparator.nullsLast(Comparator.<Metric>naturalOrder()));
        // counted in hash maps (a few hundred thousand targets under each policy), sorted once at the end
        Map<Key, long[][]> perClient = new HashMap<>();
        Map<Key, long[][]> clientTotals = new HashMap<>();
        Map<Key, long[][]> perTier = new HashMap<>();
        long[][] all = new long[policies][4];
        for (SimulatedTarget t : targets) {
            for (int p = 0; p < policies; p++) {
                PolicyOutcome o = t.under(p);
                if (o == null) continue;
                add(
                        perClient
                                .computeIfAbsent(
                                        new Key(t.clientId(), o.tier(), t.metric()), k -> new long[policies][4])[p],
                        o);
                add(clientTotals.computeIfAbsent(new Key(t.clientId(), null, null), k -> new long[policies][4])[p], o);
                add(perTier.computeIfAbsent(new Key(null, o.tier(), t.metric()), k -> new long[policies][4])[p], o);
                add(all[p], o);
            }
        }
        return new SideBySide(
                rows(perClient, order),
                rows(clientTotals, order),
                rows(perTier, order),
                new Row(null, null, null, figures(all)));
    }

    /** Per client × tier × target, sorted by client, tier (severity order), target. */
    public List<Row> rows() {
        return rows;
    }

    /** Per client over all its targets, sorted by client. */
    public List<Row> clients() {
        return clients;
    }

    /** Per tier × target over all clients in scope. */
    public List<Row> tiers() {
        return tiers;
    }

    /** Every target in scope. */
    public Row overall() {
        return overall;
    }

    private record Key(String client, String tier, Metric metric) {}

    private static void add(long[] f, PolicyOutcome o) {
        int i = o.outcome() == Outcome.MET ? 0 : o.outcome() == Outcome.BREACHED ? 1 : 2;
        f[i]++;
        f[3] += o.escalations();
    }

    private static List<Row> rows(Map<Key, long[][]> counts, Comparator<Key> order) {
        List<Key> keys = new ArrayList<>(counts.keySet());
        keys.sort(order);
        List<Row> rows = new ArrayList<>(keys.size());
        for (Key k : keys) rows.add(new Row(k.client(), k.tier(), k.metric(), figures(counts.get(k))));
        return List.copyOf(rows);
    }

    private static List<Figures> figures(long[][] f) {
        List<Figures> byPolicy = new ArrayList<>(f.length);
        for (long[] p : f) byPolicy.add(new Figures(p[0], p[1], p[2], p[3]));
        return List.copyOf(byPolicy);
    }
}
