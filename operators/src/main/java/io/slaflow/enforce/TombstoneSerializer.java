package io.slaflow.enforce;

import io.slaflow.streams.FieldByFieldSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link Tombstone} in 18 bytes: a format byte ({@value #FORMAT}), the purge, the end, how it ended. The
 * state TTL adds its own 8-byte timestamp in front.
 */
public final class TombstoneSerializer extends FieldByFieldSerializer<Tombstone> {
    private static final long serialVersionUID = 1L;
    static final byte FORMAT = 1;

    public static final TombstoneSerializer INSTANCE = new TombstoneSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Tombstone createInstance() {
        return new Tombstone(-1, -1, false);
    }

    @Override
    public Tombstone copy(Tombstone from) {
        return from; // immutable
    }

    @Override
    public void serialize(Tombstone t, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeLong(t.purgedAt());
        out.writeLong(t.endedAt());
        out.writeBoolean(t.endedClosed());
    }

    @Override
    public Tombstone deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("Tombstone state in format " + format + ", this build reads format " + FORMAT
                    + ": restore this savepoint with the SLAflow version that wrote it, or a newer one");
        }
        return new Tombstone(in.readLong(), in.readLong(), in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<Tombstone> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the snapshot only names the serializer (the per-record format byte versions the data). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Tombstone> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
