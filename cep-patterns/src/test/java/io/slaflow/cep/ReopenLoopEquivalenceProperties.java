package io.slaflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.cep.patterns.ReopenLoopCep;
import io.slaflow.cep.reopen.ReopenLoopFunction;
import io.slaflow.cep.reopen.ReopenLoopRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The keyed reopen-loop function against the CEP pattern it replaced, on the same random inputs: a few tickets'
 * resolutions and reopens (some at the same instant, some exactly a window apart, from two clients), arriving out
 * of order with watermarks in between (some signals late). After every watermark both have emitted exactly the same
 * alerts (every field, hence the same ids) with the same record timestamps; at the end both hold nothing.
 */
class ReopenLoopEquivalenceProperties {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long T0 = Signals.t("2026-11-02T00:00:00Z");

    /** One signal: its ticket, kind, client and event time (hours after T0), and how late it arrives (hours). */
    record Step(
            int ticket,
            boolean resolved,
            int client,
            int hoursAfterPrevious,
            int arrivalDelayHours,
            int watermarkLagHours,
            boolean watermarkAfter) {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)), // same instant
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(1, 48)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(24 * 7, 24 * 7 - 1, 24 * 3, 24 * 2)), // window edges
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(49, 24 * 9)));
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 1),
                        gap,
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 3))
                .as((ticket, kind, client, g, delay, lag, wm) ->
                        new Step(ticket, kind < 5, client, g, delay, lag, wm == 0));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 250)
    void theKeyedFunctionEmitsWhatTheCepPatternEmitted(
            @ForAll("histories") List<Step> history,
            @ForAll @IntRange(min = 1, max = 3) int count,
            @ForAll @IntRange(min = 1, max = 7) int withinDays)
            throws Exception {
        Duration within = Duration.ofDays(withinDays);
        ReopenLoopRule rule = new ReopenLoopRule(count, within);
        // event times per ticket, then the arrival order: event time plus each signal's delay
        long[] clock = new long[3];
        List<long[]> arrivals = new ArrayList<>(); // {index, eventTime, arrivalTime}
        List<SlaSignal> signals = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Step s = history.get(i);
            clock[s.ticket()] += s.hoursAfterPrevious() * HOUR;
            long at = T0 + clock[s.ticket()];
            signals.add(new SlaSignal(
                    "e" + i,
                    s.resolved() ? SlaSignal.Kind.RESOLVED : SlaSignal.Kind.REOPENED,
                    "T" + s.ticket(),
                    s.client() == 0 ? "acme" : "globex",
                    at));
            arrivals.add(new long[] {i, at, at + s.arrivalDelayHours() * HOUR});
        }
        arrivals.sort(Comparator.comparingLong((long[] a) -> a[2]).thenComparingLong(a -> a[0]));

        try (ChainHarness cep = new ChainHarness(new ReopenLoopCep(count, within));
                KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> keyed =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                new KeyedProcessOperator<>(new ReopenLoopFunction(rule)), rule::keyOf, Types.STRING)) {
            keyed.open();
            long watermark = Long.MIN_VALUE;
            int seenCep = 0, seenKeyed = 0;
            for (long[] a : arrivals) {
                SlaSignal s = signals.get((int) a[0]);
                Step step = history.get((int) a[0]);
                cep.harness.processElement(new StreamRecord<>(copy(s), s.at));
                keyed.processElement(new StreamRecord<>(copy(s), s.at));
                if (step.watermarkAfter()) {
                    long w = a[2] - step.watermarkLagHours() * HOUR;
                    if (w > watermark) {
                        watermark = w;
                        cep.harness.processWatermark(new Watermark(w));
                        keyed.processWatermark(new Watermark(w));
                    }
                }
                List<String> fromCep = emitted(cep.harness, seenCep), fromKeyed = emitted(keyed, seenKeyed);
                assertThat(fromKeyed).as("after the watermark %d", watermark).isEqualTo(fromCep);
                seenCep += fromCep.size();
                seenKeyed += fromKeyed.size();
            }
            cep.harness.processWatermark(new Watermark(Long.MAX_VALUE));
            keyed.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(emitted(keyed, seenKeyed)).as("at the end").isEqualTo(emitted(cep.harness, seenCep));
            assertThat(keyed.numKeyedStateEntries()).as("state left").isZero();
            assertThat(keyed.numEventTimeTimers()).as("timers left").isZero();
        }
    }

    private static SlaSignal copy(SlaSignal s) {
        SlaSignal c = new SlaSignal(s.id, s.kind, s.ticketId, s.clientId, s.at);
        c.actor = s.actor;
        c.assignee = s.assignee;
        return c;
    }

    /** The records emitted since the {@code from}-th, as "timestamp alert", in a key-independent order. */
    private static List<String> emitted(
            KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> h, int from) {
        List<StreamRecord<? extends ChainAlert>> all = h.extractOutputStreamRecords();
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends ChainAlert> r : all.subList(from, all.size()))
            out.add(r.getTimestamp() + " " + r.getValue());
        out.sort(null);
        return out;
    }
}
