package io.slaflow.enforce;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.TicketState;
import io.slaflow.streams.FieldByFieldSerializer;
import io.slaflow.streams.StringValueReader;
import io.slaflow.streams.TicketEventSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes {@link EnforcedTicket} field by field. The enforcer reads and writes this value twice per event, and on
 * RocksDB each access (de)serializes it: Flink's reflective POJO serializer (a null mask, a reflective get/set per
 * field, instantiation through a constructor handle) cost about a fifth of the enforcer's time (BENCHMARKS.md,
 * "Enforce layer").
 *
 * <p><b>Layout</b> (version {@value #FORMAT}): a format byte, then the fields in declaration order; strings with
 * {@link StringValue} (null-safe), arrays length-prefixed, buffered events as {@link TicketEventSerializer} writes them, {@link EventType} by ordinal (append-only: the enum's order
 * is pinned by a test). Every record carries its format byte, so a later layout can still read state written by
 * this one. Format {@value #FORMAT_TOMBSTONE_INSIDE} (issue 18 up to 72fcaac) ended with a purged ticket's tombstone
 * (two longs and a boolean, {@code -1 -1 false} for a live ticket); it is read into
 * {@link EnforcedTicket#legacyTombstone}, which the enforcer moves to its tombstone state at the restore. Formats
 * {@value #FORMAT_RUN_OUT_DEADLINES} and {@value #FORMAT_COUNTED_DEADLINES} have the layout before
 * issue 18: no event origins, no content fingerprints of the ids seen (read as unknown: a repeat of such an id is a
 * duplicate, as it was then) and no tombstone. In format {@value #FORMAT_RUN_OUT_DEADLINES} (up to f3f79e1) a running
 * clock's deadline was the instant its budget runs out, which is not the breach when it runs out at a closing (issue
 * 24): such a clock is read without a deadline and {@code TicketSla} computes this version's before using it. {@code EnforcedTicketSerializerTest} fills every field of every class reflectively and fails when a field
 * is added without being written here.
 */
public final class EnforcedTicketSerializer extends FieldByFieldSerializer<EnforcedTicket> {
    private static final long serialVersionUID = 1L;
    static final byte FORMAT = 4;
    static final byte FORMAT_RUN_OUT_DEADLINES = 1;
    /** Issue 18's layout with the purged ticket's tombstone at the end; read, never written. */
    static final byte FORMAT_TOMBSTONE_INSIDE = 3;
    /** Issue 24's deadlines in the layout before issue 18's fields; read, never written. */
    static final byte FORMAT_COUNTED_DEADLINES = 2;

    private static final long[] NO_LONGS = new long[0];

    public static final EnforcedTicketSerializer INSTANCE = new EnforcedTicketSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EnforcedTicket createInstance() {
        return new EnforcedTicket();
    }

    /** A deep copy through the byte form: only heap-backend snapshots and tests copy, never the hot path. */
    @Override
    public EnforcedTicket copy(EnforcedTicket from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying an EnforcedTicket in memory failed", e);
        }
    }

    @Override
    public void serialize(EnforcedTicket t, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeLong(t.wakeAt);
        out.writeLong(t.decidedUpTo);
        out.writeBoolean(t.sla != null);
        if (t.sla != null) {
            writeState(t.sla, out);
        }
        out.writeInt(t.pending.length);
        for (TicketEvent e : t.pending) {
            TicketEventSerializer.write(e, out);
        }
    }

    @Override
    public EnforcedTicket deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format < FORMAT_RUN_OUT_DEADLINES || format > FORMAT) {
            throw new IOException("EnforcedTicket state in format " + format + ", this build reads formats "
                    + FORMAT_RUN_OUT_DEADLINES + " to " + FORMAT
                    + ": restore this savepoint with the SLAflow version that wrote it, or a newer one");
        }
        EnforcedTicket t = new EnforcedTicket();
        t.wakeAt = in.readLong();
        t.decidedUpTo = in.readLong();
        if (in.readBoolean()) {
            t.sla = readState(in, format);
        }
        boolean before18 = format < FORMAT_TOMBSTONE_INSIDE;
        int n = in.readInt();
        if (n > 0) {
            t.pending = new TicketEvent[n];
            for (int i = 0; i < n; i++) {
                t.pending[i] = before18 ? TicketEventSerializer.readWithoutOrigin(in) : TicketEventSerializer.read(in);
            }
        }
        if (format == FORMAT_TOMBSTONE_INSIDE) {
            long purgedAt = in.readLong();
            long endedAt = in.readLong();
            boolean endedClosed = in.readBoolean();
            if (purgedAt >= 0) {
                t.legacyTombstone = new Tombstone(purgedAt, endedAt, endedClosed);
            }
        }
        return t;
    }

    @Override
    public TypeSerializerSnapshot<EnforcedTicket> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: the snapshot only names it (the per-record format byte versions the data). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EnforcedTicket> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    // ---- TicketState ----

    private static void writeState(TicketState s, DataOutputView out) throws IOException {
        StringValue.writeString(s.ticketId, out);
        StringValue.writeString(s.clientId, out);
        StringValue.writeString(s.tier, out);
        StringValue.writeString(s.rule, out);
        StringValue.writeString(s.policyVersion, out);
        StringValue.writeString(s.assignee, out);
        StringValue.writeString(s.status, out);
        out.writeBoolean(s.unlistedClient);
        out.writeLong(s.createdAt);
        out.writeLong(s.closedAt);
        writeClock(s.response, out);
        writeClock(s.resolution, out);
        out.writeInt(s.responseRevision);
        out.writeInt(s.resolutionRevision);
        writeLongs(s.seen, out);
        out.writeInt(s.seenCount);
        writeLongs(s.seenContent, out);
    }

    private static TicketState readState(DataInputView in, byte format) throws IOException {
        TicketState s = new TicketState();
        s.ticketId = StringValueReader.read(in);
        s.clientId = StringValueReader.read(in);
        s.tier = StringValueReader.read(in);
        s.rule = StringValueReader.read(in);
        s.policyVersion = StringValueReader.read(in);
        s.assignee = StringValueReader.read(in);
        s.status = StringValueReader.read(in);
        s.unlistedClient = in.readBoolean();
        s.createdAt = in.readLong();
        s.closedAt = in.readLong();
        s.response = readClock(in, format);
        s.resolution = readClock(in, format);
        s.responseRevision = in.readInt();
        s.resolutionRevision = in.readInt();
        s.seen = readLongs(in);
        s.seenCount = in.readInt();
        // before issue 18 no fingerprints were kept: zeros ("unknown"), one per remembered id
        s.seenContent = format < FORMAT_TOMBSTONE_INSIDE ? new long[s.seen == null ? 0 : s.seen.length] : readLongs(in);
        return s;
    }

    private static void writeClock(SlaClock c, DataOutputView out) throws IOException {
        out.writeBoolean(c != null);
        if (c == null) {
            return;
        }
        out.writeLong(c.budgetMs);
        writeLongs(c.runs, out);
        out.writeLong(c.foldedMs);
        out.writeLong(c.runningSince);
        out.writeLong(c.deadline);
        out.writeLong(c.completedAt);
        out.writeLong(c.breachedAt);
        out.writeInt(c.warningsPassed);
        out.writeInt(c.escalationsFired);
        out.writeByte(c.state);
    }

    private static SlaClock readClock(DataInputView in, byte format) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        SlaClock c = new SlaClock();
        c.budgetMs = in.readLong();
        c.runs = readLongs(in);
        c.foldedMs = in.readLong();
        c.runningSince = in.readLong();
        c.deadline = in.readLong();
        c.completedAt = in.readLong();
        c.breachedAt = in.readLong();
        c.warningsPassed = in.readInt();
        c.escalationsFired = in.readInt();
        c.state = in.readByte();
        if (format == FORMAT_RUN_OUT_DEADLINES && c.state == SlaClock.RUNNING && !c.isBreached()) {
            c.deadline = SlaClock.NO_DEADLINE; // the instant the budget runs out: TicketSla computes the breach instant
        }
        return c;
    }

    private static void writeLongs(long[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    private static long[] readLongs(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n == 0) {
            return NO_LONGS;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
