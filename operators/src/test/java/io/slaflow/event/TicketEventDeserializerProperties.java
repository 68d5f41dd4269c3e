package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, parse() answers with a result, never an exception, and a rejection keeps the bytes. */
class TicketEventDeserializerProperties {
    private static final String VALID = "{\"eventId\":\"evt-1\",\"ticketId\":\"INC-1\",\"clientId\":\"acme\","
            + "\"type\":\"ASSIGNED\",\"occurredAt\":\"2026-11-20T09:15:00.250+01:00\",\"assignee\":\"bob\","
            + "\"priority\":\"P2\",\"extra\":{\"a\":[1,2.5,true,null,\"x\"]}}";
    private static final List<String> FIELDS = List.of(
            "eventId",
            "ticketId",
            "clientId",
            "type",
            "occurredAt",
            "source",
            "subject",
            "priority",
            "status",
            "assignee",
            "actor",
            "extra",
            "other");

    private final TicketEventDeserializer deserializer = new TicketEventDeserializer(2048);

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        assertAnswers(bytes);
    }

    @Property(tries = 2000)
    void byteMutationsOfAValidEventNeverThrow(@ForAll("byteMutations") byte[] bytes) {
        assertAnswers(bytes);
    }

    @Property(tries = 2000)
    void jsonMutationsOfAValidEventNeverThrow(@ForAll("jsonMutations") String json) {
        assertAnswers(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertAnswers(byte[] bytes) {
        ParseResult result = deserializer.parse(bytes);

        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Rejected rejected) {
            assertThat(rejected.rejection().original()).isSameAs(bytes);
            assertThat(rejected.rejection().message()).isNotBlank();
            // The deserializer's last-resort catch says "unreadable payload": reaching it would hide a bug.
            assertThat(rejected.rejection().message()).doesNotStartWith("unreadable payload");
        } else {
            TicketEvent e = ((ParseResult.Accepted) result).event();
            assertThat(e.eventId).isNotEmpty();
            assertThat(e.type).isNotNull();
        }
    }

    /** The valid event with a few bytes overwritten, inserted or cut off. */
    @Provide
    Arbitrary<byte[]> byteMutations() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length - 1);
        Arbitrary<byte[]> overwrite = Combinators.combine(
                        position.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.bytes().list().ofSize(4))
                .as((positions, values) -> {
                    byte[] b = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        b[positions.get(i)] = values.get(i);
                    }
                    return b;
                });
        Arbitrary<byte[]> truncate = position.map(n -> java.util.Arrays.copyOf(valid, n));
        Arbitrary<byte[]> insert = Combinators.combine(
                        position, Arbitraries.strings().ofMaxLength(5))
                .as((at, text) ->
                        (VALID.substring(0, at) + text + VALID.substring(at)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(overwrite, truncate, insert);
    }

    /** Structurally valid JSON with fields removed, duplicated in spirit, or given values of any type. */
    @Provide
    Arbitrary<String> jsonMutations() {
        Arbitrary<JsonNode> anyValue = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(JsonNodeFactory.instance::textNode),
                Arbitraries.of(
                                "CREATED",
                                "ASSIGNED",
                                "created",
                                "P1",
                                "P0",
                                "email",
                                "fax",
                                "",
                                "2026-11-20T09:15:00Z",
                                "2026-11-20T09:15:00",
                                "2026-02-30T00:00:00Z")
                        .map(JsonNodeFactory.instance::textNode),
                Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.doubles().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
                Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.just(JsonNodeFactory.instance.arrayNode().add(1).add("x")),
                Arbitraries.just(JsonNodeFactory.instance.objectNode().put("k", "v")));
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        return Combinators.combine(
                        field.list().ofMaxSize(4),
                        anyValue.list().ofSize(4),
                        field.list().ofMaxSize(2))
                .as((changed, values, removed) -> {
                    ObjectNode n;
                    try {
                        n = (ObjectNode) ContractSchemas.MAPPER.readTree(VALID);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < changed.size(); i++) {
                        n.set(changed.get(i), values.get(i));
                    }
                    removed.forEach(n::remove);
                    return n.toString();
                });
    }
}
