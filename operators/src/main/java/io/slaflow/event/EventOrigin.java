package io.slaflow.event;

import java.util.Objects;

/**
 * Where an input record was read: a Kafka topic, partition and offset, or a file and its 1-based line. It travels with
 * the parsed event to the enforcer, so a dead letter the enforcer gives (UNKNOWN_TICKET, LATE, CONFLICT) names the
 * position of the record as the parser's dead letters do. A field of {@link TicketEvent}: written wherever its event
 * is (see there).
 */
public class EventOrigin {
    /** The topic, or the file. */
    public String name;
    /** The Kafka partition, or -1 for a file. */
    public int partition = -1;
    /** The Kafka offset, or the file's line. */
    public long position;

    public EventOrigin() {}

    public static EventOrigin kafka(String topic, int partition, long offset) {
        EventOrigin o = new EventOrigin();
        o.name = topic;
        o.partition = partition;
        o.position = offset;
        return o;
    }

    public static EventOrigin file(String file, long line) {
        EventOrigin o = new EventOrigin();
        o.name = file;
        o.position = line;
        return o;
    }

    /** The dead letter's source position. */
    public DeadLetter.Source source() {
        return partition >= 0
                ? DeadLetter.Source.kafka(name, partition, position)
                : DeadLetter.Source.file(name, position);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventOrigin e
                && partition == e.partition
                && position == e.position
                && Objects.equals(name, e.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, partition, position);
    }

    @Override
    public String toString() {
        return partition >= 0 ? name + "@" + partition + ":" + position : name + ":" + position;
    }
}
