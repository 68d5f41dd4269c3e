package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.TicketState;
import org.junit.jupiter.api.Test;

/**
 * What the enforcer relies on from any {@link TicketStore}, run against each implementation. A subclass gives the
 * store and says under which key each call is made ({@link #underKey}): keyed state answers for the current key only.
 */
abstract class TicketStoreContract {
    abstract TicketStore store();

    /** Makes {@code ticket} the current key before a call, as Flink does before the enforcer runs. */
    abstract void underKey(String ticket);

    /** What the store has written to its state for {@code ticket} (after a flush: everything). */
    abstract EnforcedTicket inState(String ticket) throws Exception;

    @Test
    void aTicketNeverStoredHasNoValue() throws Exception {
        assertThat(load("T-1")).isNull();
    }

    @Test
    void aStoredTicketIsLoadedAgain() throws Exception {
        EnforcedTicket t = open("T-1");
        store("T-1", t);
        assertThat(load("T-1").sla.ticketId).isEqualTo("T-1");
        store().flush();
        assertThat(inState("T-1").sla.ticketId).isEqualTo("T-1");
    }

    @Test
    void eachTicketKeepsItsOwnValue() throws Exception {
        for (int i = 0; i < 5; i++) {
            store("T-" + i, open("T-" + i));
        }
        for (int i = 4; i >= 0; i--) {
            assertThat(load("T-" + i).sla.ticketId).isEqualTo("T-" + i);
        }
        store().flush();
        for (int i = 0; i < 5; i++) {
            assertThat(inState("T-" + i).sla.ticketId).isEqualTo("T-" + i);
        }
    }

    @Test
    void anEmptyTicketIsRemoved() throws Exception {
        store("T-1", open("T-1"));
        store().flush();
        EnforcedTicket purged = load("T-1");
        purged.sla = null;
        store("T-1", purged);
        assertThat(load("T-1")).isNull();
        store().flush();
        assertThat(inState("T-1")).isNull();
    }

    @Test
    void aTicketWithOnlyBufferedEventsIsKept() throws Exception {
        EnforcedTicket buffering = new EnforcedTicket();
        buffering.buffer(new TicketEvent("e1", "T-1", "acme", EventType.ASSIGNED, 1_000));
        store("T-1", buffering);
        store().flush();
        assertThat(inState("T-1").pending).hasSize(1);
    }

    EnforcedTicket load(String ticket) throws Exception {
        underKey(ticket);
        return store().load(ticket);
    }

    void store(String ticket, EnforcedTicket value) throws Exception {
        underKey(ticket);
        store().store(ticket, value);
    }

    static EnforcedTicket open(String ticket) {
        EnforcedTicket t = new EnforcedTicket();
        t.sla = new TicketState();
        t.sla.ticketId = ticket;
        return t;
    }
}
