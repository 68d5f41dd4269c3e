package io.slaflow.streams;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
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
 * own type. <b>Layout</b> (snapshot version {@value #CURRENT_LAYOUT}): the components in declaration order; strings with
 * {@link StringValue} (null-safe), enums by ordinal (-1: none).
 *
 * <p><b>Versions.</b> The stream is in a checkpoint only as in-flight data (unaligned checkpoints), but a record
 * written by an earlier version must still read: the layout up to eecdaad had no {@code budgetMs} (its snapshot was a
 * parameterless {@link org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot}, versions 2 and 3). Restored
 * from such a snapshot, {@link Snapshot} reads with {@link #WITHOUT_BUDGET} (budget unknown, -1) and Flink migrates.
 */
public final class OutcomeUpdateSerializer extends FieldByFieldSerializer<OutcomeUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Metric[] METRICS = Metric.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    /** The snapshot version of this layout; 2 and 3 are the layout without the budget. */
    static final int CURRENT_LAYOUT = 4;

    public static final OutcomeUpdateSerializer INSTANCE = new OutcomeUpdateSerializer(true);

    /** Reads the layout before {@code budgetMs} (records restored from a checkpoint of that version); never written to. */
    static final OutcomeUpdateSerializer WITHOUT_BUDGET = new OutcomeUpdateSerializer(false);

    private final boolean withBudget;

    private OutcomeUpdateSerializer(boolean withBudget) {
        this.withBudget = withBudget;
    }

    /** The type information to declare for a stream of outcome updates. */
    public static final TypeInformation<OutcomeUpdate> TYPE = new SerializerTypeInfo<>(OutcomeUpdate.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public OutcomeUpdate createInstance() {
        return new OutcomeUpdate(null, null, null, null, 0, 0, null, -1, -1, null, null, false, 0, -1, -1, -1);
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
        out.writeLong(u.countedMs());
        out.writeLong(u.countingSince());
        if (withBudget) out.writeLong(u.budgetMs());
        else throw new IllegalStateException("the layout without budgetMs is read only, never written");
    }

    @Override
    public OutcomeUpdate deserialize(DataInputView in) throws IOException {
        String ticketId = StringValueReader.read(in);
        String clientId = StringValueReader.read(in);
        String tier = StringValueReader.read(in);
        int metric = in.readByte();
        long startedAt = in.readLong();
        long deadline = in.readLong();
        int outcome = in.readByte();
        long completedAt = in.readLong();
        long breachedAt = in.readLong();
        String rule = StringValueReader.read(in);
        String policyVersion = StringValueReader.read(in);
        boolean unlistedClient = in.readBoolean();
        int revision = in.readInt();
        long countedMs = in.readLong();
        long countingSince = in.readLong();
        long budgetMs = withBudget ? in.readLong() : -1;
        return new OutcomeUpdate(
                ticketId,
                clientId,
                tier,
                metric < 0 ? null : METRICS[metric],
                startedAt,
                deadline,
                outcome < 0 ? null : OUTCOMES[outcome],
                completedAt,
                breachedAt,
                rule,
                policyVersion,
                unlistedClient,
                revision,
                countedMs,
                countingSince,
                budgetMs);
    }

    /** The two layouts are different serializers (the singleton base class compares classes only). */
    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeUpdateSerializer other && other.withBudget == withBudget;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(withBudget);
    }

    @Override
    public TypeSerializerSnapshot<OutcomeUpdate> snapshotConfiguration() {
        if (!withBudget) throw new IllegalStateException("the layout without budgetMs is never snapshotted again");
        return new Snapshot();
    }

    /** Kept for Java serialization of the job graph: both layouts are singletons. */
    private Object readResolve() {
        return withBudget ? INSTANCE : WITHOUT_BUDGET;
    }

    /**
     * The layout's version and nothing else (the serializer has no parameters). The class name is the one earlier
     * versions wrote, so their snapshots are read by it: versions 2 and 3 (a {@code SimpleTypeSerializerSnapshot}:
     * version 2 wrote the serializer's class name, 3 nothing) are the layout without the budget.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<OutcomeUpdate> {
        private int layout = CURRENT_LAYOUT;

        public Snapshot() {}

        @Override
        public int getCurrentVersion() {
            return CURRENT_LAYOUT;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // the version says it all
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            switch (readVersion) {
                case 2 -> in.readUTF(); // the serializer's class name, as SimpleTypeSerializerSnapshot wrote it then
                case 3, CURRENT_LAYOUT -> {}
                default ->
                    throw new IOException(
                            "outcome-update layout " + readVersion + " is newer than this SLAflow" + " (it reads up to "
                                    + CURRENT_LAYOUT + "): restore with the version that wrote it, or a newer one");
            }
            layout = readVersion;
        }

        @Override
        public TypeSerializer<OutcomeUpdate> restoreSerializer() {
            return layout < CURRENT_LAYOUT ? WITHOUT_BUDGET : INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<OutcomeUpdate> resolveSchemaCompatibility(
                TypeSerializerSnapshot<OutcomeUpdate> old) {
            if (!(old instanceof Snapshot s)) return TypeSerializerSchemaCompatibility.incompatible();
            return s.layout < CURRENT_LAYOUT
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
    }
}
