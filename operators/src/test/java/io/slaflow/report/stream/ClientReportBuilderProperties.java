package io.slaflow.report.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportFixtures;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportJson;
import io.slaflow.report.ReportSettings;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The reports of a history do not depend on how its records arrive. A random three weeks of one client's tickets
 * (responses met or breached, resolutions met, late, reopened and resolved again, breach and escalation records) is
 * delivered once in event-time order on one channel, and once spread over up to four channels (outcomes by ticket, as
 * the enforcer's subtasks send them; alerts anywhere) that interleave at random, each channel's watermark as far ahead
 * as it may be (its next record's time, or up to the allowed lateness behind it): the same reports, byte for byte.
 */
class ClientReportBuilderProperties {
    static final ReportDirectory DIR = ReportDirectory.of(ReportFixtures.defaultPolicy());
    static final long LATENESS = Duration.ofMinutes(5).toMillis();
    static final long START = Instant.parse("2026-11-09T00:00:00Z").toEpochMilli(); // Monday of 2026-W46 (London)
    static final long MIN = 60_000;

    /** An input and the event time it became known at (its stream timestamp). */
    record Timed(ReportInput input, long knownAt, String channelKey) {}

    @Property(tries = 60)
    void theReportsAreTheSameWhateverTheArrivalOrder(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int channels) throws Exception {
        List<Timed> history = history(new Random(seed));
        List<String> inOrder = reports(history, 1, new Random(0), false);
        List<String> shuffled = reports(history, channels, new Random(seed ^ 0x5DEECE66DL), true);
        assertThat(inOrder).as("at least one report").isNotEmpty();
        assertThat(shuffled).isEqualTo(inOrder);
    }

    static List<Timed> history(Random rnd) {
        List<Timed> out = new ArrayList<>();
        int tickets = 3 + rnd.nextInt(25);
        for (int i = 0; i < tickets; i++) {
            String t = "INI-" + i;
            String tier = rnd.nextBoolean() ? "P1" : "P2";
            long budget = (tier.equals("P1") ? 15 : 60) * MIN;
            long created = START + (long) (rnd.nextDouble() * 20 * 86_400_000L);
            // response: met, or breached at its deadline and answered later
            int rev = 1;
            out.add(outcome(
                    t, tier, Metric.RESPONSE, created, created + budget, Outcome.PENDING, -1, -1, rev++, created));
            if (rnd.nextInt(4) > 0) {
                long at = created + (long) (rnd.nextDouble() * budget);
                out.add(outcome(t, tier, Metric.RESPONSE, created, created + budget, Outcome.MET, at, -1, rev, at));
            } else {
                long deadline = created + budget;
                out.add(outcome(
                        t, tier, Metric.RESPONSE, created, deadline, Outcome.BREACHED, -1, deadline, rev++, deadline));
                out.add(fact(
                        ReportInput.of(new SlaAlert(
                                t + ":RESPONSE:BREACH",
                                SlaAlert.Kind.BREACH,
                                t,
                                "initech",
                                tier,
                                Metric.RESPONSE,
                                100,
                                created,
                                deadline,
                                deadline,
                                "desk",
                                "v1",
                                false)),
                        deadline));
                long escalated = deadline + 30 * MIN;
                out.add(fact(
                        ReportInput.of(new Escalation(
                                t + ":RESPONSE:ESCALATION:1",
                                t,
                                "initech",
                                tier,
                                Metric.RESPONSE,
                                1,
                                "account-director",
                                "desk",
                                "oliver.hughes",
                                deadline,
                                escalated,
                                "breached",
                                "v1",
                                tier.equals("P1") ? "15m" : "1h",
                                deadline,
                                t + ":RESPONSE:BREACH")),
                        escalated));
                long answered = deadline + (long) (rnd.nextDouble() * 3 * 86_400_000L);
                out.add(outcome(
                        t,
                        tier,
                        Metric.RESPONSE,
                        created,
                        deadline,
                        Outcome.BREACHED,
                        answered,
                        deadline,
                        rev,
                        answered));
            }
            // resolution: met, possibly reopened days later (across a period's end) and resolved again
            rev = 1;
            long resBudget = budget * 16;
            out.add(outcome(
                    t, tier, Metric.RESOLUTION, created, created + resBudget, Outcome.PENDING, -1, -1, rev++, created));
            long resolved = created + (long) (rnd.nextDouble() * resBudget);
            out.add(outcome(
                    t,
                    tier,
                    Metric.RESOLUTION,
                    created,
                    created + resBudget,
                    Outcome.MET,
                    resolved,
                    -1,
                    rev++,
                    resolved));
            if (rnd.nextInt(3) == 0) {
                long reopened = resolved + (long) (rnd.nextDouble() * 6 * 86_400_000L);
                out.add(outcome(t, tier, Metric.RESOLUTION, created, -1, Outcome.PENDING, -1, -1, rev++, reopened));
                long again = reopened + (long) (rnd.nextDouble() * 86_400_000L);
                out.add(outcome(t, tier, Metric.RESOLUTION, created, again + MIN, Outcome.MET, again, -1, rev, again));
            }
        }
        return out;
    }

    static Timed outcome(
            String t,
            String tier,
            Metric m,
            long start,
            long deadline,
            Outcome o,
            long completed,
            long breached,
            int revision,
            long knownAt) {
        return new Timed(
                ReportInput.of(new OutcomeUpdate(
                        t, "initech", tier, m, start, deadline, o, completed, breached, "default", "v1", false,
                        revision)),
                knownAt,
                t);
    }

    static Timed fact(ReportInput in, long knownAt) {
        return new Timed(in, knownAt, null);
    }

    /** Delivers the history over {@code channels} channels and returns the reports' JSON, in emission order. */
    static List<String> reports(List<Timed> history, int channels, Random rnd, boolean late) throws Exception {
        List<List<Timed>> queues = new ArrayList<>();
        for (int c = 0; c < channels; c++) queues.add(new ArrayList<>());
        for (Timed t : history) {
            int c = t.channelKey() != null ? Math.floorMod(t.channelKey().hashCode(), channels) : rnd.nextInt(channels);
            queues.get(c).add(t);
        }
        // each channel in the order its producer emits: event time, then revision (a target's updates in order)
        Comparator<Timed> emission = Comparator.comparingLong(Timed::knownAt)
                .thenComparingInt(t ->
                        t.input().outcome() == null ? 0 : t.input().outcome().revision());
        for (List<Timed> q : queues) q.sort(emission);
        long[] lag = new long[channels];
        KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ClientReportBuilder(DIR, ReportSettings.live(Duration.ofMillis(LATENESS))),
                        ReportInput::clientId,
                        Types.STRING);
        long watermark = Long.MIN_VALUE;
        int[] next = new int[channels];
        int left = history.size();
        while (left > 0) {
            int c = rnd.nextInt(channels);
            if (next[c] == queues.get(c).size()) continue;
            Timed t = queues.get(c).get(next[c]++);
            left--;
            h.processElement(t.input(), t.knownAt());
            // a channel's watermark: as far as its next record allows, or up to the lateness beyond it (a late event)
            if (late) lag[c] = rnd.nextInt(3) == 0 ? (long) (rnd.nextDouble() * (LATENESS - 1)) : 0;
            long w = Long.MAX_VALUE;
            for (int k = 0; k < channels; k++) {
                w = Math.min(
                        w,
                        next[k] == queues.get(k).size()
                                ? Long.MAX_VALUE - 1
                                : queues.get(k).get(next[k]).knownAt() - 1 + lag[k]);
            }
            if (w > watermark && w < Long.MAX_VALUE - 1) {
                watermark = w;
                h.processWatermark(w);
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        List<String> out = new ArrayList<>();
        for (ClientReport r : h.extractOutputValues())
            out.add(new String(ReportJson.toJsonBytes(r), StandardCharsets.UTF_8));
        h.close();
        return out;
    }
}
