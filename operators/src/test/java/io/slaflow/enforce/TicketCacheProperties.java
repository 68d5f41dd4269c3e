package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The cache used as the enforcer uses it (look up; on a miss read state and cache what was read; store the new value
 * or a purge), against a plain map of the latest values: whatever the eviction order, every ticket reads as its
 * latest value, only changed tickets are written, the cache never holds more than its capacity, and after a flush
 * state is exactly the reference.
 */
class TicketCacheProperties {

    /** One event for a ticket: the value it leaves (-1: the ticket is purged). */
    record Op(String ticket, long value, boolean flushAfter) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.integers()
                .between(0, 11)
                .flatMap(t -> Arbitraries.longs()
                        .between(-1, 5)
                        .flatMap(v -> Arbitraries.integers().between(0, 19).map(f -> new Op("T" + t, v, f == 0))))
                .list()
                .ofMinSize(1)
                .ofMaxSize(300);
    }

    @Property(tries = 300)
    void readsTheLatestValueWritesOnlyChangesAndEndsEqualToTheReference(
            @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 8) int capacity) throws Exception {
        Map<String, Long> state = new HashMap<>();
        Set<String> writtenSinceFlush = new HashSet<>();
        TicketCache cache = new TicketCache(capacity, (ticket, value) -> {
            assertThat(writtenSinceFlush.add(ticket))
                    .as("%s written twice without a change between", ticket)
                    .isTrue();
            if (value == null) state.remove(ticket);
            else state.put(ticket, value.wakeAt);
        });
        Map<String, Long> reference = new HashMap<>();
        for (Op op : ops) {
            EnforcedTicket current = cache.get(op.ticket());
            if (current == TicketCache.NOT_CACHED) {
                Long stored = state.get(op.ticket());
                current = stored == null ? null : ticket(stored);
                cache.loaded(op.ticket(), current);
            }
            Long expected = reference.get(op.ticket());
            assertThat(current == null ? null : current.wakeAt)
                    .as("what %s reads", op.ticket())
                    .isEqualTo(expected);
            writtenSinceFlush.remove(op.ticket()); // about to change: may be written again
            if (op.value() < 0) {
                cache.put(op.ticket(), null);
                reference.remove(op.ticket());
            } else {
                cache.put(op.ticket(), ticket(op.value()));
                reference.put(op.ticket(), op.value());
            }
            assertThat(cache.size()).isLessThanOrEqualTo(capacity);
            if (op.flushAfter()) {
                cache.flush();
                writtenSinceFlush.clear();
                assertThat(state).isEqualTo(reference);
            }
        }
        cache.flush();
        assertThat(state).isEqualTo(reference);
        assertThat(cache.dirty()).isZero();
    }

    private static EnforcedTicket ticket(long wakeAt) {
        EnforcedTicket t = new EnforcedTicket();
        t.wakeAt = wakeAt;
        return t;
    }
}
