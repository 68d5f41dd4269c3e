package io.slaflow.infra.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Broken copies of real events, the kinds a ticketing integration really produces. Each breaks the contract for
 * sure (the parser must dead-letter it), has its own event id, and never contains a line break.
 */
final class MalformedRecords {

    enum Kind {
        TRUNCATED_JSON,
        WRONG_TYPE,
        MISSING_FIELD,
        UNKNOWN_TYPE,
        BAD_TIMESTAMP,
        NON_UTF8
    }

    private static final String[] REQUIRED = {"eventId", "ticketId", "clientId", "type", "occurredAt"};
    private static final String[] UNKNOWN_TYPES = {"ESCALATED", "COMMENTED", "created", "Resolved", "MERGED"};

    static byte[] corrupt(ObjectNode original, Kind kind, SplittableRandom rnd) {
        ObjectNode n = original.deepCopy();
        n.put("eventId", original.path("eventId").asText() + "-x");
        String at = n.path("occurredAt").asText();
        switch (kind) {
            case TRUNCATED_JSON -> {
                byte[] full = EventJson.bytes(n);
                int cut = 10 + rnd.nextInt(full.length - 11);
                while (cut > 1 && (full[cut] & 0xC0) == 0x80) {
                    cut--; // cut between characters: the record is broken JSON, not broken UTF-8
                }
                return java.util.Arrays.copyOf(full, cut);
            }
            case WRONG_TYPE -> {
                switch (rnd.nextInt(3)) {
                    case 0 ->
                        n.put(
                                "occurredAt",
                                java.time.OffsetDateTime.parse(at).toInstant().toEpochMilli());
                    case 1 ->
                        n.put(
                                "ticketId",
                                Long.parseLong(n.path("ticketId").asText().substring(3)));
                    default -> n.put("priority", 1 + rnd.nextInt(3));
                }
            }
            case MISSING_FIELD -> n.remove(REQUIRED[rnd.nextInt(REQUIRED.length)]);
            case UNKNOWN_TYPE -> n.put("type", UNKNOWN_TYPES[rnd.nextInt(UNKNOWN_TYPES.length)]);
            case BAD_TIMESTAMP -> {
                String local = at.substring(0, 19); // yyyy-MM-ddTHH:mm:ss
                switch (rnd.nextInt(3)) {
                    case 0 -> n.put("occurredAt", local); // no offset
                    case 1 -> n.put("occurredAt", local.replace('T', ' ') + " UTC");
                    default ->
                        n.put(
                                "occurredAt",
                                local.substring(8, 10) + "/" + local.substring(5, 7) + "/" + local.substring(0, 4) + " "
                                        + local.substring(11, 16)); // 16/11/2026 10:00
                }
            }
            case NON_UTF8 -> {
                // A legacy mail gateway that writes ISO-8859-1: 'è' becomes the single byte 0xE8.
                n.put("subject", "Problème d'accès - " + n.path("subject").asText("réseau"));
                return new String(EventJson.bytes(n), StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return EventJson.bytes(n);
    }

    private MalformedRecords() {}
}
