package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.EnumTypeInfo;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** TicketEvent travels between Flink operators and sits in state: it must be a POJO, with no Kryo inside. */
class TicketEventTypeInfoTest {
    private final TypeInformation<TicketEvent> typeInfo = TypeInformation.of(TicketEvent.class);

    @Test
    void isAPojoWithNoGenericField() {
        assertThat(typeInfo).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<TicketEvent> pojo = (PojoTypeInfo<TicketEvent>) typeInfo;

        for (int i = 0; i < pojo.getArity(); i++) {
            PojoField field = pojo.getPojoFieldAt(i);
            assertThat(field.getTypeInformation())
                    .as(field.getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
        // Flink 2.x extracts Map fields itself (NullableMapTypeInfo, a MapTypeInfo): no @TypeInfo factory needed.
        Object extra = pojo.getTypeAt("extra");
        assertThat(extra).isInstanceOf(MapTypeInfo.class);
        MapTypeInfo<?, ?> map = (MapTypeInfo<?, ?>) extra;
        assertThat(map.getKeyTypeInfo()).isEqualTo(BasicTypeInfo.STRING_TYPE_INFO);
        assertThat(map.getValueTypeInfo()).isEqualTo(BasicTypeInfo.STRING_TYPE_INFO);
        assertThat(pojo.getTypeAt("type")).isInstanceOf(EnumTypeInfo.class);
    }

    @Test
    void extraMapGetsAMapSerializerNotKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);

        TypeSerializer<Object> extra =
                ((PojoTypeInfo<TicketEvent>) typeInfo).getTypeAt("extra").createSerializer(config);

        assertThat(extra).isNotInstanceOf(KryoSerializer.class);
        assertThat(extra.getClass().getName()).isIn(NullableSerializer.class.getName(), MapSerializer.class.getName());
    }

    @Test
    void serializerIsPojoAllTheWayDown() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // any Kryo fallback would now fail instead of passing silently

        TypeSerializer<TicketEvent> serializer = typeInfo.createSerializer(config);

        assertThat(serializer).isInstanceOf(PojoSerializer.class);
    }

    @Test
    void roundTripsThroughTheFlinkSerializer() throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<TicketEvent> serializer = typeInfo.createSerializer(config);
        TicketEvent event = new TicketEvent("evt-1", "INC-1", "acme", EventType.PRIORITY_CHANGED, 1_795_160_100_250L);
        event.priority = "P2";
        event.subject = "Café ☕";
        event.extra.put("impact", "{\"users\":40,\"sites\":[\"Lyon\"]}");
        event.extra.put("nothing", "null");

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(event, out);
        TicketEvent copy = serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));

        assertThat(copy).isEqualTo(event).isNotSameAs(event);
        assertThat(copy.extra).isEqualTo(event.extra);
        assertThat(serializer.copy(event)).isEqualTo(event);
    }

    @Test
    void roundTripsAnEventWithNullOptionalFields() throws Exception {
        TypeSerializer<TicketEvent> serializer = typeInfo.createSerializer(new SerializerConfigImpl());
        TicketEvent event = new TicketEvent("evt-2", "INC-2", "acme", EventType.CREATED, 0L);

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(event, out);

        assertThat(serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length())))
                .isEqualTo(event);
    }
}
