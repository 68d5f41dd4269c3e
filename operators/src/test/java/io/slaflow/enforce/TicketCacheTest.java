package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The write-back cache on its own: what reaches state, when, and in which order. */
class TicketCacheTest {
    private final List<String> written = new ArrayList<>();

    private TicketCache cache(int capacity) {
        return new TicketCache(
                capacity, (ticket, value) -> written.add(ticket + "=" + (value == null ? "cleared" : value.wakeAt)));
    }

    private static EnforcedTicket ticket(long wakeAt) {
        EnforcedTicket t = new EnforcedTicket();
        t.wakeAt = wakeAt;
        return t;
    }

    @Test
    void aChangedTicketReachesStateOnlyAtTheFlushOnceWithItsLastValue() throws Exception {
        TicketCache c = cache(10);
        EnforcedTicket a = ticket(1);
        c.loaded("A", null);
        c.put("A", a);
        a.wakeAt = 2; // changed in place after the put, as the enforcer does: the flush writes what it is then
        c.put("A", a);
        assertThat(written).isEmpty();
        assertThat(c.dirty()).isEqualTo(1);

        assertThat(c.flush()).isEqualTo(1);
        assertThat(written).containsExactly("A=2");
        assertThat(c.flush()).as("clean now: nothing to write again").isZero();
        assertThat(c.get("A")).as("still cached after the flush").isSameAs(a);
    }

    @Test
    void whatWasOnlyReadIsNeverWritten() throws Exception {
        TicketCache c = cache(2);
        c.loaded("A", ticket(1));
        c.loaded("B", null);
        c.loaded("C", ticket(3)); // evicts A, clean
        assertThat(c.flush()).isZero();
        assertThat(written).isEmpty();
        assertThat(c.contains("A")).isFalse();
    }

    @Test
    void aCachedAbsenceIsAnsweredWithoutState() throws Exception {
        TicketCache c = cache(2);
        c.loaded("A", null);
        assertThat(c.contains("A")).isTrue();
        assertThat(c.get("A")).isNull();
        assertThat(c.contains("B")).isFalse();
        assertThat(c.get("B")).isSameAs(TicketCache.NOT_CACHED);
    }

    @Test
    void theLeastRecentlyUsedTicketIsEvictedAndWrittenIfChanged() throws Exception {
        TicketCache c = cache(2);
        c.put("A", ticket(1));
        c.put("B", ticket(2));
        c.get("A"); // A used after B: B is now the eldest
        assertThat(c.put("C", ticket(3)))
                .as("an eviction wrote under another key")
                .isTrue();
        assertThat(written).containsExactly("B=2");
        assertThat(c.contains("B")).isFalse();
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.dirty()).isEqualTo(2);
    }

    @Test
    void aClearedTicketIsWrittenAsAClear() throws Exception {
        TicketCache c = cache(1);
        c.loaded("A", ticket(1));
        c.put("A", null); // purged
        assertThat(c.get("A")).as("in state until the delete is written").isNull();
        c.loaded("B", null); // evicts A
        assertThat(written).containsExactly("A=cleared");
    }

    @Test
    void aTicketCreatedAndPurgedBetweenWriteBacksNeverReachesState() throws Exception {
        TicketCache c = cache(10);
        c.loaded("A", null); // read: not in state
        c.put("A", ticket(1)); // created
        c.put("A", null); // purged
        assertThat(c.dirty()).isZero();
        assertThat(c.contains("A")).as("its slot given up").isFalse();
        assertThat(c.flush()).isZero();
        assertThat(written).isEmpty();

        c.loaded("B", null);
        c.put("B", ticket(2));
        c.flush(); // now in state
        c.put("B", null);
        assertThat(c.contains("B")).as("kept until its delete is written").isTrue();
        assertThat(c.flush()).as("in state: its purge is a delete").isEqualTo(1);
        assertThat(written).containsExactly("B=2", "B=cleared");
        assertThat(c.contains("B")).as("deleted: slot given up").isFalse();
        assertThat(c.size()).isZero();
    }

    @Test
    void anEvictionOfACleanTicketReportsNoWrite() throws Exception {
        TicketCache c = cache(1);
        c.loaded("A", ticket(1));
        assertThat(c.loaded("B", ticket(2))).isFalse();
        assertThat(c.put("C", ticket(3))).isFalse();
        assertThat(c.put("D", ticket(4))).as("C was changed").isTrue();
        assertThat(written).containsExactly("C=3");
    }

    @Test
    void flushWritesEveryChangedTicketAndClearForgetsWithoutWriting() throws Exception {
        TicketCache c = cache(100);
        for (int i = 0; i < 50; i++) {
            if (i % 2 == 0) c.put("T" + i, ticket(i));
            else c.loaded("T" + i, ticket(i));
        }
        assertThat(c.flush()).isEqualTo(25);
        assertThat(written).hasSize(25).allMatch(w -> Integer.parseInt(w.substring(1, w.indexOf('='))) % 2 == 0);
        c.put("X", ticket(9));
        c.clear();
        assertThat(c.size()).isZero();
        assertThat(c.flush()).isZero();
        assertThat(written).hasSize(25);
    }

    @Test
    void aCacheWithoutRoomIsRefused() {
        assertThatThrownBy(() -> cache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
