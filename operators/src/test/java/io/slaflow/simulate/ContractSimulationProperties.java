package io.slaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.simulate.ThresholdSweep.Tally;
import io.slaflow.sla.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The simulator's promises over random histories (tickets of clients in three time zones and an unlisted one, on 24×7 and
 * business-hours tiers, with pauses, reopens, priority changes, satisfied and still open at the as-of time) and random
 * targets, each policy variant being the default policy with one target changed in its YAML ({@link SweptPolicy}):
 * <ul>
 *   <li>a stricter target can only turn MET or PENDING into BREACHED, never anything else;</li>
 *   <li>the sweep's arithmetic, from one run's counts, predicts what the engine decides at every value of the target;</li>
 *   <li>the sweep's answer, run as a policy, reaches the goal, and a target one minute (one business day) tighter does not.</li>
 * </ul>
 */
class ContractSimulationProperties {
    private static final long MIN = 60_000L;
    /** A Monday; DST starts in New York on 2026-03-08 and in London on 2026-03-29, inside the histories. */
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    private static final String DEFAULT_YAML = read(Path.of("../infra/policies/default.yaml"));

    /** One step of a ticket: an event of {@code type} {@code gapMs} after the previous one. */
    record Step(long gapMs, EventType type, String status, String priority) {}

    record Ticket(String client, String priority, int startMinute, List<Step> steps) {}

    /** A target value: minutes of the tier's clock, or whole business days. */
    record Value(int minutes, int businessDays) {
        String text() {
            return businessDays > 0
                    ? businessDays + (businessDays == 1 ? " business day" : " business days")
                    : minutes + "m";
        }

        /** In the sweep's unit for a target of this kind. */
        long unitValue() {
            return businessDays > 0 ? businessDays : minutes * MIN;
        }
    }

    /**
     * The two values straddle the time one of the history's targets counted (under the default policy), so most tries
     * hold at least one target the stricter value turns from MET to BREACHED.
     */
    @Property(tries = 300)
    void aStricterTargetOnlyTurnsMetOrPendingIntoBreached(
            @ForAll("histories") List<Ticket> history,
            @ForAll("sweptTargets") Tuple.Tuple3<String, Metric, Boolean> swept,
            @ForAll("straddles") Tuple.Tuple3<Double, Integer, Integer> straddle,
            @ForAll("asOfShares") double asOfShare) {
        String tier = swept.get1();
        Metric metric = swept.get2();
        List<TicketEvent> events = events(history);
        long asOf = asOf(events, asOfShare);
        Tuple.Tuple2<Value, Value> values = straddling(events, asOf, tier, metric, swept.get3(), straddle);
        List<SimulatedTarget> targets = PureHistoryRun.run(
                events, List.of(variant(tier, metric, values.get1()), variant(tier, metric, values.get2())), asOf);
        Map<Outcome, Set<Outcome>> allowed = Map.of(
                Outcome.MET,
                Set.of(Outcome.MET, Outcome.BREACHED),
                Outcome.PENDING,
                Set.of(Outcome.PENDING, Outcome.BREACHED),
                Outcome.BREACHED,
                Set.of(Outcome.BREACHED));
        int flips = 0;
        for (SimulatedTarget t : targets) {
            Outcome looser = t.under(0).outcome();
            Outcome stricter = t.under(1).outcome();
            if (looser != stricter) flips++;
            assertThat(allowed.get(looser))
                    .as(
                            "%s: %s under %s %s, %s under %s",
                            t.key(),
                            looser,
                            tier,
                            values.get1().text(),
                            stricter,
                            values.get2().text())
                    .contains(stricter);
        }
        Statistics.label("targets that flip").collect(flips == 0 ? "none" : flips < 3 ? "1-2" : "3+");
    }

