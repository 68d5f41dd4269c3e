package io.slaflow.jobs.replay;

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

    public String json;
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
        l.json = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        return l;
    }
}
