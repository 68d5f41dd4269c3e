package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.SlaPolicy;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** TicketState sits in keyed state for every open ticket: a POJO (no Kryo) and at most 512 bytes serialized. */
public class TicketStateSerializationTest {

    static final SlaPolicy POLICY = TestPolicy.DEFAULT;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    public static final int MAX_BYTES = 512;

    @Test
    void isAPojoAllTheWayDown() {
        TypeInformation<TicketState> info = TypeInformation.of(TicketState.class);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<TicketState> pojo = (PojoTypeInfo<TicketState>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            PojoField f = pojo.getPojoFieldAt(i);
            assertThat(f.getTypeInformation()).as(f.getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
        }
        assertThat(pojo.getTypeAt("response")).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> clock = (PojoTypeInfo<?>) pojo.getTypeAt("response");
        for (int i = 0; i < clock.getArity(); i++) {
            PojoField f = clock.getPojoFieldAt(i);
            assertThat(f.getTypeInformation()).as(f.getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void aTypicalOpenTicketFitsIn512BytesAndRoundTrips() throws Exception {
        TicketState s = typicalOpenP1();
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // a Kryo fallback anywhere would throw
        TypeSerializer<TicketState> serializer =
                TypeInformation.of(TicketState.class).createSerializer(config);
        assertThat(serializer).isInstanceOf(PojoSerializer.class);

        DataOutputSerializer bytes = new DataOutputSerializer(256);
        serializer.serialize(s, bytes);
        int size = bytes.length();
        System.out.println("TicketState serialized size (P1, 1 pause, 2 assignments, 6 seen ids): " + size + " bytes");
        assertThat(size).isLessThanOrEqualTo(MAX_BYTES);

        TicketState back = serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
        assertThat(TicketSla.nextDueAt(back, POLICY)).isEqualTo(TicketSla.nextDueAt(s, POLICY));
    }

    /** P1 for acme: created, assigned twice, responded, paused for the customer and resumed: 6 event ids. */
    public static TicketState typicalOpenP1() {
        SlaOutputs none = new SlaOutputs() {
            @Override
            public void alert(SlaAlert alert) {}

            @Override
            public void escalation(Escalation escalation) {}

            @Override
            public void outcome(OutcomeUpdate update) {}
        };
        TicketEvent c = new TicketEvent("evt-000001-created", "INC-2026-000123", "acme", EventType.CREATED, T0);
        c.priority = "P1";
        c.status = "new";
        TicketState s = TicketSla.create(c, TestPolicy.COMPILED, none);
        apply(s, "evt-000002-assigned", EventType.ASSIGNED, T0 + 60_000, e -> e.assignee = "service-desk-l1");
        apply(s, "evt-000003-assigned", EventType.ASSIGNED, T0 + 120_000, e -> e.assignee = "jordan.miller");
        apply(s, "evt-000004-responded", EventType.RESPONDED, T0 + 300_000, e -> {});
        apply(s, "evt-000005-status", EventType.STATUS_CHANGED, T0 + 600_000, e -> e.status = "waiting-on-customer");
        apply(s, "evt-000006-status", EventType.STATUS_CHANGED, T0 + 1_800_000, e -> e.status = "in-progress");
        assertThat(s.seenCount).isEqualTo(6);
        assertThat(s.resolution.runs).hasSize(2);
        return s;
    }

    private static void apply(
            TicketState s, String id, EventType type, long at, java.util.function.Consumer<TicketEvent> with) {
        TicketEvent e = new TicketEvent(id, s.ticketId, s.clientId, type, at);
        with.accept(e);
        assertThat(TicketSla.apply(s, e, POLICY, new SlaOutputs() {
                    @Override
                    public void alert(SlaAlert alert) {}

                    @Override
                    public void escalation(Escalation escalation) {}

                    @Override
                    public void outcome(OutcomeUpdate update) {}
                }))
                .isEqualTo(ApplyResult.APPLIED);
    }
}
