package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketState;
import io.slaflow.sla.TicketStateSerializationTest;
import io.slaflow.streams.SerializerChecks;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EnforcedTicketSerializerTest {
    private final EnforcedTicketSerializer serializer = EnforcedTicketSerializer.INSTANCE;

    @Test
    void everyFieldOfEveryClassRoundTrips() throws Exception {
        EnforcedTicket full = filled(EnforcedTicket.class, 1);
        assertThat(full.sla).isNotNull();
        assertThat(full.pending).hasSize(2);

        EnforcedTicket back = roundTrip(full);

        // a field added to any of these classes and not written by the serializer comes back with its default
        assertThat(back).usingRecursiveComparison().isEqualTo(full);
        assertThat(serializer.copy(full))
                .usingRecursiveComparison()
                .isEqualTo(full)
                .isNotSameAs(full);
    }

    @Test
    void theWakeUpHandleStaysOnTheHeap() throws Exception {
        EnforcedTicket t = new EnforcedTicket();
        t.wakeAt = 42;
        t.wakeUp = new WakeUpQueue().add(42, "T1");
        EnforcedTicket back = roundTrip(t);
        assertThat(back.wakeAt).isEqualTo(42);
        assertThat(back.wakeUp)
                .as("a handle into one subtask's queue means nothing anywhere else")
                .isNull();
        assertThat(serializer.copy(t).wakeUp).isNull();
    }

    @Test
    void nullsAndEmptiesRoundTrip() throws Exception {
        EnforcedTicket empty = new EnforcedTicket();
        assertThat(roundTrip(empty)).usingRecursiveComparison().isEqualTo(empty);

        EnforcedTicket sparse = new EnforcedTicket();
        sparse.sla = new TicketState(); // every string null, no clocks, no seen ids
        sparse.sla.seen = null;
        TicketEvent bare = new TicketEvent();
        sparse.pending = new TicketEvent[] {bare};
        assertThat(roundTrip(sparse)).usingRecursiveComparison().isEqualTo(sparse);
    }

    @Test
    void aTypicalOpenTicketIsSmallerThanWithFlinksPojoSerializer() throws Exception {
        EnforcedTicket t = new EnforcedTicket();
        t.sla = TicketStateSerializationTest.typicalOpenP1();
        t.wakeAt = t.sla.resolution.deadline;
        t.decidedUpTo = t.sla.createdAt + 1_800_000;
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(t, out);
        System.out.println(
                "EnforcedTicket serialized size (P1, 1 pause, 2 assignments, 6 seen ids): " + out.length() + " bytes");
        assertThat(out.length()).isLessThanOrEqualTo(TicketStateSerializationTest.MAX_BYTES);
    }

    @Test
    void eventTypesKeepTheirOrdinals() {
        // the serializer writes EventType by ordinal: new types go at the end, never in between
        assertThat(Arrays.stream(EventType.values()).map(Enum::name))
                .containsExactly(
                        "CREATED",
                        "RESPONDED",
                        "ASSIGNED",
                        "STATUS_CHANGED",
                        "PRIORITY_CHANGED",
                        "RESOLVED",
                        "REOPENED",
                        "CLOSED");
    }

    @Test
    void stateInAnotherFormatIsRefusedWithWhatToDo() {
        byte[] future = {(byte) (EnforcedTicketSerializer.FORMAT + 1), 0, 0};
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(future)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format " + (EnforcedTicketSerializer.FORMAT + 1))
                .hasMessageContaining("restore this savepoint with the SLAflow version that wrote it");
    }

    /**
     * Format 1 (before issue 24) stored a running clock's deadline as the instant its budget runs out: it is read
     * without one, and TicketSla gives it back the deadline this version would have computed. Judged clocks keep theirs.
     */
    @Test
    void aRunningClockFromFormat1IsReadWithoutItsDeadlineAndGetsThisVersionsBack() throws Exception {
        EnforcedTicket t = new EnforcedTicket();
        t.sla = TicketStateSerializationTest.typicalOpenP1(); // response met, resolution running again after a pause
        long responseDeadline = t.sla.response.deadline;
        long resolutionDeadline = t.sla.resolution.deadline;
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(t, out);
        byte[] bytes = out.getCopyOfBuffer();
        assertThat(bytes[0]).isEqualTo(EnforcedTicketSerializer.FORMAT);
        byte[] format1 = inTheLayoutBeforeIssue18(bytes, t);
        format1[0] = EnforcedTicketSerializer.FORMAT_RUN_OUT_DEADLINES;

        EnforcedTicket back = serializer.deserialize(new DataInputDeserializer(format1));
        assertThat(back.sla.response.deadline).as("met: judged against it").isEqualTo(responseDeadline);
        assertThat(back.sla.resolution.deadline).isEqualTo(SlaClock.NO_DEADLINE);
        assertThat(back.sla.resolution.needsDeadline()).isTrue();

        TicketSla.nextDueAt(back.sla, PolicyLoader.load(EnforcerHarness.DEFAULT_POLICY));
        assertThat(back.sla.resolution.deadline).isEqualTo(resolutionDeadline);
        assertThat(back.sla)
                .usingRecursiveComparison()
                .ignoringFields("seenContent")
                .isEqualTo(t.sla);
        assertThat(back.sla.seenContent)
                .as("no fingerprints then: unknown")
                .containsOnly(0L)
                .hasSameSizeAs(back.sla.seen);
    }

    /** Format 2 (issue 24's deadlines, before issue 18's fields): read as it was written, the deadlines kept. */
    @Test
    void format2IsReadWithItsDeadlinesAndWithoutIssue18sFields() throws Exception {
        EnforcedTicket t = new EnforcedTicket();
        t.sla = TicketStateSerializationTest.typicalOpenP1();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(t, out);
        byte[] format2 = inTheLayoutBeforeIssue18(out.getCopyOfBuffer(), t);
        format2[0] = EnforcedTicketSerializer.FORMAT_COUNTED_DEADLINES;

        EnforcedTicket back = serializer.deserialize(new DataInputDeserializer(format2));
        assertThat(back.sla)
                .usingRecursiveComparison()
                .ignoringFields("seenContent")
                .isEqualTo(t.sla);
        assertThat(back.legacyTombstone).isNull();
    }

    /**
     * Format 3 (issue 18 up to 72fcaac) ended with the purged ticket's tombstone: read into {@code legacyTombstone}
     * (for the enforcer to move at the restore), none for a live ticket ({@code -1 -1 false}); the rest as written.
     */
    @Test
    void format3IsReadWithTheTombstoneItEndsWith() throws Exception {
        EnforcedTicket purged = new EnforcedTicket();
        purged.wakeAt = 5_184_000_000L + 7;
        purged.pending = new TicketEvent[] {new TicketEvent("e1", "T1", "acme", EventType.REOPENED, 42L)};
        EnforcedTicket back = serializer.deserialize(new DataInputDeserializer(inFormat3(purged, 7L, 3L, true)));
        assertThat(back.legacyTombstone).isEqualTo(new Tombstone(7L, 3L, true));
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields("legacyTombstone")
                .isEqualTo(purged);

        EnforcedTicket live = new EnforcedTicket();
        live.sla = TicketStateSerializationTest.typicalOpenP1();
        live.wakeAt = live.sla.resolution.deadline;
        EnforcedTicket liveBack = serializer.deserialize(new DataInputDeserializer(inFormat3(live, -1L, -1L, false)));
        assertThat(liveBack.legacyTombstone).isNull();
        assertThat(liveBack).usingRecursiveComparison().isEqualTo(live);
    }

    /** This version's bytes with format 3's tombstone appended, under format byte 3. */
    private byte[] inFormat3(EnforcedTicket t, long purgedAt, long endedAt, boolean endedClosed) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(t, out);
        out.writeLong(purgedAt);
        out.writeLong(endedAt);
        out.writeBoolean(endedClosed);
        byte[] bytes = out.getCopyOfBuffer();
        assertThat(bytes[0]).isEqualTo(EnforcedTicketSerializer.FORMAT);
        bytes[0] = EnforcedTicketSerializer.FORMAT_TOMBSTONE_INSIDE;
        return bytes;
    }

    /**
     * This version's bytes of a ticket without held events, less what issue 18 added and this version kept: the
     * fingerprints after the seen ids (a length and the longs).
     */
    private static byte[] inTheLayoutBeforeIssue18(byte[] bytes, EnforcedTicket t) {
        assertThat(t.pending).isEmpty();
        int pendingCount = 4;
        int fingerprints = 4 + 8 * t.sla.seenContent.length;
        byte[] legacy = new byte[bytes.length - fingerprints];
        int stateEnd = bytes.length - pendingCount - fingerprints;
        System.arraycopy(bytes, 0, legacy, 0, stateEnd);
        System.arraycopy(bytes, bytes.length - pendingCount, legacy, stateEnd, pendingCount);
        return legacy;
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        SerializerChecks.snapshotRestoresACompatibleSerializer(serializer);
    }

    private EnforcedTicket roundTrip(EnforcedTicket t) throws IOException {
        return SerializerChecks.roundTrip(serializer, t);
    }

    /** An instance with every instance field set to a non-default value derived from {@code seed}. */
    private static <T> T filled(Class<T> type, int seed) throws Exception {
        T o = type.getDeclaredConstructor().newInstance();
        int n = 0;
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers()))
                continue; // heap-only, see below
            f.setAccessible(true);
            f.set(o, valueFor(f, seed * 100 + ++n));
        }
        return o;
    }

    private static Object valueFor(Field f, int v) throws Exception {
        Class<?> t = f.getType();
        if (t == long.class) return 1_000_000_000_000L + v;
        if (t == int.class) return v;
        if (t == byte.class) return (byte) (v % 3);
        if (t == boolean.class) return true;
        if (t == String.class) return f.getName() + "-" + v + "-ünïcødé";
        if (t == long[].class) return new long[] {v, v + 1L, -v};
        if (t == EventType.class) return EventType.values()[v % EventType.values().length];
        if (t == Map.class) return new java.util.HashMap<>(Map.of("impact", "\"high\"", "n" + v, "42"));
        if (t == SlaClock.class) return filled(SlaClock.class, v);
        if (t == TicketState.class) return filled(TicketState.class, v);
        if (t == TicketEvent[].class)
            return new TicketEvent[] {filled(TicketEvent.class, v), filled(TicketEvent.class, v + 1)};
        if (t == io.slaflow.event.EventOrigin.class) {
            return v % 2 == 0
                    ? io.slaflow.event.EventOrigin.kafka("topic-" + v, v % 7, 10_000_000_000L + v)
                    : io.slaflow.event.EventOrigin.file("file-" + v + "-ünï.jsonl", v);
        }
        return fail("no test value for field " + f + ": teach this test (and EnforcedTicketSerializer) the new type");
    }
}
