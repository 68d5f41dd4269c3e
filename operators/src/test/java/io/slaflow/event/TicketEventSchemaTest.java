package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schema and the deserializer describe the same contract: every example document is
 * accepted by both or rejected by both. Examples only the deserializer can judge (size, encoding, trailing
 * content, duplicate keys) live in {@code events/beyond-schema} and are checked against the deserializer.
 */
class TicketEventSchemaTest {
    private final TicketEventDeserializer deserializer = new TicketEventDeserializer();

    static Stream<Path> validExamples() {
        return ContractSchemas.examples("valid").stream();
    }

    static Stream<Path> invalidExamples() {
        return ContractSchemas.examples("invalid").stream();
    }

    static Stream<Path> beyondSchemaExamples() {
        return ContractSchemas.examples("beyond-schema").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void schemaAndDeserializerBothAcceptValidExamples(Path file) {
        byte[] json = ContractSchemas.read(file);

        Set<ValidationMessage> schemaErrors = ContractSchemas.validate(ContractSchemas.TICKET_EVENT, json);
        ParseResult result = deserializer.parse(json);

        assertThat(schemaErrors).as("schema errors").isEmpty();
        assertThat(result).as("deserializer result").isInstanceOf(ParseResult.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void schemaAndDeserializerBothRejectInvalidExamples(Path file) {
        byte[] json = ContractSchemas.read(file);

        Set<ValidationMessage> schemaErrors = ContractSchemas.validate(ContractSchemas.TICKET_EVENT, json);
        ParseResult result = deserializer.parse(json);

        assertThat(schemaErrors).as("schema errors").isNotEmpty();
        assertThat(result).as("deserializer result").isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) result).rejection().reason())
                .isEqualTo(ContractSchemas.expectedReason(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beyondSchemaExamples")
    void deserializerRejectsWhatTheSchemaCannotExpress(Path file) {
        ParseResult result = deserializer.parse(ContractSchemas.read(file));

        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) result).rejection().reason())
                .isEqualTo(ContractSchemas.expectedReason(file));
    }

    @Test
    void corpusCoversEveryRejectReason() {
        List<Path> rejects = new ArrayList<>(ContractSchemas.examples("invalid"));
        rejects.addAll(ContractSchemas.examples("beyond-schema"));

        // OVERSIZED needs a payload over the limit: TicketEventDeserializerTest builds one.
        assertThat(rejects.stream().map(ContractSchemas::expectedReason).distinct())
                .containsExactlyInAnyOrder(Stream.of(RejectReason.values())
                        .filter(r -> r != RejectReason.OVERSIZED && r.isContractViolation())
                        .toArray(RejectReason[]::new));
    }

    @Test
    void schemaTypeEnumIsExactlyTheEventTypes() {
        JsonNode typeEnum =
                ContractSchemas.schemaJson("/schemas/ticket-event.schema.json").at("/properties/type/enum");

        List<String> names = new ArrayList<>();
        typeEnum.forEach(n -> names.add(n.asText()));

        assertThat(names)
                .containsExactly(Stream.of(EventType.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void schemaLengthLimitsAreThoseTheDeserializerEnforces() {
        JsonNode properties =
                ContractSchemas.schemaJson("/schemas/ticket-event.schema.json").get("properties");

        for (ContractField field : ContractField.values()) {
            JsonNode maxLength = properties.get(field.jsonName()).get("maxLength");
            if (field.maxLength() == 0) {
                assertThat(maxLength).as(field.jsonName()).isNull();
            } else {
                assertThat(maxLength.asInt()).as(field.jsonName()).isEqualTo(field.maxLength());
            }
        }
        assertThat(properties.size())
                .as("every schema property is a ContractField")
                .isEqualTo(ContractField.values().length);
    }

    @Test
    void schemaSourceEnumIsWhatTheDeserializerAccepts() {
        JsonNode sourceEnum =
                ContractSchemas.schemaJson("/schemas/ticket-event.schema.json").at("/properties/source/enum");

        List<String> sources = new ArrayList<>();
        sourceEnum.forEach(n -> {
            if (!n.isNull()) {
                sources.add(n.asText());
            }
        });

        assertThat(String.join(", ", sources)).isEqualTo(TicketEventDeserializer.SOURCES_TEXT);
        assertThat(sources).allMatch(TicketEventDeserializer::isKnownSource);
    }
}
