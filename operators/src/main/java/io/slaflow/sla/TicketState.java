package io.slaflow.sla;

import io.slaflow.policy.Metric;
import java.util.Arrays;

/**
 * Everything SLAflow keeps about one open ticket (inside the enforcer's keyed value, written field by field by
 * {@code EnforcedTicketSerializer}; target ≤ 512 bytes serialized).
 * Mutated only by {@link TicketSla}.
 */
public class TicketState {
    /** How many recent event ids are remembered for duplicate detection. */
    static final int SEEN_CAPACITY = 32;

    public String ticketId;
    public String clientId;
    public String tier;
    /** The classification rule (or {@code priority-change}) that set the current tier. */
    public String rule;
    /** The policy version pinned at creation. */
    public String policyVersion;

    public String assignee;
    public String status;
    public boolean unlistedClient;
    public long createdAt;
    public long closedAt = -1;
    public SlaClock response;
    public SlaClock resolution;
    public int responseRevision;
    public int resolutionRevision;
    /** 64-bit hashes of recent event ids, a ring of {@link #SEEN_CAPACITY}; {@link #seenCount} written so far. */
    public long[] seen = new long[0];

    public int seenCount;
    /**
     * The content fingerprint ({@code EventContent}) of each id in {@link #seen}, same slots; 0 where unknown (an id
     * remembered by a build before fingerprints: a repeat of it is taken for a duplicate, as it was then).
     */
    public long[] seenContent = new long[0];

    /** What {@link #markSeen} found. */
    enum Seen {
        NEW,
        REPEAT,
        REUSED_ID
    }

    public TicketState() {}

    public SlaClock clock(Metric m) {
        return m == Metric.RESPONSE ? response : resolution;
    }

    int nextRevision(Metric m) {
        return m == Metric.RESPONSE ? ++responseRevision : ++resolutionRevision;
    }

    /**
     * Records the id and its content: {@link Seen#NEW}, or for an id seen before {@link Seen#REPEAT} (same content: a
     * resend) or {@link Seen#REUSED_ID} (other content under the same id).
     */
    Seen markSeen(String eventId, long content) {
        long h = hash(eventId);
        int n = Math.min(seenCount, SEEN_CAPACITY);
        for (int i = 0; i < n; i++) {
            if (seen[i] == h) {
                long known = seenContent != null && i < seenContent.length ? seenContent[i] : 0;
                return known == 0 || known == content ? Seen.REPEAT : Seen.REUSED_ID;
            }
        }
        if (seenCount >= seen.length && seen.length < SEEN_CAPACITY) {
            seen = Arrays.copyOf(seen, Math.min(SEEN_CAPACITY, Math.max(4, seen.length * 2)));
        }
        if (seenContent == null || seenContent.length < seen.length) {
            seenContent = Arrays.copyOf(seenContent == null ? new long[0] : seenContent, seen.length);
        }
        seen[seenCount % SEEN_CAPACITY] = h;
        seenContent[seenCount % SEEN_CAPACITY] = content;
        seenCount++;
        return Seen.NEW;
    }

    /** FNV-1a 64: stable across JVMs and releases, unlike String.hashCode's 32 bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
