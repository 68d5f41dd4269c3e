package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.junit.jupiter.api.Test;

/**
 * The event layout on the wire. Field coverage (a field added to {@link TicketEvent} and not written) is checked
 * reflectively by {@code EnforcedTicketSerializerTest}, which holds events in the same layout.
 */
class TicketEventSerializerTest {
    private final TicketEventSerializer serializer = TicketEventSerializer.INSTANCE;

    static TicketEvent full() {
        TicketEvent e = new TicketEvent("e-1", "T-1", "acme", EventType.PRIORITY_CHANGED, 1_790_000_000_123L);
        e.source = "monitoring";
        e.subject = "Ünïcødé subject";
        e.description = "a long description ".repeat(40);
        e.priority = "P1";
        e.status = "in-progress";
        e.assignee = "ana";
        e.actor = "bot";
        e.extra = new HashMap<>(Map.of("impact", "\"high\"", "tags", "[\"a\",\"b\"]"));
        return e;
    }

    @Test
    void everyFieldRoundTripsAndEveryByteIsRead() throws Exception {
        TicketEvent e = full();
        assertThat(roundTrip(e)).isEqualTo(e).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void nullsAndAnEmptyExtraRoundTrip() throws Exception {
        TicketEvent e = new TicketEvent(null, "T-2", null, null, 0);
        TicketEvent back = roundTrip(e);
        assertThat(back.type).isNull();
        assertThat(back.eventId).isNull();
        assertThat(back.extra).isEmpty();
        e.extra = null;
        assertThat(roundTrip(e).extra).as("no extra fields read back as none").isEmpty();
    }

    @Test
    void aCopyIsDeep() {
        TicketEvent e = full();
        TicketEvent c = serializer.copy(e);
        assertThat(c).isEqualTo(e).isNotSameAs(e);
        assertThat(c.extra).isNotSameAs(e.extra);
        c.extra.put("more", "1");
        c.occurredAt++;
        assertThat(e.extra).doesNotContainKey("more");
        assertThat(serializer.copy(e, new TicketEvent())).isEqualTo(e);
    }

    @Test
    void theTypeInformationGivesThisSerializer() {
        assertThat(TicketEventSerializer.TYPE.createSerializer(new SerializerConfigImpl()))
                .isSameAs(serializer);
        assertThat(TicketEventSerializer.TYPE.getTypeClass()).isEqualTo(TicketEvent.class);
        assertThat(TicketEventSerializer.TYPE).isEqualTo(TicketEventSerializer.TYPE);
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        SerializerChecks.snapshotRestoresACompatibleSerializer(serializer);
    }

    private TicketEvent roundTrip(TicketEvent e) throws IOException {
        return SerializerChecks.roundTrip(serializer, e);
    }
}
