package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.WakeUpQueue.WakeUp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class WakeUpQueueTest {

    enum Kind {
        ADD,
        POLL,
        CANCEL,
        CANCEL_AGAIN
    }

    /** One operation; {@code pick} chooses which earlier handle a cancel names. */
    record Op(Kind kind, long time, int pick) {}

    @Property(tries = 400)
    void pollsEarliestFirstAndNeverWhatWasCancelledOrPolled(@ForAll("ops") List<Op> ops) {
        WakeUpQueue queue = new WakeUpQueue();
        List<WakeUp> queued = new ArrayList<>(); // the reference: what must still come out
        List<WakeUp> gone = new ArrayList<>(); // polled or cancelled
        int n = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case ADD -> queued.add(queue.add(op.time(), "T" + n++));
                case POLL -> {
                    if (!queued.isEmpty()) {
                        long earliest =
                                queued.stream().mapToLong(w -> w.time).min().orElseThrow();
                        assertThat(queue.peekTime()).isEqualTo(earliest);
                        WakeUp w = queue.poll();
                        assertThat(w.time).isEqualTo(earliest);
                        assertThat(queued.remove(w)).as("it was queued").isTrue();
                        assertThat(w.isQueued()).isFalse();
                        gone.add(w);
                    }
                }
                case CANCEL -> {
                    if (!queued.isEmpty()) {
                        WakeUp w = queued.remove(op.pick() % queued.size());
                        queue.cancel(w);
                        assertThat(w.isQueued()).isFalse();
                        gone.add(w);
                    }
                }
                case CANCEL_AGAIN -> {
                    if (!gone.isEmpty()) {
                        queue.cancel(gone.get(op.pick() % gone.size())); // a no-op, whatever the slot holds now
                    }
                }
            }
            assertThat(queue.size()).isEqualTo(queued.size());
        }
        queued.sort(Comparator.comparingLong(w -> w.time));
        List<WakeUp> drained = new ArrayList<>();
        while (!queue.isEmpty()) {
            drained.add(queue.poll());
        }
        assertThat(drained).extracting(w -> w.time).isSorted();
        assertThat(drained).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Long> time = Arbitraries.longs().between(0, 40);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Op> add = time.map(t -> new Op(Kind.ADD, t, 0));
        Arbitrary<Op> poll = Arbitraries.just(new Op(Kind.POLL, 0, 0));
        Arbitrary<Op> cancel = pick.map(p -> new Op(Kind.CANCEL, 0, p));
        Arbitrary<Op> cancelAgain = pick.map(p -> new Op(Kind.CANCEL_AGAIN, 0, p));
        return Arbitraries.frequencyOf(
                        Tuple.of(5, add), Tuple.of(2, poll), Tuple.of(2, cancel), Tuple.of(1, cancelAgain))
                .list()
                .ofMaxSize(300);
    }

    @Test
    void growsPastItsInitialCapacityAndGivesTheSpaceBackWhenDrained() {
        WakeUpQueue queue = new WakeUpQueue();
        int n = 100_000;
        List<WakeUp> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(queue.add((i * 7919L) % n, "T" + i));
        }
        for (int i = 0; i < n; i += 2) {
            queue.cancel(handles.get(i));
        }
        assertThat(queue.size()).isEqualTo(n / 2);
        long previous = Long.MIN_VALUE;
        while (!queue.isEmpty()) {
            WakeUp w = queue.poll();
            assertThat(w.time).isGreaterThanOrEqualTo(previous);
            assertThat(Integer.parseInt(w.ticket.substring(1)) % 2)
                    .as("only the ones not cancelled")
                    .isOne();
            previous = w.time;
        }
        queue.add(5, "again");
        assertThat(queue.poll().ticket).isEqualTo("again");
    }

    @Test
    void forEachVisitsEveryEntryAndClearEmptiesIt() {
        WakeUpQueue queue = new WakeUpQueue();
        queue.add(30, "A");
        WakeUp b = queue.add(10, "B");
        queue.add(20, "A");
        List<String> seen = new ArrayList<>();
        queue.forEach((t, ticket) -> seen.add(ticket + "@" + t));
        assertThat(seen).containsExactlyInAnyOrder("A@30", "B@10", "A@20");
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(b.isQueued()).isFalse();
        queue.add(1, "C");
        assertThat(queue.peekTime()).isEqualTo(1);
        assertThat(queue.poll().ticket).isEqualTo("C");
    }
}
