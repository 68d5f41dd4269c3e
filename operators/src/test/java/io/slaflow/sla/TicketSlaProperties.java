package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventContent;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of one ticket's lifecycle over random event sequences (in event-time order). */
class TicketSlaProperties {

    static final SlaPolicy POLICY = TestPolicy.DEFAULT;
    static final long MIN = 60_000L;
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** One step: an event of {@code type} after {@code gapMs}, or (type null) only letting time pass. */
    record Step(long gapMs, EventType type, String status, String priority, String assignee, boolean reuseId) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        return step().list().ofMaxSize(40);
    }

    Arbitrary<Step> step() {
        Arbitrary<Long> gap = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 5 * MIN),
                Arbitraries.longs().between(0, 3 * 60 * MIN),
                Arbitraries.longs().between(0, 3 * 24 * 60 * MIN));
        Arbitrary<EventType> type = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just((EventType) null)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(EventType.RESPONDED)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(EventType.ASSIGNED)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(EventType.STATUS_CHANGED)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(EventType.PRIORITY_CHANGED)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(EventType.RESOLVED)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(EventType.REOPENED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(EventType.CLOSED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(EventType.CREATED)));
        Arbitrary<String> status = Arbitraries.of("waiting-on-customer", "pending-vendor", "in-progress", "new", null);
        Arbitrary<String> priority = Arbitraries.of("P1", "P2", "P3", "p2", "P9");
        Arbitrary<String> assignee = Arbitraries.of("ann", "bob", "cy");
        Arbitrary<Boolean> reuse = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        return Combinators.combine(gap, type, status, priority, assignee, reuse).as(Step::new);
    }

    @Property(tries = 400)
    void invariantsHold(
            @ForAll("steps") List<Step> steps,
            @ForAll("clients") String client,
            @ForAll("priorities") String priority,
            @ForAll @IntRange(min = 0, max = 364 * 24 * 60) int startMinute) {
        Recorder out = new Recorder();
        long created = START + startMinute * MIN;
        TicketEvent c = new TicketEvent("e0", "T", client, EventType.CREATED, created);
        c.priority = priority;
        c.assignee = "ann";
        TicketState s = TicketSla.create(c, TestPolicy.COMPILED, out);
        long t = created;
        long lastAdvance = created;
        int n = 0;
        java.util.Map<String, Long> contentOf =
                new java.util.HashMap<>(java.util.Map.of("e0", EventContent.fingerprint(c)));
        for (Step step : steps) {
            t += step.gapMs();
            if (step.type() == null) {
                long next = TicketSla.advance(s, t, POLICY, out);
                lastAdvance = t;
                assertThat(next).isGreaterThan(t).isEqualTo(TicketSla.nextDueAt(s, POLICY));
                continue;
            }
            boolean repeat = step.reuseId();
            String id = repeat ? "e" + n : "e" + (++n); // a repeat reuses the last id (the CREATED's "e0" at first)
            TicketEvent e = new TicketEvent(id, "T", client, step.type(), t);
            e.status = step.status();
            e.priority = step.priority();
            e.assignee = step.assignee();
            ApplyResult r = TicketSla.apply(s, e, POLICY, out);
            // a repeated id is a duplicate when the content is the same, refused (the first event stands) when not
            boolean ignored = repeat;
            if (repeat && contentOf.get(id) == EventContent.fingerprint(e)) {
                assertThat(r).isEqualTo(ApplyResult.DUPLICATE);
            } else if (repeat) {
                assertThat(r.kind()).isEqualTo(ApplyResult.Kind.REJECTED);
                assertThat(r.reason()).startsWith("eventId '" + id + "' was already used");
            } else {
                contentOf.put(id, EventContent.fingerprint(e));
            }
            // nothing is due before the event that was just applied
            assertThat(TicketSla.nextDueAt(s, POLICY)).isGreaterThanOrEqualTo(ignored ? lastAdvance + 1 : t);
            if (!ignored) {
                long next = TicketSla.advance(s, t, POLICY, out); // as the operator does after the last event at t
                lastAdvance = t;
                assertThat(next).isGreaterThan(t).isEqualTo(TicketSla.nextDueAt(s, POLICY));
            }
        }
        // let the rest of time pass
        long end = t + 40L * 24 * 60 * MIN;
        long next = TicketSla.advance(s, end, POLICY, out);
        assertThat(next).isGreaterThan(end).isEqualTo(TicketSla.nextDueAt(s, POLICY));
        out.check(created);
    }

    /**
     * The enforcer tells {@code apply} what its last {@code advance} returned; an event at or before that instant skips
     * the search for what is due before it. The outputs and the state must be exactly those of a plain {@code apply}.
     */
    @Property(tries = 300)
    void applyingWithTheLastAdvancesAnswerChangesNothing(
            @ForAll("steps") List<Step> steps,
            @ForAll("clients") String client,
            @ForAll("priorities") String priority,
            @ForAll @IntRange(min = 0, max = 364 * 24 * 60) int startMinute) {
        List<Object> plainOut = new ArrayList<>();
        List<Object> hintedOut = new ArrayList<>();
        long created = START + startMinute * MIN;
        TicketEvent c = new TicketEvent("e0", "T", client, EventType.CREATED, created);
        c.priority = priority;
        TicketState plain = TicketSla.create(c, TestPolicy.COMPILED, collectInto(plainOut));
        TicketState hinted = TicketSla.create(c, TestPolicy.COMPILED, collectInto(hintedOut));
        long nothingDueBefore = Long.MIN_VALUE; // nothing advanced yet
        long t = created;
        int n = 0;
        for (Step step : steps) {
            t += step.gapMs();
            if (step.type() != null) {
                TicketEvent e = new TicketEvent(step.reuseId() ? "e" + n : "e" + (++n), "T", client, step.type(), t);
                e.status = step.status();
                e.priority = step.priority();
                e.assignee = step.assignee();
                ApplyResult expected = TicketSla.apply(plain, e, POLICY, collectInto(plainOut));
                assertThat(TicketSla.apply(hinted, e, POLICY, collectInto(hintedOut), nothingDueBefore))
                        .isEqualTo(expected);
            }
            TicketSla.advance(plain, t, POLICY, collectInto(plainOut));
            nothingDueBefore = TicketSla.advance(hinted, t, POLICY, collectInto(hintedOut));
            assertThat(hintedOut).isEqualTo(plainOut);
        }
        assertThat(hinted).usingRecursiveComparison().isEqualTo(plain);
    }

    private static SlaOutputs collectInto(List<Object> out) {
        return new SlaOutputs() {
            @Override
            public void alert(SlaAlert a) {
                out.add(a);
            }

            @Override
            public void escalation(Escalation e) {
                out.add(e);
            }

            @Override
            public void outcome(OutcomeUpdate u) {
                out.add(u);
            }
        };
    }

    @Provide
    Arbitrary<String> clients() {
        return Arbitraries.of("acme", "globex", "initech", "umbrella");
    }

    @Provide
    Arbitrary<String> priorities() {
        return Arbitraries.of("P1", "P2", "P3");
    }

    static final class Recorder implements SlaOutputs {
        final List<Long> firedAt = new ArrayList<>();
        final Map<Metric, Integer> breaches = new EnumMap<>(Metric.class);
        final Map<Metric, List<Integer>> levels = new EnumMap<>(Metric.class);
        final Map<Metric, List<OutcomeUpdate>> outcomes = new EnumMap<>(Metric.class);

        @Override
        public void alert(SlaAlert a) {
            firedAt.add(a.firedAt());
            if (a.kind() == SlaAlert.Kind.BREACH) breaches.merge(a.metric(), 1, Integer::sum);
        }

        @Override
        public void escalation(Escalation e) {
            firedAt.add(e.firedAt());
            levels.computeIfAbsent(e.metric(), m -> new ArrayList<>()).add(e.level());
            assertThat(e.firedAt()).isGreaterThanOrEqualTo(e.breachedAt());
        }

        @Override
        public void outcome(OutcomeUpdate u) {
            outcomes.computeIfAbsent(u.metric(), m -> new ArrayList<>()).add(u);
        }

        void check(long createdAt) {
            assertThat(breaches.values()).allMatch(b -> b <= 1);
            assertThat(firedAt).allMatch(f -> f >= createdAt);
            assertThat(firedAt).isSorted();
            for (List<Integer> l : levels.values()) {
                for (int i = 1; i < l.size(); i++) assertThat(l.get(i)).isGreaterThan(l.get(i - 1));
            }
            for (List<OutcomeUpdate> l : outcomes.values()) {
                boolean breached = false;
                for (int i = 0; i < l.size(); i++) {
                    OutcomeUpdate u = l.get(i);
                    assertThat(u.revision()).isEqualTo(i + 1);
                    if (breached) assertThat(u.outcome()).isEqualTo(Outcome.BREACHED);
                    breached |= u.outcome() == Outcome.BREACHED;
                    if (u.outcome() == Outcome.MET) assertThat(u.completedAt()).isLessThanOrEqualTo(u.deadline());
                    if (u.outcome() == Outcome.BREACHED)
                        assertThat(u.breachedAt()).isEqualTo(u.deadline());
                }
            }
        }
    }
}
