package io.slaflow.streams;

import io.slaflow.event.EventOrigin;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes {@link TicketEvent} field by field: every valid event crosses the network once, from the parser to the
 * enforcer's subtask for its ticket, and Flink's reflective POJO serializer (a reflective set per field, a null mask,
 * instantiation through a constructor handle) cost about a tenth of the enforcer's time there (BENCHMARKS.md).
 * The parser declares {@link #TYPE} as its output type ({@code ParseTicketEvents}); state that holds events keeps
 * Flink's POJO serializer, so savepoints are unaffected.
 *
 * <p><b>Layout</b>: the fields in declaration order; strings with {@link StringValue} (null-safe), {@link EventType}
 * by ordinal (-1: none; the enum's order is pinned by a test), {@code extra} as a count and key/value pairs, then the
 * {@link EventOrigin} (a byte: 0 none, 1 a Kafka position, 2 a file line; then name and numbers). The
 * same layout holds the events buffered in the enforcer's ticket state ({@code EnforcedTicketSerializer}), whose
 * test fills every field reflectively and fails when one is added without being written here.
 */
public final class TicketEventSerializer extends FieldByFieldSerializer<TicketEvent> {
    private static final long serialVersionUID = 1L;
    private static final EventType[] TYPES = EventType.values();

    public static final TicketEventSerializer INSTANCE = new TicketEventSerializer();

    /** The type information to declare for a stream of events (its serializer is {@link #INSTANCE}). */
    public static final TypeInformation<TicketEvent> TYPE = new SerializerTypeInfo<>(TicketEvent.class, INSTANCE);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TicketEvent createInstance() {
        return new TicketEvent();
    }

    @Override
    public TicketEvent copy(TicketEvent from) {
        TicketEvent e = new TicketEvent(from.eventId, from.ticketId, from.clientId, from.type, from.occurredAt);
        e.source = from.source;
        e.subject = from.subject;
        e.description = from.description;
        e.priority = from.priority;
        e.status = from.status;
        e.assignee = from.assignee;
        e.actor = from.actor;
        e.extra = from.extra == null ? null : new HashMap<>(from.extra);
        e.origin = from.origin == null ? null : copyOf(from.origin);
        return e;
    }

    @Override
    public void serialize(TicketEvent e, DataOutputView out) throws IOException {
        write(e, out);
    }

    @Override
    public TicketEvent deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    @Override
    public TypeSerializerSnapshot<TicketEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    private static EventOrigin copyOf(EventOrigin o) {
        return o.partition >= 0
                ? EventOrigin.kafka(o.name, o.partition, o.position)
                : EventOrigin.file(o.name, o.position);
    }

    /** Writes one event in this layout (also used inside the enforcer's ticket state). */
    public static void write(TicketEvent e, DataOutputView out) throws IOException {
        StringValue.writeString(e.eventId, out);
        StringValue.writeString(e.ticketId, out);
        StringValue.writeString(e.clientId, out);
        out.writeByte(e.type == null ? -1 : e.type.ordinal());
        out.writeLong(e.occurredAt);
        StringValue.writeString(e.source, out);
        StringValue.writeString(e.subject, out);
        StringValue.writeString(e.description, out);
        StringValue.writeString(e.priority, out);
        StringValue.writeString(e.status, out);
        StringValue.writeString(e.assignee, out);
        StringValue.writeString(e.actor, out);
        out.writeInt(e.extra == null ? 0 : e.extra.size());
        if (e.extra != null) {
            for (Map.Entry<String, String> x : e.extra.entrySet()) {
                StringValue.writeString(x.getKey(), out);
                StringValue.writeString(x.getValue(), out);
            }
        }
        EventOrigin o = e.origin;
        if (o == null) {
            out.writeByte(0);
        } else {
            out.writeByte(o.partition >= 0 ? 1 : 2);
            StringValue.writeString(o.name, out);
            if (o.partition >= 0) out.writeInt(o.partition);
            out.writeLong(o.position);
        }
    }

    /** Reads one event written by {@link #write}. */
    public static TicketEvent read(DataInputView in) throws IOException {
        TicketEvent e = readWithoutOrigin(in);
        int origin = in.readByte();
        if (origin != 0) {
            String name = StringValueReader.read(in);
            e.origin = origin == 1
                    ? EventOrigin.kafka(name, in.readInt(), in.readLong())
                    : EventOrigin.file(name, in.readLong());
        }
        return e;
    }

    /** Reads one event in the layout before origins (ticket state written by earlier builds: format 1). */
    public static TicketEvent readWithoutOrigin(DataInputView in) throws IOException {
        TicketEvent e = new TicketEvent();
        e.eventId = StringValueReader.read(in);
        e.ticketId = StringValueReader.read(in);
        e.clientId = StringValueReader.read(in);
        int type = in.readByte();
        e.type = type < 0 ? null : TYPES[type];
        e.occurredAt = in.readLong();
        e.source = StringValueReader.read(in);
        e.subject = StringValueReader.read(in);
        e.description = StringValueReader.read(in);
        e.priority = StringValueReader.read(in);
        e.status = StringValueReader.read(in);
        e.assignee = StringValueReader.read(in);
        e.actor = StringValueReader.read(in);
        int extras = in.readInt();
        if (extras > 0) {
            e.extra = new HashMap<>(extras * 2);
            for (int i = 0; i < extras; i++) {
                e.extra.put(StringValueReader.read(in), StringValueReader.read(in));
            }
        }
        return e;
    }

    /** Serializer snapshot: the layout has no parameters, so any snapshot of it restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TicketEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
