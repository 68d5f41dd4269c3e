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

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xFF;
            h *= PRIME;
        }
        return h;
    }
}
