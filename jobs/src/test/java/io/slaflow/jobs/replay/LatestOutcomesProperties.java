package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * What {@link LatestOutcomes} passes on gives {@code outcomes.jsonl} the lines it would have without it: per outcome
 * the highest revision, among equal ones the first to arrive, whatever the window's capacity; and one outcome's lines
 * keep their order.
 */
class LatestOutcomesProperties {

    @Property(tries = 300)
    void theFilesKeepTheSameLineWhateverTheCapacity(
            @ForAll @IntRange(min = 1, max = 8) int capacity,
            @ForAll @IntRange(min = 1, max = 12) int tickets,
            @ForAll @IntRange(min = 0, max = 200) int updates,
            @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        List<OutcomeUpdate> in = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            // revisions out of order and repeated, and equal revisions told apart by their completedAt (= arrival)
            in.add(update("T" + random.nextInt(tickets), random.nextBoolean(), random.nextInt(4), i));
        }
        List<OutcomeUpdate> out = run(capacity, in);

        assertThat(kept(out)).isEqualTo(kept(in));
        for (String id : kept(in).keySet()) {
            List<OutcomeUpdate> passed = linesOf(out, id);
            assertThat(arrival(passed)).isSorted().isSubsetOf(arrival(linesOf(in, id)));
        }
        assertThat(out.size()).isLessThanOrEqualTo(in.size());
    }

    @Test
    void anOutcomeRevisedWhileHeldIsPassedOnOnceAndOneThatLeftTheWindowAgain() throws Exception {
        List<OutcomeUpdate> in = List.of(
                update("A", true, 0, 0),
                update("A", true, 1, 1), // replaces A's revision 0
                update("B", true, 0, 2),
                update("A", true, 1, 3), // equal to the one held: the first stays
                update("C", true, 0, 4), // the window holds 2: B, revised least recently, goes on
                update("B", true, 2, 5)); // B again, after it left: passed on again, at the end
        List<OutcomeUpdate> out = run(2, in);

        assertThat(out)
                .extracting(u -> u.ticketId() + u.revision() + "@" + u.completedAt())
                .containsExactly("B0@2", "A1@1", "C0@4", "B2@5");
        assertThat(kept(out)).isEqualTo(kept(in));
    }

    @Test
    void refusesAnEmptyWindow() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new LatestOutcomes(0));
    }

    private static List<OutcomeUpdate> run(int capacity, List<OutcomeUpdate> in) throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new LatestOutcomes(capacity))) {
            h.open();
            for (OutcomeUpdate u : in) h.processElement(u, 0L);
            h.endInput();
            return h.extractOutputValues();
        }
    }

    /** {@link ReplayFiles#OUTCOMES}, written the plain way: per id the highest revision, the first of equals. */
    private static Map<String, OutcomeUpdate> kept(List<OutcomeUpdate> lines) {
        Map<String, OutcomeUpdate> kept = new LinkedHashMap<>();
        for (OutcomeUpdate u : lines) {
            kept.merge(u.key(), u, (best, next) -> next.revision() > best.revision() ? next : best);
        }
        return new java.util.TreeMap<>(kept);
    }

    private static List<OutcomeUpdate> linesOf(List<OutcomeUpdate> lines, String id) {
        return lines.stream().filter(u -> u.key().equals(id)).toList();
    }

    private static List<Long> arrival(List<OutcomeUpdate> lines) {
        return lines.stream().map(OutcomeUpdate::completedAt).toList();
    }

    /** An update whose {@code completedAt} is its place in the input, so two of equal revision differ. */
    private static OutcomeUpdate update(String ticket, boolean response, int revision, long arrival) {
        return new OutcomeUpdate(
                ticket,
                "acme",
                "P2",
                response ? Metric.RESPONSE : Metric.RESOLUTION,
                0,
                3_600_000,
                Outcome.MET,
                arrival,
                -1,
                "rule",
                "v1",
                false,
                revision);
    }
}
