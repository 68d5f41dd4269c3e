package io.slaflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.streams.OutputTags;
import io.slaflow.streams.TicketEventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseTicketEventsTest {
    private static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();

    private static RawRecord kafka(String json, long offset) {
        return RawRecord.fromKafka(json.getBytes(StandardCharsets.UTF_8), "ticket-events", 1, offset);
    }

    private static String created(String ticket, String at) {
        // fields deliberately not in the canonical order: the dead letter must keep these exact bytes
        return "{ \"subject\": \"printer jam\", \"ticketId\":\"" + ticket + "\",\"eventId\":\"" + ticket
                + "-c\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"" + at + "\"}";
    }

    @Test
    void anEventFromTooFarInTheFutureIsADeadLetterWithItsExactBytesAndNeverReachesEventTime() throws Exception {
        var parse = new ParseTicketEvents(64 * 1024, Duration.ofMinutes(5), () -> NOW);
        try (OneInputStreamOperatorTestHarness<RawRecord, TicketEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(parse)) {
            String skewed = created("T2", "2030-01-01T00:00:00Z");
            h.processElement(kafka(created("T1", "2026-11-22T12:05:00Z"), 1), 0);
            h.processElement(kafka(skewed, 2), 0);
            h.processElement(kafka(created("T3", "2020-01-01T00:00:00Z"), 3), 0);

            assertThat(h.extractOutputValues()).extracting(e -> e.ticketId).containsExactly("T1", "T3");
            assertThat(h.getSideOutput(OutputTags.DEAD_LETTERS)).singleElement().satisfies(r -> {
                assertThat(r.getValue().reason()).isEqualTo(RejectReason.CLOCK_SKEW);
                assertThat(r.getValue().field()).isEqualTo("occurredAt");
                assertThat(r.getValue().message())
                        .contains("2030-01-01T00:00:00Z")
                        .contains("--max-clock-skew");
                assertThat(r.getValue().originalText()).isEqualTo(skewed);
                assertThat(r.getValue().source()).isNotNull();
            });
        }
    }

    /**
     * A record the parser refuses files under its Kafka timestamp (stored with the record, the same on every re-read),
     * not under the wall clock at parsing, nor under an occurredAt that is missing or is the thing refused.
     */
    @Test
    void aDeadLetterOfAKafkaRecordIsDatedByTheRecordsTimestamp() throws Exception {
        long produced = Instant.parse("2026-11-30T23:59:58Z").toEpochMilli();
        var parse = new ParseTicketEvents(64 * 1024, Duration.ofMinutes(5), () -> NOW);
        try (OneInputStreamOperatorTestHarness<RawRecord, TicketEvent> h =
                ProcessFunctionTestHarnesses.forProcessFunction(parse)) {
            byte[] skewed = created("T2", "9999-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8);
            h.processElement(
                    RawRecord.fromKafka("{not json".getBytes(StandardCharsets.UTF_8), "ticket-events", 1, 7, produced),
                    0);
            h.processElement(RawRecord.fromKafka(skewed, "ticket-events", 1, 8, produced), 0);
            h.processElement(
                    RawRecord.fromKafka("{not json".getBytes(StandardCharsets.UTF_8), "ticket-events", 1, 9, -1), 0);

            var deadLetters = h.getSideOutput(OutputTags.DEAD_LETTERS).stream()
                    .map(r -> r.getValue())
                    .toList();
            assertThat(deadLetters)
                    .extracting(d -> d.reason())
                    .containsExactly(RejectReason.MALFORMED_JSON, RejectReason.CLOCK_SKEW, RejectReason.MALFORMED_JSON);
            assertThat(deadLetters.get(0).recordTime()).isEqualTo(Instant.ofEpochMilli(produced));
            assertThat(deadLetters.get(1).recordTime())
                    .as("not the year 9999 it was refused for")
                    .isEqualTo(Instant.ofEpochMilli(produced));
            assertThat(deadLetters.get(1).rejectedAt()).isEqualTo(Instant.ofEpochMilli(NOW));
            assertThat(deadLetters.get(2).recordTime())
                    .as("a record without a timestamp")
                    .isNull();
        }
    }

    @Test
    void eventsTravelInTheFieldByFieldLayoutNotAsReflectivePojos() {
        assertThat(new ParseTicketEvents(64 * 1024).getProducedType()).isSameAs(TicketEventSerializer.TYPE);
    }

    @Test
    void withoutAClockSkewLimitAReplayTakesAnyDate() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new ParseTicketEvents(64 * 1024))) {
            h.processElement(kafka(created("T9", "2030-01-01T00:00:00Z"), 1), 0);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(OutputTags.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void aContractViolationKeepsItsBytes() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(
                new ParseTicketEvents(64 * 1024, Duration.ofMinutes(5)))) {
            h.processElement(kafka("{\"eventId\": \"broken", 7), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(OutputTags.DEAD_LETTERS)).singleElement().satisfies(r -> {
                assertThat(r.getValue().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                assertThat(r.getValue().originalText()).isEqualTo("{\"eventId\": \"broken");
            });
        }
    }
}
