package io.slaflow.jobs.replay;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * One output of a replay on its way to the files: every output stream is mapped to this one type so a single
 * collect drains them all (several collects drained one after another could block each other).
 */
public class ReplayLine {
    public enum Kind {
        WARNING,
        BREACH,
        ESCALATION,
        OUTCOME,
        DEAD_LETTER,
        ADHERENCE,
        CHAIN,
        TICKET
    }

    public Kind kind;
    /** Event time used to order the file (firedAt), or 0. */
    public long time;
    /** Deterministic id (ties in time are ordered by it). */
    public String id;

    /** The JSON as text: what the part files are read back as, and what {@link ReplayFiles} sorts and writes. */
    public String json;
    /**
     * The JSON in flight, from the job's operators to the part files: the UTF-8 bytes the job wrote it as. Flink
     * serializes a {@code String} field a char at a time (the hottest frame of a 1,000,000-event replay); bytes
     * are copied whole, and the part file gets the same bytes.
     */
    public byte[] jsonBytes;
    // outcomes only: what the summary needs without re-parsing
    public String clientId;
    public String tier;
    public String metric;
    public String outcome;
    public int revision;
    public boolean unlistedClient;
    /** dead letters only: the reject reason. */
    public String reason;

    public ReplayLine() {}

    /** A line of one of the time-ordered files: its kind, the time it is sorted by, its id and its JSON. */
    public static ReplayLine of(Kind kind, long time, String id, byte[] json) {
        ReplayLine l = new ReplayLine();
        l.kind = kind;
        l.time = time;
        l.id = id;
        if (isUtf8(json)) {
            l.jsonBytes = json;
        } else {
            // never from the JSON writers, which escape what UTF-8 cannot carry; if it were, the part file must
            // still decode, as it did when every line travelled as text
            l.json = new String(json, StandardCharsets.UTF_8);
        }
        return l;
    }

    /** True if {@code bytes} decode as UTF-8, so writing their text back as UTF-8 gives the same bytes. */
    static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The JSON as text, from whichever form this line holds. */
    String jsonText() {
        return json != null ? json : jsonBytes == null ? null : new String(jsonBytes, StandardCharsets.UTF_8);
    }
}
