package io.slaflow.ingest;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventOrigin;

/**
 * One input record exactly as it arrived, with where it was read: a Kafka position or a file line. Parsing happens
 * in {@link ParseTicketEvents}, inside the job, so a bad record becomes a dead letter instead of a failed source.
 */
public class RawRecord {
    public byte[] bytes;
    public String topic;
    public int partition;
    public long offset;
    public String file;
    public long line;
    /** The Kafka record's timestamp (create or append time, as the topic keeps it), -1 when unknown (a file's line). */
    public long timestamp = -1;

    public RawRecord() {}

    public static RawRecord fromKafka(byte[] bytes, String topic, int partition, long offset) {
        RawRecord r = new RawRecord();
        r.bytes = bytes == null ? new byte[0] : bytes;
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        return r;
    }

    /** As {@link #fromKafka(byte[], String, int, long)}, with the record's timestamp (negative: none). */
    public static RawRecord fromKafka(byte[] bytes, String topic, int partition, long offset, long timestamp) {
        RawRecord r = fromKafka(bytes, topic, partition, offset);
        r.timestamp = timestamp < 0 ? -1 : timestamp;
        return r;
    }

    public static RawRecord fromFile(byte[] bytes, String file, long line) {
        RawRecord r = new RawRecord();
        r.bytes = bytes;
        r.file = file;
        r.line = line;
        return r;
    }

    public EventOrigin origin() {
        return topic != null ? EventOrigin.kafka(topic, partition, offset) : EventOrigin.file(file, line);
    }

    public DeadLetter.Source source() {
        return topic != null ? DeadLetter.Source.kafka(topic, partition, offset) : DeadLetter.Source.file(file, line);
    }
}
