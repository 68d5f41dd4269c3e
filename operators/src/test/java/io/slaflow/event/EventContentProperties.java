package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fingerprints are stored in savepoints (each ticket's seen event ids), so {@link EventContent} must give the values it
 * always gave, however it computes them: the same as the plain FNV-1a below (one step per byte of every length,
 * ordinal and time, one per character), for any event, and the values pinned from the version before it was made
 * faster.
 */
class EventContentProperties {

    @Property(tries = 2000)
    void givesThePlainFnvValue(@ForAll("events") TicketEvent e) {
        assertThat(EventContent.fingerprint(e)).isEqualTo(Reference.fingerprint(e));
    }

    /** Values of the earlier implementation (byte by byte), as savepoints hold them. */
    @Example
    void givesTheValuesSavepointsHold() {
        TicketEvent c = new TicketEvent("e1", "T-1001", "acme", EventType.CREATED, 1_767_225_600_000L);
        c.source = "email";
        c.subject = "Printer on fire";
        c.description = "Ünïcode ☃ and a long text 0123456789";
        c.priority = "P1";
        c.status = "NEW";
        c.actor = "alice";
        c.extra.put("region", "\"eu\"");
        c.extra.put("count", "3");
        TicketEvent negativeTime = new TicketEvent("e2", "T-1001", "acme", EventType.RESPONDED, -5L);
        TicketEvent empty = new TicketEvent(null, null, null, null, 0L);
        TicketEvent blanks = new TicketEvent("e3", "", "", EventType.STATUS_CHANGED, Long.MAX_VALUE);
        blanks.status = "";
        blanks.extra.put("only", "null");

        assertThat(EventContent.fingerprint(c)).isEqualTo(7582031808944913625L);
        assertThat(EventContent.fingerprint(negativeTime)).isEqualTo(5006658430197511085L);
        assertThat(EventContent.fingerprint(empty)).isEqualTo(5336930581826943157L);
        assertThat(EventContent.fingerprint(blanks)).isEqualTo(-6781506848614874011L);
    }

    @Provide
    Arbitrary<TicketEvent> events() {
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(300),
                        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(70),
                        Arbitraries.strings().withChars("\u0000\u00ff\u0100").ofMaxLength(5))
                .injectNull(0.2);
        Arbitrary<Long> time = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-70_000, 70_000),
                Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<EventType> type = Arbitraries.of(EventType.class).injectNull(0.05);
        Arbitrary<Map<String, String>> extra =
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), text).ofMaxSize(4);
        return Combinators.combine(
                        Combinators.combine(text, text, text, type, time, text, text, text)
                                .as((eventId, ticketId, clientId, t, at, source, subject, description) -> {
                                    TicketEvent e = new TicketEvent(eventId, ticketId, clientId, t, at);
                                    e.source = source;
                                    e.subject = subject;
                                    e.description = description;
                                    return e;
                                }),
                        text,
                        text,
                        text,
                        text,
                        extra)
                .as((e, priority, status, assignee, actor, x) -> {
                    e.priority = priority;
                    e.status = status;
                    e.assignee = assignee;
                    e.actor = actor;
                    e.extra = new java.util.HashMap<>(x);
                    return e;
                });
    }

    /** FNV-1a as first written: eight steps for every long, whatever its bytes. */
    private static final class Reference {
        private static final long OFFSET = 0xcbf29ce484222325L;
        private static final long PRIME = 0x100000001b3L;

        static long fingerprint(TicketEvent e) {
            long h = OFFSET;
            h = mix(h, e.type == null ? -1 : e.type.ordinal());
            h = mix(h, e.occurredAt);
            for (String s : new String[] {
                e.ticketId, e.clientId, e.source, e.subject, e.description, e.priority, e.status, e.assignee, e.actor
            }) {
                h = text(h, s);
            }
            if (e.extra != null && !e.extra.isEmpty()) {
                for (Map.Entry<String, String> x : new TreeMap<>(e.extra).entrySet()) {
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
}
