package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcer changes nothing it is given: an event moved by rule 3 and a policy version stored under its id are
 * copies, while what goes out is what it was before the copies (the moved event at the instant it took effect).
 */
class InputsUnchangedTest {
    private static final String MONDAY_10 = "2026-11-16T10:00:00Z";
    private static final String P1_SUBJECT = "Production database down for all users";
    private EnforcerHarness h;

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aLateEventMovedToTheInstantDecidedIsACopy() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withAllowedLateness(Duration.ofHours(1)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT)); // escalated at 10:45 (response)
        h.watermark("2026-11-16T11:00:00Z");
        long decided = h.tickets().get(0).decidedUpTo; // its last wake-up: the escalation, 10:45
        TicketEvent late = h.event("T1", "acme", EventType.ASSIGNED, "2026-11-16T10:40:00Z");
        late.assignee = "second.line";
        h.send(late);

        assertThat(late.occurredAt).as("the input as it arrived").isEqualTo(at("2026-11-16T10:40:00Z"));
        assertThat(h.escalatedTicketEvents()).last().satisfies(forwarded -> {
            assertThat(forwarded.eventId).isEqualTo(late.eventId);
            assertThat(forwarded.assignee).isEqualTo("second.line");
            assertThat(forwarded.occurredAt)
                    .as("at the instant it took effect, as before")
                    .isEqualTo(decided)
                    .isGreaterThan(late.occurredAt);
        });
    }

    @Test
    void aLateEventRefusedAfterBeingMovedIsRefusedAtTheInstantDecided() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withAllowedLateness(Duration.ofHours(1)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:20:00Z");
        long decided = h.tickets().get(0).decidedUpTo; // its breach, 10:15
        TicketEvent second = h.created("T1", "acme", "2026-11-16T10:10:00Z", P1_SUBJECT);
        h.send(second);

        assertThat(second.occurredAt).isEqualTo(at("2026-11-16T10:10:00Z"));
        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.CONFLICT);
            assertThat(d.ownTime())
                    .as("dated at the instant it took effect, as before")
                    .isEqualTo(Instant.ofEpochMilli(decided))
                    .isAfter(Instant.ofEpochMilli(second.occurredAt));
        });
    }

    @Test
    void anAcceptedPolicyVersionIsStoredAsACopyCarryingItsId() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        String yaml = EnforcerHarness.defaultPolicy().yaml.replace("version: \"default-2026.11\"", "version: \"v4\"");
        PolicyVersion offered = new PolicyVersion(null, yaml, "sla-policies@0:10", at("2026-11-16T00:00:00Z"));
        h.policy(offered);
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:01:00Z");

        assertThat(offered.version).as("the input as it arrived").isNull();
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.tickets())
                .singleElement()
                .satisfies(t -> assertThat(t.sla.policyVersion).isEqualTo("v4"));
    }
}
