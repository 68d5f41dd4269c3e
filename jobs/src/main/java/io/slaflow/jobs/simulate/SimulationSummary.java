package io.slaflow.jobs.simulate;

import io.slaflow.simulate.Flips;
import io.slaflow.simulate.SideBySide.Figures;
import io.slaflow.simulate.SideBySide.Row;
import io.slaflow.simulate.SimulatedPolicy;
import io.slaflow.simulate.Simulation;
import io.slaflow.simulate.SweepResult;
import io.slaflow.simulate.ThresholdSweep.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code slaflow simulate} prints when it is done: the per-tier comparison, the flips, the sweep's answer. */
public final class SimulationSummary {
    private SimulationSummary() {}

    public static String of(Simulation s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%,d tickets (%,d targets) of %,d clients, history %s to %s (as of)%n",
                s.tickets(),
                s.targets().size(),
                s.clients(),
                day(s.history().firstEventMs()),
                Instant.ofEpochMilli(s.history().asOfMs())));
        List<String[]> lines = new ArrayList<>();
        String[] head =
                new String[1 + s.policies().size() + Math.max(0, s.policies().size() - 1)];
        head[0] = "";
        for (int p = 0; p < s.policies().size(); p++) {
            SimulatedPolicy policy = s.policies().get(p);
            head[1 + p] = policy.label() + " (" + policy.policy().version() + ")";
        }
        for (int p = 1; p < s.policies().size(); p++) head[s.policies().size() + p] = "change " + p;
        lines.add(head);
        for (Row r : s.sideBySide().tiers())
            lines.add(line(s, r, r.tier() + " " + r.metric().name().toLowerCase(Locale.ROOT)));
        lines.add(line(s, s.sideBySide().overall(), "all targets"));
        b.append(table(lines));
        for (int p = 1; p < s.policies().size(); p++) {
            Map<Flips.Direction, Long> d = s.flips().directions(p);
            b.append(String.format(
                    Locale.ROOT,
                    "flips under %s: %,d targets%s%n",
                    s.policies().get(p).label(),
                    s.flips().count(p),
                    d.isEmpty()
                            ? ""
                            : " ("
                                    + String.join(
                                            ", ",
                                            d.entrySet().stream()
                                                    .map(e -> e.getKey() + " "
                                                            + String.format(Locale.ROOT, "%,d", e.getValue()))
                                                    .toList())
                                    + ")"));
        }
        if (s.sweep() != null) b.append(sweep(s.sweep()));
        if (!s.credits().anyStated()) {
            b.append("service credits: no policy states credit terms for these clients, so none is owed under any\n");
        } else {
            for (int p = 0; p < s.policies().size(); p++) {
                b.append("service credits owed under ")
                        .append(s.policies().get(p).label())
                        .append(": ")
                        .append(ProposalReport.money(s.credits().totalOwed(p)));
                if (p > 0)
                    b.append(" (change: ")
                            .append(ProposalReport.signedMoney(s.credits().totalChange(p)))
                            .append(')');
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String sweep(SweepResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "sweep %s to %s over %,d targets (now %s: %s): ",
                r.spec().label(),
                r.spec().goalText(),
                r.population().total(),
                r.currentTarget(),
                tally(r.engine())));
        if (!r.reachable()) {
            b.append(String.format(
                    Locale.ROOT, "no target reaches the goal; the loosest comes to %s%n", tally(r.loosest())));
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "%s reaches it (%s)%s%n",
                    r.proposedTarget(),
                    tally(r.atProposed()),
                    r.tighterTarget() == null
                            ? ""
                            : "; " + r.tighterTarget() + " does not (" + tally(r.atTighter()) + ")"));
        }
        if (!r.population().overriddenClients().isEmpty()) {
            b.append("  left out, with their own target: ")
                    .append(String.join(", ", r.population().overriddenClients()))
                    .append('\n');
        }
        if (!r.agreesWithEngine()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  warning: at the current value the sweep predicts %s but the engine found %s%n",
                    tally(r.predictedAtCurrent()),
                    tally(r.engine())));
        }
        return b.toString();
    }

    private static String[] line(Simulation s, Row r, String label) {
        int n = s.policies().size();
        String[] cells = new String[1 + n + Math.max(0, n - 1)];
        cells[0] = label;
        for (int p = 0; p < n; p++) {
            Figures f = r.under(p);
            String target = r.tier() == null ? "" : targetOf(s, p, r) + "  ";
            cells[1 + p] = target + percent(f.adherencePercent()) + " ("
                    + String.format(Locale.ROOT, "%,d/%,d", f.met(), f.decided()) + ")";
        }
        for (int p = 1; p < n; p++) {
            double c = r.adherenceChange(p);
            cells[n + p] = Double.isNaN(c) ? "-" : String.format(Locale.ROOT, "%+.2f pts", c);
        }
        return cells;
    }

    private static String targetOf(Simulation s, int p, Row r) {
        var tier = s.policies().get(p).policy().tier(r.tier());
        return tier == null ? "-" : tier.target(r.metric()).text();
    }

    private static String table(List<String[]> lines) {
        int[] width = new int[lines.get(0).length];
        for (String[] l : lines) for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.length; i++) line.append(String.format("%-" + (width[i] + 3) + "s", l[i]));
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    static String tally(Tally t) {
        return percent(t.adherencePercent()) + String.format(Locale.ROOT, ", %,d of %,d met", t.met(), t.decided());
    }

    static String percent(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.2f%%", p);
    }

    private static String day(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 10);
    }
}
