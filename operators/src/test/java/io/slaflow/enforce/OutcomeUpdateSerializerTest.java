package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.OutcomeUpdate;
import java.lang.reflect.RecordComponent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class OutcomeUpdateSerializerTest {
    private final OutcomeUpdateSerializer serializer = OutcomeUpdateSerializer.INSTANCE;

    /** Every component set to a value of its own, none a default: a component not written cannot read back equal. */
    static OutcomeUpdate everyComponentSet() throws Exception {
        RecordComponent[] components = OutcomeUpdate.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            if (t == String.class) values[i] = components[i].getName() + "-Ünï";
            else if (t == long.class) values[i] = 1_790_000_000_000L + i;
            else if (t == int.class) values[i] = 40 + i;
            else if (t == boolean.class) values[i] = true;
            else if (t.isEnum()) values[i] = t.getEnumConstants()[t.getEnumConstants().length - 1];
            else throw new AssertionError("component " + components[i].getName() + " of type " + t
                    + ": teach this test and OutcomeUpdateSerializer its type");
        }
        return OutcomeUpdate.class.getDeclaredConstructor(types).newInstance(values);
    }

    @Test
    void everyComponentRoundTripsAndEveryByteIsRead() throws Exception {
        OutcomeUpdate u = everyComponentSet();
        assertThat(roundTrip(u)).isEqualTo(u);
    }

    @Test
    void nullsRoundTrip() throws Exception {
        OutcomeUpdate u = new OutcomeUpdate("T-1", null, null, null, 0, -1, null, -1, -1, null, null, false, 0);
        assertThat(roundTrip(u)).isEqualTo(u);
        assertThat(roundTrip(serializer.createInstance())).isEqualTo(serializer.createInstance());
    }

    @Test
    void aRecordIsImmutableSoItsCopyIsItself() throws Exception {
        OutcomeUpdate u = everyComponentSet();
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(u)).isSameAs(u);
        assertThat(serializer.copy(u, serializer.createInstance())).isSameAs(u);
    }

    @Test
    void theOutcomeStreamDeclaresThisSerializer() {
        assertThat(SlaEnforcer.OUTCOMES.getTypeInfo()).isEqualTo(OutcomeUpdateSerializer.TYPE);
        assertThat(OutcomeUpdateSerializer.TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(serializer);
        assertThat(OutcomeUpdateSerializer.TYPE.getTypeClass()).isEqualTo(OutcomeUpdate.class);
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<OutcomeUpdate> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    private OutcomeUpdate roundTrip(OutcomeUpdate u) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(u, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        OutcomeUpdate back = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return back;
    }
}
