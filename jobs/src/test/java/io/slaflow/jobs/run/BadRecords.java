package io.slaflow.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.event.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.Set;

/**
 * Turns valid ticket events into bad input of every class the contract refuses, each with the reasons it may
 * get. Seeded, so a failing run can be reproduced.
 */
final class BadRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bad record and the dead-letter reasons it may legitimately get. */
    record Bad(String kind, byte[] bytes, Set<RejectReason> reasons) {}

    private final Random random;
    private final Instant now;
    private int freshTickets;

    BadRecords(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /** A bad record derived from {@code valid} (a contract-valid event); never two alike in kind order. */
    Bad from(byte[] valid) {
        int pick = random.nextInt(1000);
        if (pick < 3) return oversized(valid);
        return switch (pick % 12) {
            case 0 -> truncated(valid);
            case 1 -> new Bad("syntax", replaceFirst(valid, "\":", "\";"), Set.of(RejectReason.MALFORMED_JSON));
            case 2 ->
                new Bad(
                        "not-an-object",
                        random.nextBoolean()
                                ? "[1,2,3]".getBytes(StandardCharsets.UTF_8)
                                : ("\"" + random.nextInt() + "\"").getBytes(StandardCharsets.UTF_8),
                        Set.of(RejectReason.NOT_AN_OBJECT));
            case 3 ->
                new Bad(
                        "empty",
                        random.nextBoolean() ? new byte[0] : "  \n ".getBytes(StandardCharsets.UTF_8),
                        Set.of(RejectReason.EMPTY));
            case 4 ->
                mutate("wrong-type", valid, n -> n.put("ticketId", random.nextInt(100_000)), RejectReason.WRONG_TYPE);
            case 5 -> mutate("unknown-type", valid, n -> n.put("type", "EXPLODED"), RejectReason.UNKNOWN_TYPE);
            case 6 -> mutate("missing-field", valid, n -> n.remove("clientId"), RejectReason.MISSING_FIELD);
            case 7 ->
                mutate(
                        "bad-timestamp",
                        valid,
                        n -> n.put("occurredAt", "20/11/2026 10:00"),
                        RejectReason.BAD_TIMESTAMP);
            case 8 -> new Bad("invalid-utf8", invalidUtf8(valid), Set.of(RejectReason.INVALID_UTF8));
            case 9 ->
                new Bad(
                        "duplicate-field",
                        replaceFirst(valid, "{", "{\"ticketId\":\"DUP-" + random.nextInt() + "\","),
                        Set.of(RejectReason.DUPLICATE_FIELD));
            case 10 -> mutate("bad-value", valid, n -> n.put("source", "carrier-pigeon"), RejectReason.BAD_VALUE);
            default -> futureDated();
        };
    }

    /** A valid CREATED for a ticket of its own, dated a day ahead of the job's clock. */
    Bad futureDated() {
        String ticket = "SKEW-" + (++freshTickets);
        String json = "{\"eventId\":\"" + ticket + "-c\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"acme\","
                + "\"type\":\"CREATED\",\"occurredAt\":\"" + now.plusSeconds(86_400 + random.nextInt(86_400 * 300))
                + "\",\"subject\":\"printer jam\",\"source\":\"portal\"}";
        return new Bad("future-dated", json.getBytes(StandardCharsets.UTF_8), Set.of(RejectReason.CLOCK_SKEW));
    }

    /** A valid CREATED for a ticket of its own, dated years back: behind the watermark by far more than the lateness. */
    Bad farPast() {
        String ticket = "PAST-" + (++freshTickets);
        String json = "{\"eventId\":\"" + ticket + "-c\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"acme\","
                + "\"type\":\"CREATED\",\"occurredAt\":\"2001-0" + (1 + random.nextInt(9)) + "-11T08:00:00Z\","
                + "\"subject\":\"printer jam\",\"source\":\"portal\"}";
        return new Bad("far-past", json.getBytes(StandardCharsets.UTF_8), Set.of(RejectReason.LATE));
    }

    private Bad truncated(byte[] valid) {
        int cut = 1 + random.nextInt(valid.length - 2);
        byte[] bytes = java.util.Arrays.copyOf(valid, cut);
        return new Bad("truncated", bytes, Set.of(RejectReason.MALFORMED_JSON, RejectReason.INVALID_UTF8));
    }

    private Bad oversized(byte[] valid) {
        String padding = "x".repeat(70 * 1024);
        return mutate("oversized", valid, n -> n.put("description", padding), RejectReason.OVERSIZED);
    }

    private interface Mutation {
        void apply(ObjectNode node);
    }

    private Bad mutate(String kind, byte[] valid, Mutation m, RejectReason reason) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(valid);
            m.apply(node);
            return new Bad(kind, JSON.writeValueAsBytes(node), Set.of(reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] invalidUtf8(byte[] valid) {
        String s = new String(valid, StandardCharsets.UTF_8);
        int at = s.indexOf("\"subject\":\"");
        at = at < 0 ? s.indexOf("\"ticketId\":\"") + 12 : at + 11;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        out.write(0xC3);
        out.write(0x28); // a lead byte followed by a non-continuation byte
        byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
        out.write(tail, 0, tail.length);
        return out.toByteArray();
    }

    private static byte[] replaceFirst(byte[] valid, String what, String with) {
        String s = new String(valid, StandardCharsets.UTF_8);
        int at = s.indexOf(what);
        return (s.substring(0, at) + with + s.substring(at + what.length())).getBytes(StandardCharsets.UTF_8);
    }
}