    /**
     * A looser and a stricter value around the count of one satisfied target of the tier and metric (picked by
     * {@code straddle.get1()}), {@code get2()} and {@code get3()} minutes (business days) either side; arbitrary values
     * when there is none.
     */
    private Tuple.Tuple2<Value, Value> straddling(
            List<TicketEvent> events,
            long asOf,
            String tier,
            Metric metric,
            boolean inDays,
            Tuple.Tuple3<Double, Integer, Integer> straddle) {
        SlaPolicy base = variant(tier, metric, inDays ? new Value(0, 3) : new Value(60, 0));
        List<Long> counts = new ArrayList<>();
        for (SimulatedTarget t : PureHistoryRun.run(events, List.of(base), asOf)) {
            PolicyOutcome o = t.under(0);
            if (t.metric() == metric && tier.equals(o.tier()) && o.satisfied()) counts.add(o.countedMs());
        }
        if (inDays) {
            int looser = 1 + straddle.get2() % 5;
            return Tuple.of(
                    new Value(0, looser + 1), new Value(0, Math.max(1, looser + 1 - (1 + straddle.get3() % 2))));
        }
        long c = counts.isEmpty() ? 60 * MIN : counts.get((int) (straddle.get1() * counts.size()));
        int minutes = (int) (c / MIN);
        int looser = minutes + straddle.get2();
        int stricter = Math.max(1, Math.min(looser - 1, minutes - straddle.get3() + 1));
        return Tuple.of(new Value(Math.max(2, looser), 0), new Value(Math.min(stricter, Math.max(2, looser) - 1), 0));
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Double, Integer, Integer>> straddles() {
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 0.999).ofScale(3),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(0, 20))
                .as(Tuple::of);
    }

    @Property(tries = 250)
    void theSweepPredictsWhatTheEngineDecidesAtEveryValue(
            @ForAll("histories") List<Ticket> history,
            @ForAll("sweptTargets") Tuple.Tuple3<String, Metric, Boolean> swept,
            @ForAll("minutes") int currentMinutes,
            @ForAll("minutes") int otherMinutes,
            @ForAll("days") int currentDays,
            @ForAll("days") int otherDays,
            @ForAll("asOfShares") double asOfShare) {
        String tier = swept.get1();
        Metric metric = swept.get2();
        boolean inDays = swept.get3();
        Value current = inDays ? new Value(0, currentDays) : new Value(currentMinutes, 0);
        Value other = inDays ? new Value(0, otherDays) : new Value(otherMinutes, 0);
        List<TicketEvent> events = events(history);
        long asOf = asOf(events, asOfShare);
        SlaPolicy currentPolicy = variant(tier, metric, current);
        List<SimulatedTarget> targets =
                PureHistoryRun.run(events, List.of(currentPolicy, variant(tier, metric, other)), asOf);
        TargetSweep.Thresholds th = TargetSweep.thresholds(tier, metric, currentPolicy, targets, asOf);
        Assume.that(th.population().approximate() == 0); // left the tier and came back: a count cannot tell
        Statistics.label("targets swept")
                .collect(th.population().total() == 0 ? "none" : th.population().total() < 10 ? "1-9" : "10+");
        assertThat(th.sweep().at(th.currentValue()))
                .as("at the current value: the engine's own figures")
                .isEqualTo(th.engine());
        assertThat(th.sweep().at(other.unitValue()))
                .as("predicted at %s", other.text())
                .isEqualTo(engine(targets, 1, tier, metric, currentPolicy));
    }

    @Property(tries = 250)
    void theSweepsAnswerReachesTheGoalAndAMinuteTighterDoesNot(
            @ForAll("histories") List<Ticket> history,
            @ForAll("sweptTargets") Tuple.Tuple3<String, Metric, Boolean> swept,
            @ForAll("minutes") int currentMinutes,
            @ForAll("days") int currentDays,
            @ForAll("goals") BigDecimal goal,
            @ForAll("asOfShares") double asOfShare) {
        String tier = swept.get1();
        Metric metric = swept.get2();
        Value current = swept.get3() ? new Value(0, currentDays) : new Value(currentMinutes, 0);
        List<TicketEvent> events = events(history);
        long asOf = asOf(events, asOfShare);
        SlaPolicy currentPolicy = variant(tier, metric, current);
        List<SimulatedTarget> now = PureHistoryRun.run(events, List.of(currentPolicy), asOf);
        SweepResult r = TargetSweep.run(new SweepSpec(tier, metric, goal), currentPolicy, now, asOf);
        Assume.that(r.population().approximate() == 0);
        Statistics.label("answer")
                .collect(
                        !r.reachable()
                                ? "unreachable"
                                : r.tighterTarget() == null ? "the least target" : "a tighter one misses");
        if (!r.reachable()) {
            assertThat(r.loosest().reaches(goal)).isFalse();
            return;
        }
        List<SlaPolicy> policies = new ArrayList<>(List.of(
                currentPolicy,
                policy(SweptPolicy.of(yaml(tier, metric, current), r.spec(), r.proposedTarget())
                        .yaml())));
        if (r.tighterTarget() != null) {
            policies.add(policy(SweptPolicy.of(yaml(tier, metric, current), r.spec(), r.tighterTarget())
                    .yaml()));
        }
        List<SimulatedTarget> replayed = PureHistoryRun.run(events, policies, asOf);
        Tally atAnswer = engine(replayed, 1, tier, metric, currentPolicy);
        assertThat(atAnswer).isEqualTo(r.atProposed());
        assertThat(atAnswer.reaches(goal))
                .as("%s at %s reaches %s%%", atAnswer, r.proposedTarget(), goal)
                .isTrue();
        if (r.tighterTarget() != null) {
            Tally tighter = engine(replayed, 2, tier, metric, currentPolicy);
            assertThat(tighter).isEqualTo(r.atTighter());
            assertThat(tighter.reaches(goal))
                    .as("%s at %s misses %s%%", tighter, r.tighterTarget(), goal)
                    .isFalse();
        }
    }

    // ---- what the engine decided, over the sweep's targets ----

    /** Met / decided under policy {@code p} over the targets the current policy ended in the tier. */
    private static Tally engine(List<SimulatedTarget> targets, int p, String tier, Metric metric, SlaPolicy current) {
        long met = 0;
        long decided = 0;
        for (SimulatedTarget t : targets) {
            if (t.metric() != metric
                    || !tier.equals(t.under(0).tier())
                    || TargetSweep.hasOverride(current.client(t.clientId()), tier, metric)) {
                continue;
            }
            Outcome o = t.under(p).outcome();
            if (o == Outcome.MET) met++;
            if (o != Outcome.PENDING) decided++;
        }
        return new Tally(met, decided);
    }

    // ---- policies ----

    private static final Map<String, SlaPolicy> POLICIES = new HashMap<>();

    private static SlaPolicy variant(String tier, Metric metric, Value value) {
        return POLICIES.computeIfAbsent(tier + metric + value.text(), k -> policy(yaml(tier, metric, value)));
    }

    private static String yaml(String tier, Metric metric, Value value) {
        return SweptPolicy.of(DEFAULT_YAML, new SweepSpec(tier, metric, BigDecimal.valueOf(100)), value.text())
                .yaml();
    }

    private static SlaPolicy policy(String yaml) {
        try {
            return new PolicyLoader(Path.of("../infra/policies")).parse(yaml, "variant");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- histories ----

    private static List<TicketEvent> events(List<Ticket> history) {
        List<TicketEvent> events = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Ticket k = history.get(i);
            String id = "T" + i;
            long t = START + k.startMinute() * MIN;
            TicketEvent c = new TicketEvent(id + "-e0", id, k.client(), EventType.CREATED, t);
            c.priority = k.priority();
            events.add(c);
            int n = 0;
            for (Step s : k.steps()) {
                t += s.gapMs();
                TicketEvent e = new TicketEvent(id + "-e" + (++n), id, k.client(), s.type(), t);
                e.status = s.status();
                e.priority = s.priority();
                events.add(e);
            }
        }
        events.sort(java.util.Comparator.comparingLong(e -> e.occurredAt)); // a file in time order (stable)
        return events;
    }

    /** Somewhere between the first and the last event (1.0: the last), so some targets are still open. */
    private static long asOf(List<TicketEvent> events, double share) {
        long first = events.get(0).occurredAt;
        long last = events.get(events.size() - 1).occurredAt;
        return first + (long) ((last - first) * share);
    }

    @Provide
    Arbitrary<List<Ticket>> histories() {
        // mostly of the targets' own scale (minutes to hours), so satisfactions fall on both sides of them
        Arbitrary<Long> gap = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 30 * MIN)),
                Tuple.of(4, Arbitraries.longs().between(0, 8 * 60 * MIN)),
                Tuple.of(1, Arbitraries.longs().between(0, 3 * 24 * 60 * MIN)));
        Arbitrary<EventType> type = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(EventType.RESPONDED)),
                Tuple.of(2, Arbitraries.just(EventType.ASSIGNED)),
                Tuple.of(5, Arbitraries.just(EventType.STATUS_CHANGED)),
                Tuple.of(2, Arbitraries.just(EventType.PRIORITY_CHANGED)),
                Tuple.of(4, Arbitraries.just(EventType.RESOLVED)),
                Tuple.of(2, Arbitraries.just(EventType.REOPENED)),
                Tuple.of(1, Arbitraries.just(EventType.CLOSED)));
        Arbitrary<String> status = Arbitraries.of("waiting-on-customer", "pending-vendor", "in-progress");
        Arbitrary<String> priority = Arbitraries.of("P1", "P2", "P3");
        Arbitrary<Step> step = Combinators.combine(gap, type, status, priority).as(Step::new);
        Arbitrary<Ticket> ticket = Combinators.combine(
                        Arbitraries.of("acme", "globex", "initech", "umbrella"),
                        priority,
                        Arbitraries.integers().between(0, 14 * 24 * 60),
                        step.list().ofMaxSize(8))
                .as(Ticket::new);
        return ticket.list().ofMinSize(5).ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> tiers() {
        return Arbitraries.of("P1", "P2", "P3");
    }

    /** A tier's target and whether it is swept in business days (then business days replace it, else minutes). */
    @Provide
    Arbitrary<Tuple.Tuple3<String, Metric, Boolean>> sweptTargets() {
        return Combinators.combine(
                        tiers(),
                        Arbitraries.of(Metric.class),
                        Arbitraries.integers().between(0, 3))
                .as((tier, metric, d) -> Tuple.of(tier, metric, tier.equals("P3") && d == 0));
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1, 90)),
                Tuple.of(3, Arbitraries.integers().between(30, 10 * 60)),
                Tuple.of(1, Arbitraries.integers().between(1, 24 * 60)));
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(1, 6);
    }

    @Provide
    Arbitrary<BigDecimal> goals() {
        return Arbitraries.of("50", "80", "90", "95", "97.5", "99", "100").map(BigDecimal::new);
    }

    @Provide
    Arbitrary<Double> asOfShares() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(1.0)),
                Tuple.of(3, Arbitraries.doubles().between(0.3, 1.0)));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
