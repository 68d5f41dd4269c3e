package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketEventDeserializerTest {
    private static final String TYPES =
            "CREATED, RESPONDED, ASSIGNED, STATUS_CHANGED, PRIORITY_CHANGED, RESOLVED, REOPENED, CLOSED";

    private final TicketEventDeserializer deserializer = new TicketEventDeserializer();

    /** A valid CREATED event; tests change what they are about. */
    private static ObjectNode base() {
        ObjectNode n = ContractSchemas.MAPPER.createObjectNode();
        n.put("eventId", "evt-1")
                .put("ticketId", "INC-1")
                .put("clientId", "acme")
                .put("type", "CREATED")
                .put("occurredAt", "2026-11-20T09:15:00+01:00");
        return n;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return ContractSchemas.MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON written with single quotes for readability. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private TicketEvent accepted(byte[] input) {
        ParseResult result = deserializer.parse(input);
        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) result).event();
    }

    private Rejection rejected(byte[] input) {
        ParseResult result = deserializer.parse(input);
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        Rejection rejection = ((ParseResult.Rejected) result).rejection();
        assertThat(rejection.original()).as("original bytes, untouched").isSameAs(input);
        return rejection;
    }

    private void assertRejected(byte[] input, RejectReason reason, String field, String message) {
        Rejection r = rejected(input);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.message()).isEqualTo(message);
    }

    @Nested
    class Accepts {
        @Test
        void aFullCreatedEvent() {
            ObjectNode n = base().put("source", "email")
                    .put("subject", "VPN down")
                    .put("description", "all of Lyon")
                    .put("priority", "P1")
                    .put("status", "New")
                    .put("assignee", "net-team")
                    .put("actor", "jane");

            TicketEvent e = accepted(bytes(n));

            assertThat(e.eventId).isEqualTo("evt-1");
            assertThat(e.ticketId).isEqualTo("INC-1");
            assertThat(e.clientId).isEqualTo("acme");
            assertThat(e.type).isEqualTo(EventType.CREATED);
            assertThat(e.occurredAt)
                    .isEqualTo(OffsetDateTime.parse("2026-11-20T09:15:00+01:00")
                            .toInstant()
                            .toEpochMilli());
            assertThat(e.source).isEqualTo("email");
            assertThat(e.subject).isEqualTo("VPN down");
            assertThat(e.description).isEqualTo("all of Lyon");
            assertThat(e.priority).isEqualTo("P1");
            assertThat(e.status).isEqualTo("New");
            assertThat(e.assignee).isEqualTo("net-team");
            assertThat(e.actor).isEqualTo("jane");
            assertThat(e.extra).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyEventType(EventType type) {
            // Carry what every type could require, so only the type differs.
            ObjectNode n = base().put("type", type.name())
                    .put("assignee", "a")
                    .put("status", "s")
                    .put("priority", "P2");

            assertThat(accepted(bytes(n)).type).isEqualTo(type);
        }

        @Test
        void nullForEveryOptionalFieldAsIfAbsent() {
            ObjectNode n = base();
            for (String f :
                    new String[] {"source", "subject", "description", "priority", "status", "assignee", "actor"}) {
                n.putNull(f);
            }

            TicketEvent e = accepted(bytes(n));

            assertThat(e).isEqualTo(accepted(bytes(base())));
            assertThat(e.extra).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2026-11-20T09:15:00Z",
                    "2026-11-20T09:15:00+01:00",
                    "2026-11-20T09:15:00-05:30",
                    "2026-11-20T09:15:00.1+14:00",
                    "2026-11-20T09:15:00.12-01:00",
                    "2026-11-20T09:15:00.123Z",
                    "2026-11-20T09:15:00.123456+05:45",
                    "2026-11-20T09:15:00.999999999-18:00",
                    "2026-11-20T09:15:00+18:00",
                    "2028-02-29T00:00:00Z",
                    "1969-12-31T23:59:59.999Z",
                    "0001-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z"
                })
        void timestampsWithAnyOffsetAndFraction(String timestamp) {
            TicketEvent e = accepted(bytes(base().put("occurredAt", timestamp)));

            assertThat(e.occurredAt)
                    .isEqualTo(OffsetDateTime.parse(timestamp).toInstant().toEpochMilli());
        }

        @Test
        void fractionsBeyondMillisecondsAreTruncatedNotRounded() {
            TicketEvent e = accepted(bytes(base().put("occurredAt", "2026-11-20T09:15:00.123999999Z")));

            assertThat(e.occurredAt % 1000).isEqualTo(123);
        }

        @Test
        void unknownFieldsVerbatimAsCompactJson() {
            byte[] input = json("{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED',"
                    + "'occurredAt':'2026-11-20T09:15:00Z', 'nested' : { 'a' : [1, 2.50, {'b': null}], 'c': true },"
                    + "'list':[ ],'big':123456789012345678901234567890,'exp':-1.5E+400,'frac':1.10,'no':false,"
                    + "'nothing':null,'text':'line\\nbreak \\'quoted\\' \\\\ tab\\t','uni':'\\u00e9t\\u00e9 ☕ 🎫',"
                    + "'empty':{}}");

            Map<String, String> extra = accepted(input).extra;

            assertThat(extra)
                    .containsOnly(
                            Map.entry("nested", "{'a':[1,2.50,{'b':null}],'c':true}".replace('\'', '"')),
                            Map.entry("list", "[]"),
                            Map.entry("big", "123456789012345678901234567890"),
                            Map.entry("exp", "-1.5E+400"),
                            Map.entry("frac", "1.10"),
                            Map.entry("no", "false"),
                            Map.entry("nothing", "null"),
                            Map.entry("text", "\"line\\nbreak \\\"quoted\\\" \\\\ tab\\t\""),
                            Map.entry("uni", "\"été ☕ 🎫\""),
                            Map.entry("empty", "{}"));
        }

        @Test
        void unknownFieldsAreReadableAsAttributes() {
            TicketEvent e = accepted(json("{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED',"
                    + "'occurredAt':'2026-11-20T09:15:00Z','category':'network','site':'Caf\\u00e9','users':40}"));

            assertThat(e.attribute("category")).isEqualTo("network");
            assertThat(e.attribute("site")).isEqualTo("Café");
            assertThat(e.attribute("users")).isEqualTo("40");
        }

        @Test
        void fieldsInAnyOrderAndAUtf8ByteOrderMark() {
            byte[] body = json(
                    "{'occurredAt':'2026-11-20T09:15:00Z','type':'CREATED','clientId':'c','ticketId':'t','eventId':'e'}");
            byte[] withBom = new byte[body.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withBom, 3, body.length);

            assertThat(accepted(withBom)).isEqualTo(accepted(body));
        }

        @Test
        void idsOfExactlyTheLimitInCodePoints() {
            // 256 emoji are 512 UTF-16 units but 256 code points, the unit JSON Schema's maxLength counts.
            String id = "🎫".repeat(256);

            assertThat(accepted(bytes(base().put("eventId", id))).eventId).isEqualTo(id);
        }

        @Test
        void aPayloadOfExactlyTheLimit() {
            byte[] input = bytes(base());
            TicketEventDeserializer exact = new TicketEventDeserializer(input.length);

            assertThat(exact.parse(input)).isInstanceOf(ParseResult.Accepted.class);
        }

        @Test
        void oneDeserializerParsesConcurrently() throws Exception {
            int threads = 4;
            ParseResult[][] results = new ParseResult[threads][200];
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers[t] = new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        results[me][i] = deserializer.parse(
                                bytes(base().put("eventId", me + "-" + i).put("x", i)));
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }

            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < 200; i++) {
                    TicketEvent e = ((ParseResult.Accepted) results[t][i]).event();
                    assertThat(e.eventId).isEqualTo(t + "-" + i);
                    assertThat(e.extra).containsExactly(Map.entry("x", Integer.toString(i)));
                }
            }
        }
    }

    @Nested
    class RejectsWithExactMessage {
        @Test
        void empty() {
            assertRejected(new byte[0], RejectReason.EMPTY, null, "payload is empty");
        }

        @Test
        void nullBytesAsEmpty() {
            ParseResult result = deserializer.parse(null);

            Rejection r = ((ParseResult.Rejected) result).rejection();
            assertThat(r.reason()).isEqualTo(RejectReason.EMPTY);
            assertThat(r.original()).isEmpty();
        }

        @Test
        void whitespaceOnly() {
            assertRejected(json(" \r\n\t "), RejectReason.EMPTY, null, "payload contains only whitespace");
        }

        @Test
        void oversizedWithoutParsing() {
            // Not even JSON: proves the size check comes before any parsing.
            byte[] input = new byte[TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES + 1];
            Arrays.fill(input, (byte) '{');

            assertRejected(
                    input,
                    RejectReason.OVERSIZED,
                    null,
                    "payload is 65537 bytes, larger than the limit of 65536 bytes");
        }

        @Test
        void oversizedUnderAConfiguredLimit() {
            byte[] input = bytes(base());
            TicketEventDeserializer small = new TicketEventDeserializer(100);

            Rejection r = ((ParseResult.Rejected) small.parse(input)).rejection();

            assertThat(r.reason()).isEqualTo(RejectReason.OVERSIZED);
            assertThat(r.message())
                    .isEqualTo("payload is " + input.length + " bytes, larger than the limit of 100 bytes");
        }

        @Test
        void invalidUtf8InsideAString() {
            byte[] head = json(
                    "{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z','subject':'caf");
            byte[] input = Arrays.copyOf(head, head.length + 3);
            input[head.length] = (byte) 0xE9; // 'é' in Latin-1: a UTF-8 lead byte with no continuation
            input[head.length + 1] = '"';
            input[head.length + 2] = '}';

            // checked before the JSON parser: the offset of the lead byte, and what is wrong with it
            assertRejected(
                    input,
                    RejectReason.INVALID_UTF8,
                    null,
                    "payload is not valid UTF-8 at byte " + head.length
                            + ": the lead byte 0xE9 followed by 0x22 at byte " + (head.length + 1)
                            + ", not a continuation byte");
        }

        /** Sequences Jackson's byte parser decodes leniently (issue 18, item 6): none is UTF-8. */
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "C0 AF: an overlong encoding (lead byte 0xC0)",
                    "C0 AE C0 AE: an overlong encoding (lead byte 0xC0)",
                    "E0 80 AF: an overlong encoding (0xE0 0x80)",
                    "F0 80 80 AF: an overlong encoding (0xF0 0x80)",
                    "ED A0 80: an encoded UTF-16 surrogate (0xED 0xA0)",
                    "ED BF BF: an encoded UTF-16 surrogate (0xED 0xBF)",
                    "F4 90 80 80: a code point above U+10FFFF (0xF4 0x90)",
                    "F5 80 80 80: the byte 0xF5, which never occurs in UTF-8 (it would encode a code point above U+10FFFF)",
                    "80: a continuation byte 0x80 with no lead byte before it",
                    "E2 82: the lead byte 0xE2 followed by 0x22 at byte 2, not a continuation byte"
                })
        void bytesThatAreNotUtf8InAString(String bytesAndProblem) {
            String[] parts = bytesAndProblem.split(": ", 2);
            byte[] head = json(
                    "{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z','subject':'x");
            String[] hex = parts[0].split(" ");
            byte[] input = Arrays.copyOf(head, head.length + hex.length + 2);
            for (int i = 0; i < hex.length; i++) input[head.length + i] = (byte) Integer.parseInt(hex[i], 16);
            input[input.length - 2] = '"';
            input[input.length - 1] = '}';
            String problem = parts[1].replace("at byte 2", "at byte " + (head.length + 2));

            assertRejected(
                    input,
                    RejectReason.INVALID_UTF8,
                    null,
                    "payload is not valid UTF-8 at byte " + head.length + ": " + problem);
        }

        /** An escaped lone surrogate is valid JSON in valid UTF-8, but not Unicode text (issue 18, item 4). */
        @ParameterizedTest
        @ValueSource(strings = {"ticketId", "clientId", "eventId", "subject", "status", "type", "occurredAt"})
        void aStringWithAnUnpairedSurrogate(String field) {
            ObjectNode n = base();
            n.put(field, "T-PLACEHOLDER");
            // the escape itself, as a producer would send it: six ASCII bytes, valid UTF-8
            byte[] input = new String(bytes(n), StandardCharsets.UTF_8)
                    .replace("T-PLACEHOLDER", "T\\ud800")
                    .getBytes(StandardCharsets.UTF_8);

            assertRejected(
                    input,
                    RejectReason.BAD_VALUE,
                    field,
                    field
                            + ": its value holds an unpaired UTF-16 surrogate at character 1 (a \\uD800-\\uDFFF escape that is"
                            + " not half of a pair): it is not Unicode text");
        }

        @Test
        void anExtraFieldOrAFieldNameWithAnUnpairedSurrogate() {
            assertRejected(
                    json(
                            "{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z','note':{'a':['\\udfff']}}"),
                    RejectReason.BAD_VALUE,
                    "note",
                    "note: its value holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF"
                            + " escape that is not half of a pair): it is not Unicode text");
            assertRejected(
                    json(
                            "{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z','x\\ud83d':1}"),
                    RejectReason.BAD_VALUE,
                    null,
                    "a field name holds an unpaired UTF-16 surrogate at character 1 (a"
                            + " \\uD800-\\uDFFF escape that is not half of a pair): it is not Unicode text");
        }

        @Test
        void aSurrogatePairWrittenAsEscapesIsText() {
            TicketEvent e = accepted(
                    json(
                            "{'eventId':'e','ticketId':'T\\ud83d\\ude00','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z'}"));

            assertThat(e.ticketId).isEqualTo("T\uD83D\uDE00");
        }

        @Test
        void utf16() {
            byte[] input = "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_16LE);

            assertRejected(
                    input, RejectReason.INVALID_UTF8, null, "payload is not UTF-8: it looks like UTF-16 or UTF-32");
        }

        @Test
        void malformedJson() {
            assertRejected(
                    json("{'eventId':'e','ticketId' 't'}"),
                    RejectReason.MALFORMED_JSON,
                    null,
                    "malformed JSON at line 1, column 27: Unexpected character ('\"' (code 34)):"
                            + " was expecting a colon to separate field name and value");
        }

        @Test
        void truncatedJson() {
            assertRejected(
                    json("{'eventId':'e','ticketId':'t'"),
                    RejectReason.MALFORMED_JSON,
                    null,
                    "malformed JSON at line 1, column 30: Unexpected end-of-input: expected close marker for Object"
                            + " (start marker at line 1, column 1)");
        }

        @Test
        void trailingGarbageAfterTheObject() {
            byte[] valid = bytes(base());
            byte[] input = Arrays.copyOf(valid, valid.length + 4);
            System.arraycopy(" xyz".getBytes(StandardCharsets.US_ASCII), 0, input, valid.length, 4);

            assertRejected(
                    input,
                    RejectReason.MALFORMED_JSON,
                    null,
                    "malformed JSON at line 1, column " + (valid.length + 5)
                            + ": unexpected content after the JSON object");
        }

        @Test
        void aSecondObjectAfterTheFirst() {
            byte[] input = json(
                    "{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED','occurredAt':'2026-11-20T09:15:00Z'}\n{}");

            assertRejected(
                    input,
                    RejectReason.MALFORMED_JSON,
                    null,
                    "malformed JSON at line 2, column 1: unexpected content after the JSON object");
        }

        @Test
        void topLevelArray() {
            assertRejected(
                    json("[{'eventId':'e'}]"),
                    RejectReason.NOT_AN_OBJECT,
                    null,
                    "expected a JSON object, found an array");
        }

        @Test
        void topLevelScalar() {
            assertRejected(json("'INC-1'"), RejectReason.NOT_AN_OBJECT, null, "expected a JSON object, found a string");
        }

        @Test
        void missingRequiredField() {
            ObjectNode n = base();
            n.remove("ticketId");

            assertRejected(bytes(n), RejectReason.MISSING_FIELD, "ticketId", "ticketId: required field is missing");
        }

        @Test
        void firstMissingFieldInContractOrder() {
            assertRejected(json("{}"), RejectReason.MISSING_FIELD, "eventId", "eventId: required field is missing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"eventId", "ticketId", "clientId", "type", "occurredAt"})
        void nullForARequiredField(String field) {
            assertRejected(
                    bytes(base().putNull(field)),
                    RejectReason.MISSING_FIELD,
                    field,
                    field + ": required field is null");
        }

        @Test
        void numberForAStringField() {
            assertRejected(
                    bytes(base().put("ticketId", 1001)),
                    RejectReason.WRONG_TYPE,
                    "ticketId",
                    "ticketId: expected a string, found a number");
        }

        @Test
        void booleanForAnOptionalStringField() {
            assertRejected(
                    bytes(base().put("subject", true)),
                    RejectReason.WRONG_TYPE,
                    "subject",
                    "subject: expected a string or null, found a boolean");
        }

        @Test
        void objectForTheType() {
            ObjectNode n = base();
            n.putObject("type").put("name", "CREATED");

            assertRejected(bytes(n), RejectReason.WRONG_TYPE, "type", "type: expected a string, found an object");
        }

        @Test
        void epochNumberForOccurredAt() {
            assertRejected(
                    bytes(base().put("occurredAt", 1795160100000L)),
                    RejectReason.WRONG_TYPE,
                    "occurredAt",
                    "occurredAt: expected a string, found a number");
        }

        @Test
        void unknownType() {
            assertRejected(
                    bytes(base().put("type", "OPENED")),
                    RejectReason.UNKNOWN_TYPE,
                    "type",
                    "type: 'OPENED' is not one of " + TYPES);
        }

        @Test
        void typeNamesAreCaseSensitive() {
            assertRejected(
                    bytes(base().put("type", "Created")),
                    RejectReason.UNKNOWN_TYPE,
                    "type",
                    "type: 'Created' is not one of " + TYPES + " (type names are case-sensitive upper case)");
        }

        @Test
        void impossibleTimestamp() {
            assertRejected(
                    bytes(base().put("occurredAt", "2026-13-01T00:00:00Z")),
                    RejectReason.BAD_TIMESTAMP,
                    "occurredAt",
                    "occurredAt: '2026-13-01T00:00:00Z' is not an ISO-8601 timestamp with offset"
                            + " (e.g. 2026-11-20T09:15:00+01:00)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-20T09:15:00", "2026-11-20T09:15:00.250"})
        void timestampWithoutOffset(String local) {
            assertRejected(
                    bytes(base().put("occurredAt", local)),
                    RejectReason.BAD_TIMESTAMP,
                    "occurredAt",
                    "occurredAt: '" + local + "' has no UTC offset: add 'Z' or an offset such as '+01:00'");
        }

        @Test
        void minusZeroOffset() {
            assertRejected(
                    bytes(base().put("occurredAt", "2026-11-20T09:15:00-00:00")),
                    RejectReason.BAD_TIMESTAMP,
                    "occurredAt",
                    "occurredAt: '2026-11-20T09:15:00-00:00' has the offset -00:00"
                            + " ('local offset unknown'): write 'Z' for UTC");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2026-02-29T10:00:00Z",
                    "2026-04-31T10:00:00Z",
                    "2026-11-20T24:00:00Z",
                    "2026-11-20T09:60:00Z",
                    "2026-11-20T09:15:60Z",
                    "2026-11-20T09:15+01:00",
                    "2026-11-20 09:15:00Z",
                    "2026-11-20t09:15:00z",
                    "2026-11-20T09:15:00+0100",
                    "2026-11-20T09:15:00+01",
                    "2026-11-20T09:15:00+18:01",
                    "2026-11-20T09:15:00+01:60",
                    "2026-11-20T09:15:00.Z",
                    "2026-11-20T09:15:00.1234567890Z",
                    "2026-11-20T09:15:00ZZ",
                    "+2026-11-20T09:15:00Z",
                    "20261120T091500Z",
                    "2026-11-20",
                    "",
                    "yesterday",
                    "2026-11-20T09:15:00Z[Europe/Paris]",
                    "2026-11-20T09:15:00 Z"
                })
        void malformedTimestamps(String timestamp) {
            Rejection r = rejected(bytes(base().put("occurredAt", timestamp)));

            assertThat(r.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
            assertThat(r.message())
                    .isEqualTo("occurredAt: '" + timestamp
                            + "' is not an ISO-8601 timestamp with offset (e.g. 2026-11-20T09:15:00+01:00)");
        }

        @Test
        void longValuesAreCutInMessages() {
            String junk = "x".repeat(500);

            Rejection r = rejected(bytes(base().put("occurredAt", junk)));

            assertThat(r.message())
                    .isEqualTo(
                            "occurredAt: '" + "x".repeat(80)
                                    + "...' (500 chars) is not an ISO-8601 timestamp with offset (e.g. 2026-11-20T09:15:00+01:00)");
        }

        @Test
        void fieldTooLong() {
            assertRejected(
                    bytes(base().put("subject", "s".repeat(1025))),
                    RejectReason.FIELD_TOO_LONG,
                    "subject",
                    "subject: 1025 characters, longer than the limit of 1024");
        }

        @Test
        void idTooLongCountedInCodePoints() {
            assertRejected(
                    bytes(base().put("eventId", "🎫".repeat(257))),
                    RejectReason.FIELD_TOO_LONG,
                    "eventId",
                    "eventId: 257 characters, longer than the limit of 256");
        }

        @Test
        void unknownSource() {
            assertRejected(
                    bytes(base().put("source", "fax")),
                    RejectReason.BAD_VALUE,
                    "source",
                    "source: 'fax' is not one of email, phone, portal, chat, monitoring, api");
        }

        @ParameterizedTest
        @ValueSource(strings = {"P0", "p1", "P10", "1", "", "High"})
        void badPriority(String priority) {
            assertRejected(
                    bytes(base().put("priority", priority)),
                    RejectReason.BAD_VALUE,
                    "priority",
                    "priority: '" + priority + "' is not a priority P1..P9");
        }

        @Test
        void emptyId() {
            assertRejected(
                    bytes(base().put("clientId", "")),
                    RejectReason.BAD_VALUE,
                    "clientId",
                    "clientId: must not be empty");
        }

        @Test
        void duplicateContractField() {
            byte[] input = json("{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED',"
                    + "'occurredAt':'2026-11-20T09:15:00Z','ticketId':'other'}");

            assertRejected(input, RejectReason.DUPLICATE_FIELD, "ticketId", "ticketId: field appears more than once");
        }

        @Test
        void duplicateContractFieldEvenWhenTheFirstIsNull() {
            byte[] input = json("{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED',"
                    + "'occurredAt':'2026-11-20T09:15:00Z','actor':null,'actor':'bob'}");

            assertRejected(input, RejectReason.DUPLICATE_FIELD, "actor", "actor: field appears more than once");
        }

        @Test
        void duplicateExtraField() {
            byte[] input = json("{'eventId':'e','ticketId':'t','clientId':'c','type':'CREATED',"
                    + "'occurredAt':'2026-11-20T09:15:00Z','site':'Lyon','site':'Paris'}");

            assertRejected(input, RejectReason.DUPLICATE_FIELD, "site", "site: field appears more than once");
        }

        @Test
        void assignedWithoutAssignee() {
            assertRejected(
                    bytes(base().put("type", "ASSIGNED")),
                    RejectReason.MISSING_REQUIRED_FOR_TYPE,
                    "assignee",
                    "assignee: required for type ASSIGNED but missing");
        }

        @Test
        void statusChangedWithNullStatus() {
            assertRejected(
                    bytes(base().put("type", "STATUS_CHANGED").putNull("status")),
                    RejectReason.MISSING_REQUIRED_FOR_TYPE,
                    "status",
                    "status: required for type STATUS_CHANGED but null");
        }

        @Test
        void assignedWithEmptyAssignee() {
            assertRejected(
                    bytes(base().put("type", "ASSIGNED").put("assignee", "")),
                    RejectReason.MISSING_REQUIRED_FOR_TYPE,
                    "assignee",
                    "assignee: required for type ASSIGNED but empty");
        }

        @Test
        void priorityChangedWithoutPriority() {
            assertRejected(
                    bytes(base().put("type", "PRIORITY_CHANGED")),
                    RejectReason.MISSING_REQUIRED_FOR_TYPE,
                    "priority",
                    "priority: required for type PRIORITY_CHANGED but missing");
        }

        @Test
        void theFirstProblemInDocumentOrderWins() {
            byte[] input = json("{'type':'OPENED','ticketId':5}");

            assertRejected(input, RejectReason.UNKNOWN_TYPE, "type", "type: 'OPENED' is not one of " + TYPES);
        }
    }

    @Test
    void survivesJavaSerializationAsAFlinkFunctionFieldWould() throws Exception {
        TicketEventDeserializer limited = new TicketEventDeserializer(4096);
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(buffer)) {
            out.writeObject(limited);
        }

        TicketEventDeserializer copy;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(buffer.toByteArray()))) {
            copy = (TicketEventDeserializer) in.readObject();
        }

        assertThat(copy.maxPayloadBytes()).isEqualTo(4096);
        assertThat(copy.parse(bytes(base()))).isEqualTo(limited.parse(bytes(base())));
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> new TicketEventDeserializer(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPayloadBytes must be positive, was 0");
    }
}
