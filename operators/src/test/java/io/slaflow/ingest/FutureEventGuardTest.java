package io.slaflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FutureEventGuardTest {
    private static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();

    @Test
    void anEventFromTooFarInTheFutureIsADeadLetterAndNeverReachesEventTime() throws Exception {
        var guard = new FutureEventGuard(Duration.ofMinutes(5), () -> NOW);
        try (OneInputStreamOperatorTestHarness<TicketEvent, TicketEvent> h = ProcessFunctionTestHarnesses.forProcessFunction(guard)) {
            TicketEvent ok = new TicketEvent("e1", "T1", "acme", EventType.CREATED, NOW + Duration.ofMinutes(5).toMillis());
            TicketEvent skewed = new TicketEvent("e2", "T2", "acme", EventType.CREATED, Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
            TicketEvent past = new TicketEvent("e3", "T3", "acme", EventType.CREATED, Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
            h.processElement(ok, ok.occurredAt);
            h.processElement(skewed, skewed.occurredAt);
            h.processElement(past, past.occurredAt);

            assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("e1", "e3");
            assertThat(h.getSideOutput(SlaEnforcer.DEAD_LETTERS)).singleElement().satisfies(r -> {
                assertThat(r.getValue().reason()).isEqualTo(RejectReason.CLOCK_SKEW);
                assertThat(r.getValue().field()).isEqualTo("occurredAt");
                assertThat(r.getValue().message()).contains("2030-01-01T00:00:00Z").contains("--max-clock-skew");
                assertThat(r.getValue().originalText()).contains("\"ticketId\":\"T2\"");
            });
        }
    }
}
