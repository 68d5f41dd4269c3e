package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
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
            else
                throw new AssertionError("component " + components[i].getName() + " of type " + t
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
        assertThat(OutcomeUpdateSerializer.TYPE.createSerializer(new SerializerConfigImpl()))
                .isSameAs(serializer);
        assertThat(OutcomeUpdateSerializer.TYPE.getTypeClass()).isEqualTo(OutcomeUpdate.class);
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        SerializerChecks.snapshotRestoresACompatibleSerializer(serializer);
    }

    /**
     * A record and the serializer snapshot written by the version before outcomes carried their clock's budget
     * ({@code serializer-snapshots/outcome-update-eecdaad.hex}, written by that version): the snapshot restores a
     * serializer that reads the record with the budget unknown, and this serializer takes over after a migration.
     */
    @Test
    void aRecordOfTheLayoutBeforeTheBudgetReadsWithTheBudgetUnknown() throws Exception {
        List<String> lines =
                Files.readAllLines(Path.of("src/test/resources/serializer-snapshots/outcome-update-eecdaad.hex"));
        byte[] snapshotBytes = HexFormat.of().parseHex(lines.get(1));
        byte[] recordBytes = HexFormat.of().parseHex(lines.get(2));
        TypeSerializerSnapshot<OutcomeUpdate> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotBytes), getClass().getClassLoader());

        assertThat(serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(old)
                        .isCompatibleAfterMigration())
                .isTrue();
        TypeSerializer<OutcomeUpdate> restored = old.restoreSerializer();
        assertThat(restored).isNotEqualTo(serializer);
        DataInputDeserializer in = new DataInputDeserializer(recordBytes);
        OutcomeUpdate u = restored.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        assertThat(u)
                .isEqualTo(new OutcomeUpdate(
                        "L1",
                        "acme",
                        "P2",
                        Metric.RESOLUTION,
                        1795424400000L,
                        1795453200000L,
                        Outcome.BREACHED,
                        1795467600000L,
                        1795453200000L,
                        "default",
                        "default-2026.11",
                        false,
                        6,
                        36000000L,
                        -1));
        assertThat(u.budgetMs()).isEqualTo(-1);
        assertThat(u.knowsBudget()).isFalse();
        assertThat(roundTrip(u)).as("written again in this layout").isEqualTo(u);
    }

    @Test
    void aSnapshotOfALayoutNotYetKnownIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> new OutcomeUpdateSerializer.Snapshot()
                        .readSnapshot(
                                5,
                                new DataInputDeserializer(new byte[0]),
                                getClass().getClassLoader()))
                .hasMessageContaining("newer than this SLAflow");
    }

    private OutcomeUpdate roundTrip(OutcomeUpdate u) throws IOException {
        return SerializerChecks.roundTrip(serializer, u);
    }
}
