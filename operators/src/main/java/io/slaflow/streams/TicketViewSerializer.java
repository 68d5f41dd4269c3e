package io.slaflow.streams;

import io.slaflow.policy.Metric;
import io.slaflow.sla.TicketView;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes the enforcer's {@link TicketView} stream field by field, and hands a chained operator the record itself
 * (a record cannot change): the enforcer emits about one view per event, and the reflective POJO copy Flink makes for
 * a chained operator otherwise cost it a large share of its thread, as it did for outcome updates
 * ({@link OutcomeUpdateSerializer}). Used for the stream only ({@link SlaEnforcer#TICKET_VIEWS}), never for state.
 * <b>Layout</b>: the components in declaration order; strings with {@link StringValue} (null-safe), the metric by
 * ordinal (-1: none).
 */
public final class TicketViewSerializer extends FieldByFieldSerializer<TicketView> {
    private static final long serialVersionUID = 1L;
    private static final Metric[] METRICS = Metric.values();

    public static final TicketViewSerializer INSTANCE = new TicketViewSerializer();

    /** The type information to declare for a stream of ticket views. */
    public static final TypeInformation<TicketView> TYPE = new SerializerTypeInfo<>(TicketView.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TicketView createInstance() {
        return new TicketView(
                null, null, null, 0, null, null, false, -1, 0, null, -1, -1, null, null, null, null, null);
    }

    @Override
    public TicketView copy(TicketView from) {
        return from;
    }

    @Override
    public void serialize(TicketView v, DataOutputView out) throws IOException {
        StringValue.writeString(v.ticketId(), out);
        StringValue.writeString(v.clientId(), out);
        StringValue.writeString(v.tier(), out);
        out.writeLong(v.at());
        StringValue.writeString(v.status(), out);
        StringValue.writeString(v.assignee(), out);
        out.writeBoolean(v.open());
        out.writeLong(v.closedAt());
        out.writeByte(v.pausedClocks());
        out.writeByte(v.nextMetric() == null ? -1 : v.nextMetric().ordinal());
        out.writeLong(v.nextDeadline());
        out.writeLong(v.timeLeftMs());
        StringValue.writeString(v.subject(), out);
        StringValue.writeString(v.source(), out);
        StringValue.writeString(v.queue(), out);
        StringValue.writeString(v.category(), out);
        StringValue.writeString(v.ticketUrl(), out);
    }

    @Override
    public TicketView deserialize(DataInputView in) throws IOException {
        String ticketId = StringValue.readString(in);
        String clientId = StringValue.readString(in);
        String tier = StringValue.readString(in);
        long at = in.readLong();
        String status = StringValue.readString(in);
        String assignee = StringValue.readString(in);
        boolean open = in.readBoolean();
        long closedAt = in.readLong();
        int paused = in.readByte();
        int metric = in.readByte();
        long deadline = in.readLong();
        long left = in.readLong();
        return new TicketView(
                ticketId,
                clientId,
                tier,
                at,
                status,
                assignee,
                open,
                closedAt,
                paused,
                metric < 0 ? null : METRICS[metric],
                deadline,
                left,
                StringValue.readString(in),
                StringValue.readString(in),
                StringValue.readString(in),
                StringValue.readString(in),
                StringValue.readString(in));
    }

    @Override
    public TypeSerializerSnapshot<TicketView> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the layout has no parameters, so any snapshot of it restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TicketView> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
