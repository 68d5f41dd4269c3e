package io.slaflow.jobs.replay;

import io.slaflow.streams.FieldByFieldSerializer;
import io.slaflow.streams.SerializerTypeInfo;
import io.slaflow.streams.StringValueReader;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a replay's {@link ReplayLine}s on their way from the job's operators to the files' sink, field by field.
 * Flink's POJO serializer read and wrote every field through reflection, with a null flag each: a 1,000,000-event
 * replay's enforcer threads spent 94 samples in it (BENCHMARKS.md). Stream only:
 * a replay has no checkpoints, so no line is ever in state. <b>Layout</b>: the kind by ordinal, the time, then the
 * strings ({@link StringValue}, null-safe) and the JSON's bytes (length, -1 for none), the revision and the flag.
 */
final class ReplayLineSerializer extends FieldByFieldSerializer<ReplayLine> {
    private static final long serialVersionUID = 1L;
    private static final ReplayLine.Kind[] KINDS = ReplayLine.Kind.values();

    static final ReplayLineSerializer INSTANCE = new ReplayLineSerializer();

    /** The type information to declare for a stream of replay lines. */
    static final TypeInformation<ReplayLine> TYPE = new SerializerTypeInfo<>(ReplayLine.class, INSTANCE);

    private ReplayLineSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false; // its fields are public: a chained operator gets a copy, as from Flink's own serializer
    }

    @Override
    public ReplayLine createInstance() {
        return new ReplayLine();
    }

    @Override
    public ReplayLine copy(ReplayLine from) {
        ReplayLine l = new ReplayLine();
        l.kind = from.kind;
        l.time = from.time;
        l.id = from.id;
        l.json = from.json;
        l.jsonBytes = from.jsonBytes == null ? null : from.jsonBytes.clone();
        l.clientId = from.clientId;
        l.tier = from.tier;
        l.metric = from.metric;
        l.outcome = from.outcome;
        l.revision = from.revision;
        l.unlistedClient = from.unlistedClient;
        l.reason = from.reason;
        return l;
    }

    @Override
    public void serialize(ReplayLine l, DataOutputView out) throws IOException {
        out.writeByte(l.kind == null ? -1 : l.kind.ordinal());
        out.writeLong(l.time);
        StringValue.writeString(l.id, out);
        StringValue.writeString(l.json, out);
        if (l.jsonBytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(l.jsonBytes.length);
            out.write(l.jsonBytes);
        }
        StringValue.writeString(l.clientId, out);
        StringValue.writeString(l.tier, out);
        StringValue.writeString(l.metric, out);
        StringValue.writeString(l.outcome, out);
        out.writeInt(l.revision);
        out.writeBoolean(l.unlistedClient);
        StringValue.writeString(l.reason, out);
    }

    @Override
    public ReplayLine deserialize(DataInputView in) throws IOException {
        ReplayLine l = new ReplayLine();
        int kind = in.readByte();
        l.kind = kind < 0 ? null : KINDS[kind];
        l.time = in.readLong();
        l.id = StringValueReader.read(in);
        l.json = StringValueReader.read(in);
        int bytes = in.readInt();
        if (bytes >= 0) {
            l.jsonBytes = new byte[bytes];
            in.readFully(l.jsonBytes);
        }
        l.clientId = StringValueReader.read(in);
        l.tier = StringValueReader.read(in);
        l.metric = StringValueReader.read(in);
        l.outcome = StringValueReader.read(in);
        l.revision = in.readInt();
        l.unlistedClient = in.readBoolean();
        l.reason = StringValueReader.read(in);
        return l;
    }

    @Override
    public TypeSerializerSnapshot<ReplayLine> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The layout has no parameters, so any snapshot of it restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReplayLine> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
