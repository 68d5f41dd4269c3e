package io.slaflow.jobs.prove;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.es.EsDocument;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the Prove layer files its documents: the index of each follows from the document, never from the clock. */
class SlaEsDocumentsTest {
    private static final byte[] BAD = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);
    private static final DeadLetter.Source AT = DeadLetter.Source.kafka("ticket-events", 3, 41L);

    private static DeadLetter refusedAt(String wallClock, Instant recordTime) {
        return DeadLetter.of(
                new Rejection(RejectReason.MALFORMED_JSON, "not JSON", null, BAD),
                AT,
                Instant.parse(wallClock),
                recordTime);
    }

    /**
     * A record produced a second before November ends is refused just before midnight, and again after a restart from
     * a checkpoint in December: both copies have the same id and land in November's index, so the second overwrites
     * the first (with the wall clock's month the second was a duplicate in December's index).
     */
    @Test
    void aDeadLetterReEmittedAcrossAMonthsEndOverwritesItsFirstCopy() {
        Instant produced = Instant.parse("2026-11-30T23:59:59Z");
        EsDocument first = SlaEsDocuments.deadLetter(refusedAt("2026-11-30T23:59:59.800Z", produced));
        EsDocument again = SlaEsDocuments.deadLetter(refusedAt("2026-12-01T00:07:00Z", produced));

        assertThat(first.getIndex()).isEqualTo("sla-dead-letters-2026.11.01");
        assertThat(again.getIndex()).isEqualTo(first.getIndex());
        assertThat(again.getId()).isEqualTo(first.getId());
    }

    @Test
    void theMonthIsTheRecordsOwnTimeInUtcAndWithoutOneWhenItWasRefused() {
        assertThat(SlaEsDocuments.deadLetter(refusedAt("2026-12-01T00:00:01Z", Instant.parse("2026-10-31T23:30:00Z")))
                        .getIndex())
                .as("a LATE event's own month")
                .isEqualTo("sla-dead-letters-2026.10.01");
        assertThat(SlaEsDocuments.deadLetter(refusedAt("2026-12-01T00:00:01Z", null))
                        .getIndex())
                .as("no record time (a replay's file line: refused at its as-of instant)")
                .isEqualTo("sla-dead-letters-2026.12.01");
    }
}
