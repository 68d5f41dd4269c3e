package io.slaflow.streams;

import io.slaflow.streams.FieldByFieldSerializer;
import io.slaflow.streams.SerializerTypeInfo;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes the enforcer's {@link OutcomeUpdate} stream field by field. The enforcer emits one or more per event, and
 * the adherence operator chained behind it received a copy of each: Flink copies every record handed to a chained
 * operator unless its serializer says the type is immutable, and the reflective POJO copy of this record was about
 * 5% of the enforcer's thread (BENCHMARKS.md). A record cannot change, so here a copy is the record itself.
 *
 * <p>Used for the stream only ({@link SlaEnforcer#OUTCOMES}); state that keeps outcomes (client reports) declares its
 * own type. <b>Layout</b>: the components in declaration order; strings with {@link StringValue} (null-safe), enums
 * by ordinal (-1: none).
 */
public final class OutcomeUpdateSerializer extends FieldByFieldSerializer<OutcomeUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Metric[] METRICS = Metric.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    public static final OutcomeUpdateSerializer INSTANCE = new OutcomeUpdateSerializer();

    /** The type information to declare for a stream of outcome updates. */
    public static final TypeInformation<OutcomeUpdate> TYPE = new SerializerTypeInfo<>(OutcomeUpdate.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public OutcomeUpdate createInstance() {
        return new OutcomeUpdate(null, null, null, null, 0, 0, null, -1, -1, null, null, false, 0);
    }

    @Override
    public OutcomeUpdate copy(OutcomeUpdate from) {
        return from;
    }

    @Override
    public void serialize(OutcomeUpdate u, DataOutputView out) throws IOException {
        StringValue.writeString(u.ticketId(), out);
        StringValue.writeString(u.clientId(), out);
        StringValue.writeString(u.tier(), out);
        out.writeByte(u.metric() == null ? -1 : u.metric().ordinal());
        out.writeLong(u.startedAt());
        out.writeLong(u.deadline());
        out.writeByte(u.outcome() == null ? -1 : u.outcome().ordinal());
        out.writeLong(u.completedAt());
        out.writeLong(u.breachedAt());
        StringValue.writeString(u.rule(), out);
        StringValue.writeString(u.policyVersion(), out);
        out.writeBoolean(u.unlistedClient());
        out.writeInt(u.revision());
    }

    @Override
    public OutcomeUpdate deserialize(DataInputView in) throws IOException {
        String ticketId = StringValue.readString(in);
        String clientId = StringValue.readString(in);
        String tier = StringValue.readString(in);
        int metric = in.readByte();
        long startedAt = in.readLong();
        long deadline = in.readLong();
        int outcome = in.readByte();
        long completedAt = in.readLong();
        long breachedAt = in.readLong();
        String rule = StringValue.readString(in);
        String policyVersion = StringValue.readString(in);
        boolean unlistedClient = in.readBoolean();
        int revision = in.readInt();
        return new OutcomeUpdate(ticketId, clientId, tier, metric < 0 ? null : METRICS[metric], startedAt, deadline,
                outcome < 0 ? null : OUTCOMES[outcome], completedAt, breachedAt, rule, policyVersion, unlistedClient,
                revision);
    }

    @Override
    public TypeSerializerSnapshot<OutcomeUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the layout has no parameters, so any snapshot of it restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OutcomeUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
