package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00.123Z");

    private final TicketEventDeserializer deserializer = new TicketEventDeserializer();

    private Rejection reject(byte[] input) {
        return ((ParseResult.Rejected) deserializer.parse(input)).rejection();
    }

    @Test
    void carriesTheRejectionAndTheOriginalBytes() {
        byte[] input = "{\"eventId\":\"e\",\"type\":\"OPENED\"}".getBytes(StandardCharsets.UTF_8);
        Rejection rejection = reject(input);

        DeadLetter d = DeadLetter.of(rejection, DeadLetter.Source.kafka("ticket-events", 3, 42L), NOW);

        assertThat(d.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
        assertThat(d.message()).isEqualTo(rejection.message());
        assertThat(d.field()).isEqualTo("type");
        assertThat(d.rejectedAt()).isEqualTo(NOW);
        assertThat(d.originalBytes()).isEqualTo(input);
        assertThat(d.originalBase64()).isEqualTo(Base64.getEncoder().encodeToString(input));
        assertThat(d.originalText()).isEqualTo(new String(input, StandardCharsets.UTF_8));
        assertThat(d.source()).isEqualTo(new DeadLetter.Source("ticket-events", "3", "42", null, null));
    }

    @Test
    void invalidUtf8HasNoTextButKeepsEveryByte() {
        byte[] input = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        DeadLetter d = DeadLetter.of(reject(input), null, NOW);

        assertThat(d.originalText()).isNull();
        assertThat(d.originalBytes()).isEqualTo(input);
    }

    @Test
    void theIdIsDeterministicPerBytesAndPosition() {
        Rejection rejection = reject("[]".getBytes(StandardCharsets.UTF_8));
        DeadLetter.Source here = DeadLetter.Source.file("replay/2026-11.jsonl", 17);

        String id = DeadLetter.of(rejection, here, NOW).id();

        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(DeadLetter.of(rejection, here, NOW.plusSeconds(60)).id())
                .as("time is not part of it")
                .isEqualTo(id);
        assertThat(DeadLetter.of(rejection, DeadLetter.Source.file("replay/2026-11.jsonl", 18), NOW)
                        .id())
                .isNotEqualTo(id);
        assertThat(DeadLetter.of(rejection, null, NOW).id()).isNotEqualTo(id);
        assertThat(DeadLetter.of(reject("[1]".getBytes(StandardCharsets.UTF_8)), here, NOW)
                        .id())
                .isNotEqualTo(id);
    }

    @Test
    void aSourceIsOneCompletePosition() {
        assertThatThrownBy(() -> new DeadLetter.Source("topic", null, "1", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadLetter.Source("topic", "0", "1", "file", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonHasTheDocumentedShapeAndReadsBack() throws Exception {
        byte[] input = "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of(reject(input), DeadLetter.Source.kafka("ticket-events", 0, 7L), NOW);

        byte[] json = DeadLetterJson.toJsonBytes(d);
        JsonNode node = ContractSchemas.MAPPER.readTree(json);

        assertThat(node.get("reason").asText()).isEqualTo("MISSING_FIELD");
        assertThat(node.get("message").asText()).isEqualTo("ticketId: required field is missing");
        assertThat(node.get("rejectedAt").asText()).isEqualTo("2026-11-20T10:00:00.123Z");
        assertThat(node.get("originalText").asText()).isEqualTo("{\"eventId\":\"e\"}");
        assertThat(node.get("source").get("offset").asText()).isEqualTo("7");
        assertThat(node.has("recordTime")).as("written only when known").isFalse();
        assertThat(DeadLetterJson.fromJson(json)).isEqualTo(d);
        assertThat(d.ownTime())
                .as("without the record's time: when it was refused")
                .isEqualTo(NOW);

        DeadLetter dated = DeadLetter.of(
                reject(input),
                DeadLetter.Source.kafka("ticket-events", 0, 7L),
                NOW,
                Instant.parse("2026-11-19T23:00:00Z"));
        byte[] datedJson = DeadLetterJson.toJsonBytes(dated);
        assertThat(ContractSchemas.MAPPER.readTree(datedJson).get("recordTime").asText())
                .isEqualTo("2026-11-19T23:00:00Z");
        assertThat(ContractSchemas.validate(ContractSchemas.DEAD_LETTER, datedJson))
                .isEmpty();
        assertThat(DeadLetterJson.fromJson(datedJson)).isEqualTo(dated);
        assertThat(dated.ownTime()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(dated.id()).as("the id does not depend on either time").isEqualTo(d.id());
    }

    @Test
    void everyKindOfDeadLetterMatchesItsSchema() {
        List<DeadLetter> letters = new ArrayList<>();
        for (String folder : List.of("invalid", "beyond-schema")) {
            for (var file : ContractSchemas.examples(folder)) {
                letters.add(DeadLetter.of(
                        reject(ContractSchemas.read(file)), DeadLetter.Source.file(file.toString(), 1), NOW));
            }
        }
        letters.add(DeadLetter.of(reject(new byte[0]), null, NOW));
        letters.add(DeadLetter.of(
                reject(new byte[70_000]), DeadLetter.Source.kafka("ticket-events", 11, Long.MAX_VALUE), NOW));
        for (RejectReason enforcement : RejectReason.values()) {
            if (!enforcement.isContractViolation()) { // given by the enforcer to valid events (re-serialized)
                byte[] event =
                        "{\"eventId\":\"e\",\"ticketId\":\"T\",\"clientId\":\"c\",\"type\":\"CLOSED\",\"occurredAt\":\"2026-11-16T10:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8);
                letters.add(
                        DeadLetter.of(new Rejection(enforcement, "refused: " + enforcement, null, event), null, NOW));
            }
        }

        for (DeadLetter d : letters) {
            assertThat(ContractSchemas.validate(ContractSchemas.DEAD_LETTER, DeadLetterJson.toJsonBytes(d)))
                    .as(d.reason() + ": " + d.message())
                    .isEmpty();
            assertThat(DeadLetterJson.fromJson(DeadLetterJson.toJsonBytes(d))).isEqualTo(d);
        }
        assertThat(letters.stream().map(DeadLetter::reason).distinct()).hasSize(RejectReason.values().length);
    }

    @Test
    void theSchemaListsExactlyTheRejectReasons() {
        JsonNode reasons =
                ContractSchemas.schemaJson("/schemas/dead-letter.schema.json").at("/properties/reason/enum");

        List<String> names = new ArrayList<>();
        reasons.forEach(n -> names.add(n.asText()));

        assertThat(names)
                .containsExactly(
                        Stream.of(RejectReason.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void theSchemaRejectsADeadLetterWithoutItsOriginal() throws Exception {
        DeadLetter d = DeadLetter.of(reject("[]".getBytes(StandardCharsets.UTF_8)), null, NOW);
        var node = (com.fasterxml.jackson.databind.node.ObjectNode)
                ContractSchemas.MAPPER.readTree(DeadLetterJson.toJsonBytes(d));
        node.remove("originalBase64");

        assertThat(ContractSchemas.validate(
                        ContractSchemas.DEAD_LETTER, ContractSchemas.MAPPER.writeValueAsBytes(node)))
                .isNotEmpty();
        assertThatThrownBy(() -> DeadLetterJson.fromJson(ContractSchemas.MAPPER.writeValueAsBytes(node)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("originalBase64 is missing");
    }
}
