package io.slaflow.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One record of the {@code ticket-events-dlq} topic ({@code schemas/dead-letter.schema.json}): why an input
 * record was refused, and that record exactly as it arrived, so it can be fixed and replayed.
 *
 * @param id             deterministic: the same input at the same source position always gets the same id,
 *                       so a replayed or retried job overwrites instead of duplicating (see {@link #idOf})
 * @param reason         the reject code
 * @param message        the human explanation, naming the field and what was found
 * @param field          the offending contract field, or {@code null}
 * @param rejectedAt     when the record was refused: the wall clock in the live job, event time in a replay (supplied
 *                       by the caller)
 * @param originalBase64 the original bytes, base64 (always present: the bytes may not be text)
 * @param originalText   the original bytes as text when they are valid UTF-8, else {@code null}
 * @param source         where the record came from, or {@code null} when unknown
 * @param recordTime     the refused record's own time, the same whenever the same record is refused again (a replay,
 *                       a restart from a checkpoint): for a record the enforcer refused, the event's {@code occurredAt};
 *                       for one the parser refused, the Kafka record's timestamp (the producer's create time or the
 *                       broker's append time, stored with the record; the record's {@code occurredAt} is no use there:
 *                       it is missing, unreadable, or the very thing refused, as with {@code CLOCK_SKEW}); for a policy
 *                       version, the instant it takes effect from (its header, else its record's timestamp). Null when
 *                       none is known (a file's line, a Kafka record without a timestamp): see {@link #ownTime}
 */
public record DeadLetter(
        String id,
        RejectReason reason,
        String message,
        String field,
        Instant rejectedAt,
        String originalBase64,
        String originalText,
        Source source,
        Instant recordTime) {

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        Objects.requireNonNull(originalBase64, "originalBase64");
    }

    /** A dead letter without its record's time (see {@link #recordTime}). */
    public DeadLetter(
            String id,
            RejectReason reason,
            String message,
            String field,
            Instant rejectedAt,
            String originalBase64,
            String originalText,
            Source source) {
        this(id, reason, message, field, rejectedAt, originalBase64, originalText, source, null);
    }

    /** A dead letter for {@code rejection}, with the deterministic id of its bytes and source position. */
    public static DeadLetter of(Rejection rejection, Source source, Instant rejectedAt) {
        return of(rejection, source, rejectedAt, null);
    }

    /** As {@link #of(Rejection, Source, Instant)}, with the record's own time (null: not known). */
    public static DeadLetter of(Rejection rejection, Source source, Instant rejectedAt, Instant recordTime) {
        byte[] original = rejection.original();
        return new DeadLetter(
                idOf(original, source),
                rejection.reason(),
                rejection.message(),
                rejection.field(),
                rejectedAt,
                Base64.getEncoder().encodeToString(original),
                utf8OrNull(original),
                source,
                recordTime);
    }

    /**
     * The instant this dead letter files under (the month of its {@code sla-dead-letters} index): the record's own
     * time when known, so every copy of the same dead letter (same id) lands in the same index and overwrites; else
     * when it was refused, which in a replay is event time too (the live job always knows a Kafka record's time).
     */
    public Instant ownTime() {
        return recordTime != null ? recordTime : rejectedAt;
    }

    /** The original bytes, decoded from {@link #originalBase64}. */
    public byte[] originalBytes() {
        return Base64.getDecoder().decode(originalBase64);
    }

    /**
     * Lower-case hex SHA-256 of the source position and the bytes. The position is part of it because the
     * same bytes may legitimately arrive twice (a producer retry) and each arrival is its own dead letter.
     */
    public static String idOf(byte[] original, Source source) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        String position = source == null ? "" : source.canonical();
        sha256.update(position.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0); // separator: no position text contains NUL
        sha256.update(original);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Strict decoding: malformed or truncated sequences give {@code null}, not replacement characters. */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Where a refused record was read: a Kafka position ({@code topic}, {@code partition}, {@code offset})
     * or a file position ({@code file}, {@code line}). Strings, so offsets beyond 2^53 survive JSON readers.
     */
    public record Source(String topic, String partition, String offset, String file, String line) {

        /** Exactly one complete position, as the dead-letter schema requires. */
        public Source {
            boolean kafka = topic != null && partition != null && offset != null;
            boolean anyKafka = topic != null || partition != null || offset != null;
            boolean fromFile = file != null && line != null;
            boolean anyFile = file != null || line != null;
            if (!(kafka && !anyFile) && !(fromFile && !anyKafka)) {
                throw new IllegalArgumentException("a source is either topic/partition/offset or file/line, complete: "
                        + topic + "/" + partition + "/" + offset + " " + file + ":" + line);
            }
        }

        public static Source kafka(String topic, int partition, long offset) {
            return new Source(
                    Objects.requireNonNull(topic, "topic"),
                    Integer.toString(partition),
                    Long.toString(offset),
                    null,
                    null);
        }

        /** {@code line} is 1-based. */
        public static Source file(String file, long line) {
            return new Source(null, null, null, Objects.requireNonNull(file, "file"), Long.toString(line));
        }

        String canonical() {
            return "topic=" + nullToEmpty(topic) + "\npartition=" + nullToEmpty(partition) + "\noffset="
                    + nullToEmpty(offset) + "\nfile=" + nullToEmpty(file) + "\nline=" + nullToEmpty(line);
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
