package io.slaflow.jobs.simulate;

import io.slaflow.policy.Metric;
import io.slaflow.simulate.PolicyOutcome;
import io.slaflow.simulate.PolicyTarget;
import io.slaflow.sla.Outcome;
import io.slaflow.streams.FieldByFieldSerializer;
import io.slaflow.streams.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes {@link PolicyTarget} field by field: every target of every policy leaves the job through the collect sink,
 * and Flink's reflective POJO serializer was most of the time that took. Never in state. <b>Layout</b>: the target's
 * components, a presence flag, then the standing's; strings with {@link StringValue} (null-safe), enums by ordinal
 * (-1: none).
 */
final class PolicyTargetSerializer extends FieldByFieldSerializer<PolicyTarget> {
    private static final long serialVersionUID = 1L;
    private static final Metric[] METRICS = Metric.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    static final PolicyTargetSerializer INSTANCE = new PolicyTargetSerializer();
    static final TypeInformation<PolicyTarget> TYPE = new SerializerTypeInfo<>(PolicyTarget.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public PolicyTarget createInstance() {
        return new PolicyTarget(0, null, null, null, -1, false, null, 0);
    }

    @Override
    public PolicyTarget copy(PolicyTarget from) {
        return from;
    }

    @Override
    public void serialize(PolicyTarget t, DataOutputView out) throws IOException {
        out.writeInt(t.policy());
        StringValue.writeString(t.ticketId(), out);
        StringValue.writeString(t.clientId(), out);
        out.writeByte(t.metric() == null ? -1 : t.metric().ordinal());
        out.writeLong(t.startedAt());
        out.writeBoolean(t.unlistedClient());
        out.writeInt(t.escalations());
        PolicyOutcome o = t.outcome();
        out.writeBoolean(o != null);
        if (o == null) return;
        StringValue.writeString(o.tier(), out);
        out.writeByte(ordinal(o.outcome()));
        out.writeLong(o.deadline());
        out.writeLong(o.completedAt());
        out.writeLong(o.breachedAt());
        out.writeLong(o.countedMs());
        out.writeLong(o.countingSince());
        StringValue.writeString(o.rule(), out);
        out.writeInt(o.escalations());
        out.writeByte(ordinal(o.beforeTier()));
        out.writeBoolean(o.returnedToTier());
    }

    @Override
    public PolicyTarget deserialize(DataInputView in) throws IOException {
        int policy = in.readInt();
        String ticketId = StringValue.readString(in);
        String clientId = StringValue.readString(in);
        int metric = in.readByte();
        long startedAt = in.readLong();
        boolean unlisted = in.readBoolean();
        int escalations = in.readInt();
        PolicyOutcome o = null;
        if (in.readBoolean()) {
            String tier = StringValue.readString(in);
            Outcome outcome = outcome(in.readByte());
            long deadline = in.readLong();
            long completedAt = in.readLong();
            long breachedAt = in.readLong();
            long countedMs = in.readLong();
            long countingSince = in.readLong();
            String rule = StringValue.readString(in);
            int outcomeEscalations = in.readInt();
            Outcome beforeTier = outcome(in.readByte());
            boolean returned = in.readBoolean();
            o = new PolicyOutcome(
                    tier,
                    outcome,
                    deadline,
                    completedAt,
                    breachedAt,
                    countedMs,
                    countingSince,
                    rule,
                    outcomeEscalations,
                    beforeTier,
                    returned);
        }
        return new PolicyTarget(
                policy, ticketId, clientId, metric < 0 ? null : METRICS[metric], startedAt, unlisted, o, escalations);
    }

    private static int ordinal(Outcome o) {
        return o == null ? -1 : o.ordinal();
    }

    private static Outcome outcome(int ordinal) {
        return ordinal < 0 ? null : OUTCOMES[ordinal];
    }

    @Override
    public TypeSerializerSnapshot<PolicyTarget> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the layout has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PolicyTarget> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
