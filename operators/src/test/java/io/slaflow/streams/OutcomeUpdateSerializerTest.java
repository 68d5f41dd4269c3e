package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.streams.SerializerChecks;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
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
        assertThat(OutputTags.OUTCOMES.getTypeInfo()).isEqualTo(OutcomeUpdateSerializer.TYPE);
        assertThat(OutcomeUpdateSerializer.TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(serializer);
        assertThat(OutcomeUpdateSerializer.TYPE.getTypeClass()).isEqualTo(OutcomeUpdate.class);
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        SerializerChecks.snapshotRestoresACompatibleSerializer(serializer);
    }

    private OutcomeUpdate roundTrip(OutcomeUpdate u) throws IOException {
        return SerializerChecks.roundTrip(serializer, u);
    }
}
