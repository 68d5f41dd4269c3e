package io.slaflow.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one input record (a Kafka value or a line of a {@code .jsonl} file) into a {@link TicketEvent},
 * or into a {@link Rejection} that says precisely what is wrong. Never throws for bad input.
 *
 * <p>The contract is {@code schemas/ticket-event.schema.json}; this class enforces it, plus what a schema
 * cannot say: a size limit, UTF-8 only, exactly one JSON object with nothing after it, no duplicate
 * top-level keys. The first problem met reading the document in order is reported; missing fields and
 * per-type requirements are checked once the object has closed.
 *
 * <p>Runs on the hot path of the ingest operator, so it streams: one pass with Jackson's {@link JsonParser},
 * no tree, no exceptions and no regular expressions for valid input. Unknown fields are copied into
 * {@link TicketEvent#extra} as compact JSON: numbers keep their exact text, strings are re-escaped
 * minimally (a character written as a Unicode escape comes back as the character itself).
 *
 * <p>Thread-safe: it holds only an immutable limit and a {@link JsonFactory}, which is thread-safe.
 * Serializable, so a Flink function may keep one as a field.
 */
public final class TicketEventDeserializer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final byte[] NO_BYTES = new byte[0];
    /** Longest excerpt of an offending value quoted in a message: messages stay readable in logs. */
    private static final int MAX_QUOTED_CHARS = 80;

    static final String SOURCES_TEXT = "email, phone, portal, chat, monitoring, api";
    private static final String TYPES_TEXT =
            Stream.of(EventType.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final Map<String, EventType> TYPES_BY_NAME =
            Stream.of(EventType.values()).collect(Collectors.toUnmodifiableMap(Enum::name, t -> t));

    private final int maxPayloadBytes;
    private final JsonFactory factory;

    public TicketEventDeserializer() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    public TicketEventDeserializer(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        // Defaults are the strict RFC 8259 grammar: no comments, no single quotes, no NaN, no leading zeros.
        this.factory = new JsonFactory();
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Parses one record; {@code null} counts as empty. */
    public ParseResult parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return rejected(RejectReason.EMPTY, "payload is empty", null, bytes == null ? NO_BYTES : bytes);
        }
        if (bytes.length > maxPayloadBytes) {
            return rejected(
                    RejectReason.OVERSIZED,
                    "payload is " + bytes.length + " bytes, larger than the limit of " + maxPayloadBytes + " bytes",
                    null,
                    bytes);
        }
        if (looksLikeUtf16Or32(bytes)) {
            // Jackson would silently auto-detect these; the contract (and the dead-letter text) is UTF-8.
            return rejected(
                    RejectReason.INVALID_UTF8, "payload is not UTF-8: it looks like UTF-16 or UTF-32", null, bytes);
        }
        StrictUtf8.Problem notUtf8 = StrictUtf8.firstProblem(bytes);
        if (notUtf8 != null) {
            return rejected(RejectReason.INVALID_UTF8, "payload is not valid UTF-8 " + notUtf8, null, bytes);
        }
        Reading reading = new Reading(bytes);
        try (JsonParser parser = factory.createParser(bytes)) {
            return reading.read(parser);
        } catch (JsonProcessingException | CharConversionException e) {
            return reading.failed(e);
        } catch (IOException | RuntimeException e) {
            // Not expected from an in-memory parser; still a property of this input, not a crash of the job.
            return rejected(RejectReason.MALFORMED_JSON, "unreadable payload: " + e, null, bytes);
        } finally {
            reading.close();
        }
    }

    /**
     * Valid UTF-8 JSON starts with ASCII (whitespace, a bracket, a quote...) or a UTF-8 BOM, so a NUL in
     * the first two bytes or a UTF-16 BOM means another encoding.
     */
    private static boolean looksLikeUtf16Or32(byte[] b) {
        if (b[0] == 0 || (b.length > 1 && b[1] == 0)) {
            return true;
        }
        return b.length > 1
                && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE));
    }

    private static ParseResult rejected(RejectReason reason, String message, String field, byte[] original) {
        return new ParseResult.Rejected(new Rejection(reason, message, field, original));
    }

    /** The state of one parse call; lives on one thread for one record. */
    private final class Reading {
        private final byte[] bytes;
        private final TicketEvent event = new TicketEvent();
        /** Contract fields met so far, one bit per {@link ContractField#ordinal()}. */
        private int seen;

        private boolean objectClosed;
        // Created only for the first unknown field: most events have none.
        private StringWriter extraText;
        private JsonGenerator extraWriter;

        Reading(byte[] bytes) {
            this.bytes = bytes;
        }

        ParseResult read(JsonParser p) throws IOException {
            JsonToken token = p.nextToken();
            if (token == null) {
                return rejected(RejectReason.EMPTY, "payload contains only whitespace", null, bytes);
            }
            if (token != JsonToken.START_OBJECT) {
                return rejected(
                        RejectReason.NOT_AN_OBJECT, "expected a JSON object, found " + describe(token), null, bytes);
            }
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (StrictUtf8.unpairedSurrogate(name) >= 0) {
                    return notUnicode(null, "a field name", StrictUtf8.unpairedSurrogate(name));
                }
                JsonToken value = p.nextToken();
                ContractField field = ContractField.byJsonName(name);
                ParseResult problem = field == null ? readExtra(p, name) : readContractField(p, field, value);
                if (problem != null) {
                    return problem;
                }
            }
            objectClosed = true; // the parser only ends an object's field loop at END_OBJECT (or throws)
            if (p.nextToken() != null) {
                return trailingContent(p.currentTokenLocation());
            }
            ParseResult problem = checkRequired();
            if (problem == null) {
                problem = checkRequiredForType();
            }
            return problem != null ? problem : new ParseResult.Accepted(event);
        }

        private ParseResult readExtra(JsonParser p, String name) throws IOException {
            String json = copyAsCompactJson(p);
            if (json == null) {
                return notUnicode(name, "its value", -1);
            }
            if (event.extra.put(name, json) != null) {
                return duplicate(name);
            }
            return null;
        }

        private ParseResult readContractField(JsonParser p, ContractField field, JsonToken value) throws IOException {
            int bit = 1 << field.ordinal();
            if ((seen & bit) != 0) {
                return duplicate(field.jsonName());
            }
            seen |= bit;
            switch (field) {
                case EVENT_ID:
                case TICKET_ID:
                case CLIENT_ID:
                    return readRequiredString(p, field, value);
                case TYPE:
                    return readType(p, value);
                case OCCURRED_AT:
                    return readOccurredAt(p, value);
                default:
                    return readOptionalString(p, field, value);
            }
        }

        private ParseResult readRequiredString(JsonParser p, ContractField field, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return fieldProblem(RejectReason.MISSING_FIELD, field, "required field is null");
            }
            if (value != JsonToken.VALUE_STRING) {
                return wrongType(field, "a string", value);
            }
            ParseResult notText = checkUnicode(p, field);
            if (notText != null) {
                return notText;
            }
            String text = p.getText();
            if (text.isEmpty()) {
                return fieldProblem(RejectReason.BAD_VALUE, field, "must not be empty");
            }
            ParseResult tooLong = checkLength(field, text);
            if (tooLong != null) {
                return tooLong;
            }
            switch (field) {
                case EVENT_ID:
                    event.eventId = text;
                    break;
                case TICKET_ID:
                    event.ticketId = text;
                    break;
                default:
                    event.clientId = text;
                    break;
            }
            return null;
        }

        private ParseResult readType(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return fieldProblem(RejectReason.MISSING_FIELD, ContractField.TYPE, "required field is null");
            }
            if (value != JsonToken.VALUE_STRING) {
                return wrongType(ContractField.TYPE, "a string", value);
            }
            ParseResult notText = checkUnicode(p, ContractField.TYPE);
            if (notText != null) {
                return notText;
            }
            String text = p.getText();
            EventType type = TYPES_BY_NAME.get(text);
            if (type == null) {
                String hint = TYPES_BY_NAME.containsKey(text.toUpperCase(Locale.ROOT))
                        ? " (type names are case-sensitive upper case)"
                        : "";
                return fieldProblem(
                        RejectReason.UNKNOWN_TYPE,
                        ContractField.TYPE,
                        quote(text) + " is not one of " + TYPES_TEXT + hint);
            }
            event.type = type;
            return null;
        }

        private ParseResult readOccurredAt(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return fieldProblem(RejectReason.MISSING_FIELD, ContractField.OCCURRED_AT, "required field is null");
            }
            if (value != JsonToken.VALUE_STRING) {
                return wrongType(ContractField.OCCURRED_AT, "a string", value);
            }
            ParseResult notText = checkUnicode(p, ContractField.OCCURRED_AT);
            if (notText != null) {
                return notText;
            }
            // Read the parser's buffer in place: no String for the common, valid case.
            long millis = OffsetTimestamp.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (millis == OffsetTimestamp.NO_OFFSET) {
                return fieldProblem(
                        RejectReason.BAD_TIMESTAMP,
                        ContractField.OCCURRED_AT,
                        quote(p.getText()) + " has no UTC offset: add 'Z' or an offset such as '+01:00'");
            }
            if (millis == OffsetTimestamp.UNKNOWN_LOCAL_OFFSET) {
                return fieldProblem(
                        RejectReason.BAD_TIMESTAMP,
                        ContractField.OCCURRED_AT,
                        quote(p.getText()) + " has the offset -00:00 ('local offset unknown'): write 'Z' for UTC");
            }
            if (millis == OffsetTimestamp.INVALID) {
                return fieldProblem(
                        RejectReason.BAD_TIMESTAMP,
                        ContractField.OCCURRED_AT,
                        quote(p.getText())
                                + " is not an ISO-8601 timestamp with offset (e.g. 2026-11-20T09:15:00+01:00)");
            }
            event.occurredAt = millis;
            return null;
        }

        private ParseResult readOptionalString(JsonParser p, ContractField field, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null; // explicitly unknown: same as absent
            }
            if (value != JsonToken.VALUE_STRING) {
                return wrongType(field, "a string or null", value);
            }
            ParseResult notText = checkUnicode(p, field);
            if (notText != null) {
                return notText;
            }
            String text = p.getText();
            switch (field) {
                case SOURCE:
                    if (!isKnownSource(text)) {
                        return fieldProblem(
                                RejectReason.BAD_VALUE, field, quote(text) + " is not one of " + SOURCES_TEXT);
                    }
                    event.source = text;
                    return null;
                case PRIORITY:
                    if (!isPriority(text)) {
                        return fieldProblem(RejectReason.BAD_VALUE, field, quote(text) + " is not a priority P1..P9");
                    }
                    event.priority = text;
                    return null;
                default:
                    break;
            }
            ParseResult tooLong = checkLength(field, text);
            if (tooLong != null) {
                return tooLong;
            }
            switch (field) {
                case SUBJECT:
                    event.subject = text;
                    break;
                case DESCRIPTION:
                    event.description = text;
                    break;
                case STATUS:
                    event.status = text;
                    break;
                case ASSIGNEE:
                    event.assignee = text;
                    break;
                default:
                    event.actor = text;
                    break;
            }
            return null;
        }

        /** A string value that is not Unicode text (an escaped lone surrogate) is refused before anything uses it. */
        private ParseResult checkUnicode(JsonParser p, ContractField field) throws IOException {
            int at = StrictUtf8.unpairedSurrogate(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            return at < 0 ? null : notUnicode(field.jsonName(), "its value", at);
        }

        /**
         * BAD_VALUE for a string holding an unpaired UTF-16 surrogate. The message never quotes the string: it could
         * not be written as UTF-8 (the dead letter itself would fail to serialize).
         */
        private ParseResult notUnicode(String field, String what, int index) {
            String where = index >= 0 ? " at character " + index : "";
            return rejected(
                    RejectReason.BAD_VALUE,
                    (field == null ? "" : field + ": ") + what
                            + " holds an unpaired UTF-16 surrogate" + where
                            + " (a \\uD800-\\uDFFF escape that is not half of a pair):"
                            + " it is not Unicode text",
                    field,
                    bytes);
        }

        private ParseResult checkLength(ContractField field, String text) {
            int max = field.maxLength();
            // UTF-16 units are never fewer than code points: count code points only when it can matter.
            if (max > 0 && text.length() > max) {
                int codePoints = text.codePointCount(0, text.length());
                if (codePoints > max) {
                    return fieldProblem(
                            RejectReason.FIELD_TOO_LONG,
                            field,
                            codePoints + " characters, longer than the limit of " + max);
                }
            }
            return null;
        }

        private ParseResult checkRequired() {
            for (ContractField field : REQUIRED) {
                if ((seen & (1 << field.ordinal())) == 0) {
                    return fieldProblem(RejectReason.MISSING_FIELD, field, "required field is missing");
                }
            }
            return null;
        }

        private ParseResult checkRequiredForType() {
            switch (event.type) {
                case ASSIGNED:
                    return requireForType(ContractField.ASSIGNEE, event.assignee);
                case STATUS_CHANGED:
                    return requireForType(ContractField.STATUS, event.status);
                case PRIORITY_CHANGED:
                    return requireForType(ContractField.PRIORITY, event.priority);
                default:
                    return null;
            }
        }

        private ParseResult requireForType(ContractField field, String value) {
            if (value != null && !value.isEmpty()) {
                return null;
            }
            String found = (seen & (1 << field.ordinal())) == 0 ? "missing" : value == null ? "null" : "empty";
            return fieldProblem(
                    RejectReason.MISSING_REQUIRED_FOR_TYPE, field, "required for type " + event.type + " but " + found);
        }

        /**
         * Copies the current value (scalar, object or array) as compact JSON. Hand-rolled rather than
         * {@code copyCurrentStructure} because that re-renders floats through {@code double} ({@code 1.10}
         * would become {@code 1.1}, {@code 1e400} Infinity); here numbers keep their exact text.
         */
        private String copyAsCompactJson(JsonParser p) throws IOException {
            switch (p.currentToken()) {
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return p.getText();
                case VALUE_TRUE:
                    return "true";
                case VALUE_FALSE:
                    return "false";
                case VALUE_NULL:
                    return "null";
                default:
                    break;
            }
            JsonGenerator g = extraWriter();
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                switch (t) {
                    case START_OBJECT:
                        g.writeStartObject();
                        depth++;
                        break;
                    case END_OBJECT:
                        g.writeEndObject();
                        depth--;
                        break;
                    case START_ARRAY:
                        g.writeStartArray();
                        depth++;
                        break;
                    case END_ARRAY:
                        g.writeEndArray();
                        depth--;
                        break;
                    case FIELD_NAME:
                        if (StrictUtf8.unpairedSurrogate(p.currentName()) >= 0) return notText(g);
                        g.writeFieldName(p.currentName());
                        break;
                    case VALUE_STRING:
                        if (StrictUtf8.unpairedSurrogate(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())
                                >= 0) {
                            return notText(g);
                        }
                        g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        g.writeNumber(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        break;
                    case VALUE_TRUE:
                        g.writeBoolean(true);
                        break;
                    case VALUE_FALSE:
                        g.writeBoolean(false);
                        break;
                    case VALUE_NULL:
                        g.writeNull();
                        break;
                    default:
                        throw new IllegalStateException("unexpected token " + t);
                }
            } while (depth > 0 && p.nextToken() != null);
            g.flush();
            String json = extraText.toString();
            extraText.getBuffer().setLength(0);
            return json;
        }

        /** Abandons a half-copied extra value (it holds a string that is not Unicode text): null tells the caller. */
        private String notText(JsonGenerator g) throws IOException {
            g.flush();
            extraText.getBuffer().setLength(0);
            extraWriter.close();
            extraWriter = null; // the generator's nesting state is mid-value: start afresh if ever needed again
            return null;
        }

        private JsonGenerator extraWriter() throws IOException {
            if (extraWriter == null) {
                extraText = new StringWriter();
                extraWriter = factory.createGenerator(extraText);
                extraWriter.setRootValueSeparator(null); // values are written one after another, then cut
            }
            return extraWriter;
        }

        ParseResult failed(IOException e) {
            JsonLocation where = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
            if (objectClosed) {
                return trailingContent(where);
            }
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            if (e instanceof CharConversionException || (detail != null && detail.startsWith("Invalid UTF-8"))) {
                return rejected(
                        RejectReason.INVALID_UTF8,
                        "payload is not valid UTF-8" + at(where) + ": " + detail,
                        null,
                        bytes);
            }
            return rejected(
                    RejectReason.MALFORMED_JSON, "malformed JSON" + at(where) + ": " + tidy(detail), null, bytes);
        }

        private ParseResult trailingContent(JsonLocation where) {
            return rejected(
                    RejectReason.MALFORMED_JSON,
                    "malformed JSON" + at(where) + ": unexpected content after the JSON object",
                    null,
                    bytes);
        }

        private ParseResult duplicate(String name) {
            return rejected(RejectReason.DUPLICATE_FIELD, name + ": field appears more than once", name, bytes);
        }

        private ParseResult wrongType(ContractField field, String expected, JsonToken found) {
            return fieldProblem(RejectReason.WRONG_TYPE, field, "expected " + expected + ", found " + describe(found));
        }

        private ParseResult fieldProblem(RejectReason reason, ContractField field, String what) {
            return rejected(reason, field.jsonName() + ": " + what, field.jsonName(), bytes);
        }

        void close() {
            if (extraWriter != null) {
                try {
                    extraWriter.close(); // hands its buffer back to Jackson's recycler
                } catch (IOException ignored) {
                    // a StringWriter cannot fail
                }
            }
        }
    }

    private static final ContractField[] REQUIRED = {
        ContractField.EVENT_ID,
        ContractField.TICKET_ID,
        ContractField.CLIENT_ID,
        ContractField.TYPE,
        ContractField.OCCURRED_AT
    };

    static boolean isKnownSource(String s) {
        switch (s) {
            case "email":
            case "phone":
            case "portal":
            case "chat":
            case "monitoring":
            case "api":
                return true;
            default:
                return false;
        }
    }

    /** {@code ^P[1-9]$} without a regex. */
    static boolean isPriority(String s) {
        return s.length() == 2 && s.charAt(0) == 'P' && s.charAt(1) >= '1' && s.charAt(1) <= '9';
    }

    private static String at(JsonLocation where) {
        if (where == null || where.getLineNr() < 0) {
            return "";
        }
        return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** {@code 'value'}, cut at {@link #MAX_QUOTED_CHARS} so a huge bad value does not flood the logs. */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_CHARS) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, MAX_QUOTED_CHARS) + "...' (" + value.length() + " chars)";
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    /**
     * Jackson's own message, with its embedded location ({@code [Source: REDACTED ...; line: 1, column: 1]})
     * shortened to {@code line 1, column 1}. Runs on the reject path only.
     */
    static String tidy(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "unreadable input";
        }
        return JACKSON_LOCATION.matcher(jacksonMessage).replaceAll("line $1, column $2");
    }

    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
}
