package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The class of issue 18's items 4 and 6: text that is not Unicode must never pass as an event. The JDK's strict
 * decoder and encoder are the reference; the deserializer must agree with them on every input.
 */
class StrictUtf8Properties {
    private static final List<String> STRING_FIELDS =
            List.of("eventId", "ticketId", "clientId", "subject", "description", "status", "assignee", "actor", "note");
    private final TicketEventDeserializer deserializer = new TicketEventDeserializer();

    @Property(tries = 5000)
    void bytesAreUtf8ExactlyWhenTheStrictDecoderAcceptsThem(@ForAll("utf8ish") byte[] bytes) {
        assertThat(StrictUtf8.firstProblem(bytes) == null).as("%s", hex(bytes)).isEqualTo(jdkDecodes(bytes));
    }

    @Property(tries = 3000)
    void aStringHasAnUnpairedSurrogateExactlyWhenItHasNoUtf8Form(@ForAll("withSurrogates") String text) {
        assertThat(StrictUtf8.unpairedSurrogate(text) < 0).isEqualTo(jdkEncodes(text));
        char[] padded = ("ab" + text + "cd").toCharArray();
        assertThat(StrictUtf8.unpairedSurrogate(padded, 2, text.length()))
                .isEqualTo(StrictUtf8.unpairedSurrogate(text));
    }

    /** A valid event whose field holds the bytes: accepted only when they are UTF-8, refused as INVALID_UTF8 otherwise. */
    @Property(tries = 2000)
    void anEventIsAcceptedOnlyWhenItsBytesAreUtf8(@ForAll("utf8ish") byte[] inside) {
        byte[] head =
                "{\"eventId\":\"e\",\"ticketId\":\"t\",\"clientId\":\"c\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-20T09:15:00Z\",\"subject\":\""
                        .getBytes(StandardCharsets.UTF_8);
        byte[] clean = stripJsonSpecials(inside);
        byte[] input = new byte[head.length + clean.length + 2];
        System.arraycopy(head, 0, input, 0, head.length);
        System.arraycopy(clean, 0, input, head.length, clean.length);
        input[input.length - 2] = '"';
        input[input.length - 1] = '}';

        ParseResult r = deserializer.parse(input);
        if (jdkDecodes(clean)) {
            assertThat(r).isInstanceOf(ParseResult.Accepted.class);
            assertThat(((ParseResult.Accepted) r).event().subject).isEqualTo(new String(clean, StandardCharsets.UTF_8));
        } else {
            assertThat(r).isInstanceOf(ParseResult.Rejected.class);
            assertThat(((ParseResult.Rejected) r).rejection().reason()).isEqualTo(RejectReason.INVALID_UTF8);
        }
    }

    /**
     * Any string, written the way a producer's JSON library writes it (non-ASCII as escapes, so unpaired surrogates
     * survive into the bytes), in any string field: accepted with that exact text when it is Unicode text, BAD_VALUE
     * on that field when it is not. Either way the result can be written as UTF-8 (a dead letter's message too).
     */
    @Property(tries = 3000)
    void anyStringInAnyFieldIsEitherTextOrABadValue(
            @ForAll("withSurrogates") String text, @ForAll("stringField") String field) {
        String value = "t" + text; // never empty
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("eventId", "e");
        fields.put("ticketId", "t");
        fields.put("clientId", "c");
        fields.put("type", "CREATED");
        fields.put("occurredAt", "2026-11-20T09:15:00Z");
        fields.put(field, escapeAll(value));
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        String doc = json.append('}').toString();

        ParseResult r = deserializer.parse(doc.getBytes(StandardCharsets.US_ASCII));
        if (jdkEncodes(value)) {
            assertThat(r).as(doc).isInstanceOf(ParseResult.Accepted.class);
            TicketEvent e = ((ParseResult.Accepted) r).event();
            String got = switch (field) {
                case "eventId" -> e.eventId;
                case "ticketId" -> e.ticketId;
                case "clientId" -> e.clientId;
                case "subject" -> e.subject;
                case "description" -> e.description;
                case "status" -> e.status;
                case "assignee" -> e.assignee;
                case "actor" -> e.actor;
                default -> e.attribute(field);
            };
            assertThat(got).isEqualTo(value);
        } else {
            assertThat(r).as(doc).isInstanceOf(ParseResult.Rejected.class);
            Rejection rejection = ((ParseResult.Rejected) r).rejection();
            assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_VALUE);
            assertThat(rejection.field()).isEqualTo(field);
            assertThat(jdkEncodes(rejection.message()))
                    .as("the message is text")
                    .isTrue();
        }
    }

    @Provide
    Arbitrary<String> stringField() {
        return Arbitraries.of(STRING_FIELDS);
    }

    /** Mostly high bytes and valid sequences of every length, so the boundaries of each rule are hit. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> valid = Arbitraries.integers()
                .between(0, 0x10FFFF)
                .filter(c -> c < 0xD800 || c > 0xDFFF)
                .list()
                .ofMaxSize(6)
                .map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString().getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<Byte> interesting = Arbitraries.of(
                (byte) 0x80,
                (byte) 0x8F,
                (byte) 0x90,
                (byte) 0x9F,
                (byte) 0xA0,
                (byte) 0xBF,
                (byte) 0xC0,
                (byte) 0xC1,
                (byte) 0xC2,
                (byte) 0xDF,
                (byte) 0xE0,
                (byte) 0xED,
                (byte) 0xEF,
                (byte) 0xF0,
                (byte) 0xF4,
                (byte) 0xF5,
                (byte) 0xFF,
                (byte) 'a');
        Arbitrary<byte[]> edgy = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, interesting), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
                .list()
                .ofMaxSize(8)
                .map(list -> {
                    byte[] b = new byte[list.size()];
                    for (int i = 0; i < b.length; i++) b[i] = list.get(i);
                    return b;
                });
        return Arbitraries.oneOf(valid, edgy);
    }

    /** Strings over every plane, with unpaired and paired surrogates and control characters mixed in. */
    @Provide
    Arbitrary<String> withSurrogates() {
        Arbitrary<String> codePoint =
                Arbitraries.integers().between(0, 0x10FFFF).map(Character::toString);
        Arbitrary<String> surrogate =
                Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf);
        Arbitrary<String> control =
                Arbitraries.chars().range('\u0000', '\u001F').map(String::valueOf);
        return Arbitraries.oneOf(codePoint, codePoint, surrogate, control)
                .list()
                .ofMaxSize(8)
                .map(l -> String.join("", l));
    }

    private static boolean jdkDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean jdkEncodes(String text) {
        try {
            StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every character outside printable ASCII as a JSON escape, surrogates one by one. */
    private static String escapeAll(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /** Drops bytes that would end or escape the JSON string (quote, backslash, control characters). */
    private static byte[] stripJsonSpecials(byte[] in) {
        ByteBuffer out = ByteBuffer.allocate(in.length);
        for (byte b : in) if (b != '"' && b != '\\' && (b < 0 || b >= 0x20)) out.put(b);
        byte[] r = new byte[out.position()];
        out.flip().get(r);
        return r;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02X ", x));
        return s.toString().trim();
    }
}
