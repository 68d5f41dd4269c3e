package io.slaflow.event;

import java.util.Map;
import java.util.TreeMap;

/**
 * A 64-bit fingerprint of what an event says: every field but its id and where it was read. A producer's resend of an
 * event has the same fingerprint; an event sent under a reused {@code eventId} with other content (a RESOLVED under
 * a RESPONDED's id) has another, so the enforcer can tell a duplicate (ignored, counted) from a conflict (a dead
 * letter) instead of dropping both silently. FNV-1a over each field's length and characters (so {@code "ab","c"} and
 * {@code "a","bc"} differ), extra fields in name order; stable across JVMs and releases. Never 0 (0 = unknown).
 */
public final class EventContent {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /** The prime to the powers 7 and 8 (modulo 2^64, as every step is): the steps over 7 or 8 zero bytes. */
    private static final long PRIME_7 = power(7);

    private static final long PRIME_8 = power(8);

    private EventContent() {}

    public static long fingerprint(TicketEvent e) {
        long h = OFFSET;
        h = mix(h, e.type == null ? -1 : e.type.ordinal());
        h = mix(h, e.occurredAt);
        h = text(h, e.ticketId);
        h = text(h, e.clientId);
        h = text(h, e.source);
        h = text(h, e.subject);
        h = text(h, e.description);
        h = text(h, e.priority);
        h = text(h, e.status);
        h = text(h, e.assignee);
        h = text(h, e.actor);
        if (e.extra != null && !e.extra.isEmpty()) {
            Map<String, String> sorted = e.extra.size() == 1 ? e.extra : new TreeMap<>(e.extra);
            for (Map.Entry<String, String> x : sorted.entrySet()) {
                h = text(h, x.getKey());
                h = text(h, x.getValue());
            }
        }
        return h == 0 ? 1 : h;
    }

    private static long text(long h, String s) {
        if (s == null) {
            return mix(h, -1);
        }
        h = mix(h, s.length());
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return h;
    }

    /**
     * The value's 8 bytes, lowest first, one FNV-1a step each. A zero byte's step is a bare multiplication by the
     * prime, so the steps over the zero high bytes of a length or an ordinal (all but one or two of its eight) are one
     * multiplication by the prime's power: the same value, without a chain of eight dependent multiplications per
     * field (this runs for every event the enforcer applies). A fixed test per case rather than a loop to the last
     * non-zero byte, whose trip count would change with every length.
     */
    private static long mix(long h, long v) {
        if ((v >>> 8) == 0) {
            return (h ^ v) * PRIME_8;
        }
        if ((v >>> 16) == 0) {
            return (((h ^ (v & 0xFF)) * PRIME) ^ (v >>> 8)) * PRIME_7;
        }
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xFF;
            h *= PRIME;
        }
        return h;
    }

    private static long power(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= PRIME;
        }
        return p;
    }
}
