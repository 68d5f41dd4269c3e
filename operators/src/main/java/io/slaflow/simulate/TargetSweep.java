package io.slaflow.simulate;

import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaDurations;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.SlaTarget;
import io.slaflow.policy.TierPolicy;
import io.slaflow.simulate.ThresholdSweep.Tally;
import io.slaflow.sla.ContractClock;
import io.slaflow.sla.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tightest value of one tier's target that would have reached an adherence goal on the history, from what each
 * target's clock counted under the current policy ({@link io.slaflow.sla.OutcomeUpdate#countedMs()}): the definition
 * the engine judges by is "met when counted time on the contract's clock is at most the target, breached at the first
 * instant it exceeds it", so each target's count says at which target values it is met, and {@link ThresholdSweep}
 * finds the least value that reaches the goal. Nothing is replayed per value.
 *
 * <p>Which targets: those the current policy ended in the tier, of the swept metric, in scope, of clients without
 * their own override of that target (the tier's value does not apply to them; they are listed). A target that came into
 * the tier already breached under another tier keeps that outcome whatever the value (counted as fixed; one that comes
 * in over the tier's target breaches at the change, which its count says); one that left the tier and came back is
 * counted by its count but reported as approximate (a breach during its earlier stay would have been final).
 *
 * <p>Units: a span target ({@code 1h}, {@code 4h} of business time) is swept in milliseconds of counted time and
 * proposed rounded up to the whole minute (a contract writes minutes; rounding up keeps the goal, and the minute below
 * misses it); a business-days target is swept in whole business days, each ticket's budget taken from its own start
 * ({@link SlaTarget.BusinessDays#budget}).
 */
public final class TargetSweep {
    private static final long MINUTE = 60_000;

    private TargetSweep() {}

    /**
     * What the targets' counts say about one tier's target at any value: the sweep itself, over which targets, and what
     * the engine found at the current value.
     *
     * @param currentValue the current target in the sweep's unit (milliseconds, or business days)
     */
    public record Thresholds(
            ThresholdSweep sweep,
            SweepResult.Population population,
            Tally engine,
            boolean businessDays,
            long currentValue,
            String currentText) {}

    /**
     * @param policy  the current policy (the one the targets' counts were taken under: index 0)
     * @param targets the targets in scope
     * @param asOfMs  the simulation's as-of instant: open targets are counted up to it
     */
    public static SweepResult run(SweepSpec spec, SlaPolicy policy, List<SimulatedTarget> targets, long asOfMs) {
        Thresholds th = thresholds(spec.tier(), spec.metric(), policy, targets, asOfMs);
        ThresholdSweep sweep = th.sweep();
        boolean days = th.businessDays();
        long exact = sweep.tightest(spec.goalPercent(), 1);
        long unit = days ? 1 : MINUTE;
        long proposed = exact == Long.MIN_VALUE ? Long.MIN_VALUE : (exact + unit - 1) / unit * unit;
        long longest = days
                ? SlaDurations.MAX_DAYS
                : Duration.ofDays(SlaDurations.MAX_DAYS).toMillis();
        if (proposed == Long.MIN_VALUE || proposed > longest) {
            return new SweepResult(
                    spec,
                    th.currentText(),
                    days,
                    th.population(),
                    th.engine(),
                    sweep.at(th.currentValue()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    sweep.loosest());
        }
        String tighterText = proposed - unit >= unit ? text(proposed - unit, days) : null;
        return new SweepResult(
                spec,
                th.currentText(),
                days,
                th.population(),
                th.engine(),
                sweep.at(th.currentValue()),
                exact,
                text(proposed, days),
                sweep.at(proposed),
                tighterText,
                tighterText == null ? null : sweep.at(proposed - unit),
                sweep.loosest());
    }

    /** Each target of the tier and metric in {@code targets} as thresholds in the target's unit. */
    public static Thresholds thresholds(
            String tierId, Metric metric, SlaPolicy policy, List<SimulatedTarget> targets, long asOfMs) {
        TierPolicy tier = policy.tier(tierId);
        SlaTarget current = tier.target(metric);
        boolean days = current instanceof SlaTarget.BusinessDays;
        List<Long> needs = new ArrayList<>();
        List<Long> breachedBelow = new ArrayList<>();
        long fixedBreached = 0;
        long approximate = 0;
        long engineMet = 0;
        long engineDecided = 0;
        TreeSet<String> overridden = new TreeSet<>();
        Map<String, ContractClock> clocks = new HashMap<>();
        Instant asOf = Instant.ofEpochMilli(asOfMs);
        for (SimulatedTarget t : targets) {
            PolicyOutcome o = t.under(0);
            if (t.metric() != metric || o == null || !tierId.equals(o.tier())) continue;
            if (hasOverride(policy.client(t.clientId()), tierId, metric)) {
                overridden.add(t.clientId());
                continue;
            }
            if (o.outcome() != Outcome.PENDING) engineDecided++;
            if (o.outcome() == Outcome.MET) engineMet++;
            if (o.returnedToTier()) {
                approximate++; // a breach during its earlier stay in the tier would have been final: its count decides
            } else if (o.beforeTier() == Outcome.BREACHED) {
                fixedBreached++; // breached under another tier before it came into this one: final
                continue;
            }
            if (o.countedMs() < 0) {
                throw new IllegalStateException(
                        "the outcome of " + t.key() + " carries no count: it was not produced by this engine");
            }
            ContractClock clock =
                    clocks.computeIfAbsent(t.clientId(), c -> ContractClock.of(policy, tierId, c, metric));
            Instant start = Instant.ofEpochMilli(t.startedAt());
            if (o.satisfied()) {
                needs.add(threshold(o.countedMs(), days, start, clock));
            } else {
                // open at the as-of time: breached by then at a value its count exceeds, or equals when the clock runs
                // at a working instant (the deadline is the as-of instant itself, and nothing satisfied it first)
                long counted = o.countedAt(asOfMs, clock);
                boolean atItsDeadline = o.running() && clock.calendar().isWorkingTime(asOf);
                breachedBelow.add(threshold(counted + (atItsDeadline ? 1 : 0), days, start, clock));
            }
        }
        ThresholdSweep sweep = new ThresholdSweep(toArray(needs), toArray(breachedBelow), 0, fixedBreached);
        long currentValue = days
                ? ((SlaTarget.BusinessDays) current).days()
                : ((SlaTarget.Span) current).duration().toMillis();
        SweepResult.Population population =
                new SweepResult.Population(sweep.counted(), fixedBreached, approximate, List.copyOf(overridden));
        return new Thresholds(
                sweep, population, new Tally(engineMet, engineDecided), days, currentValue, current.text());
    }

    /** Whether the client's own override sets this target (the tier's value does not apply to it). */
    static boolean hasOverride(ClientProfile client, String tier, Metric metric) {
        ClientProfile.TargetOverride o = client.overrides().get(tier);
        return o != null && (metric == Metric.RESPONSE ? o.response() : o.resolution()) != null;
    }

    /**
     * The least target value whose budget is at least {@code countedMs}: the count itself for a span, else the fewest
     * business days from the ticket's start whose business time covers it (past {@value SlaDurations#MAX_DAYS} days: one
     * more, beyond any target a policy may state).
     */
    private static long threshold(long countedMs, boolean days, Instant start, ContractClock clock) {
        if (!days) return countedMs;
        int lo = 1;
        int hi = 1;
        while (budget(hi, start, clock) < countedMs) {
            if (hi > SlaDurations.MAX_DAYS) return SlaDurations.MAX_DAYS + 1;
            lo = hi + 1;
            hi = Math.min(hi * 2, SlaDurations.MAX_DAYS + 1);
        }
        while (lo < hi) { // budgets grow with the days: the first that covers the count
            int mid = (lo + hi) >>> 1;
            if (budget(mid, start, clock) >= countedMs) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private static long budget(int days, Instant start, ContractClock clock) {
        return new SlaTarget.BusinessDays(days, days + " business days")
                .budget(start, clock.calendar())
                .toMillis();
    }

    /** A value as a policy writes it: {@code 1h24m}, {@code 45m}, {@code 2h}, {@code 3 business days}. */
    static String text(long value, boolean days) {
        if (days) return value + (value == 1 ? " business day" : " business days");
        long minutes = value / MINUTE;
        long h = minutes / 60;
        long m = minutes % 60;
        return h == 0 ? m + "m" : m == 0 ? h + "h" : h + "h" + m + "m";
    }

    private static long[] toArray(List<Long> values) {
        long[] a = new long[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return a;
    }
}
