package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnforcedTicketTest {

    @Test
    void buffersInApplicationOrderCreatedFirstThenArrivalOrder() {
        EnforcedTicket t = new EnforcedTicket();
        t.buffer(event("a", EventType.ASSIGNED, 20));
        t.buffer(event("b", EventType.STATUS_CHANGED, 10));
        t.buffer(event("c", EventType.RESPONDED, 20));
        t.buffer(event("d", EventType.CREATED, 20));
        t.buffer(event("e", EventType.CLOSED, 30));
        t.buffer(event("f", EventType.RESOLVED, 25));

        assertThat(ids(t)).containsExactly("b", "d", "a", "c", "f", "e");
    }

    @Test
    void dueEventsAreTheFirstOnesAndAreDropped() {
        EnforcedTicket t = new EnforcedTicket();
        t.buffer(event("a", EventType.ASSIGNED, 10));
        t.buffer(event("b", EventType.ASSIGNED, 20));
        t.buffer(event("c", EventType.ASSIGNED, 20));
        t.buffer(event("d", EventType.ASSIGNED, 30));

        assertThat(t.dueAt(5)).isZero();
        assertThat(t.dueAt(20)).isEqualTo(3);
        assertThat(t.dueAt(25)).isEqualTo(3);
        t.dropFirst(3);
        assertThat(ids(t)).containsExactly("d");
        t.dropFirst(1);
        assertThat(t.pending).isEmpty();
        assertThat(t.isEmpty()).as("no SLA, nothing pending").isTrue();
    }

    private static String[] ids(EnforcedTicket t) {
        return Arrays.stream(t.pending).map(e -> e.eventId).toArray(String[]::new);
    }

    private static TicketEvent event(String id, EventType type, long at) {
        return new TicketEvent(id, "INC-1", "acme", type, at);
    }
}
