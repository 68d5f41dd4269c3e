package io.slaflow.connect.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaRecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading the records the sink applies, and the comment an escalation leaves. */
class CommandsTest {
    static final String ESCALATION = """
            {"id":"rt-7:RESPONSE:ESCALATION:1","ticketId":"rt-7","clientId":"acme","tier":"P1","metric":"RESPONSE",
             "level":1,"role":"account-director","from":null,"to":"dana.lee","assignee":"dana.lee",
             "breachedAt":"2026-11-20T10:15:00Z","firedAt":"2026-11-20T10:45:00Z",
             "reason":"P1 response breached at 2026-11-20T10:15:00Z; 30m after breach → account-director",
             "policyVersion":"2026-11","command":{"action":"REASSIGN","ticketId":"rt-7","assignee":"dana.lee","role":"account-director"}}
            """;

    @Test
    void anEscalationAsTheJobWritesItIsReadWithTheBreachItStandsOn() throws Exception {
        EscalationCommand c = (EscalationCommand) Commands.parse(ESCALATION.getBytes(StandardCharsets.UTF_8));
        assertThat(c.ticketId()).isEqualTo("rt-7");
        assertThat(c.to()).isEqualTo("dana.lee");
        assertThat(c.from()).isNull();
        assertThat(c.breachId()).isEqualTo("rt-7:RESPONSE:BREACH");
        assertThat(c.deadlineOrBreach()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
    }

    @Test
    void theCommentSaysWhyAndCarriesTheMarker() throws Exception {
        EscalationCommand c = (EscalationCommand) Commands.parse(ESCALATION);
        assertThat(EscalationComment.subject(c)).isEqualTo("[SLAflow] escalation rt-7:RESPONSE:ESCALATION:1");
        String body = EscalationComment.body(c, EscalationComment.OwnerNote.REASSIGNED, "Nobody", null);
        assertThat(body)
                .contains("Reassigned to dana.lee (account-director in the client's roster), from nobody.")
                .contains("Tier:         P1")
                .contains("Deadline:     2026-11-20 10:15:00 UTC")
                .contains("Escalated at: 2026-11-20 10:45:00 UTC (30m after the deadline)")
                .contains("Level:        1 (account-director)")
                .contains(
                        "Evidence:     breach rt-7:RESPONSE:BREACH (sla-breaches), escalation rt-7:RESPONSE:ESCALATION:1");
        String kept = EscalationComment.body(c, EscalationComment.OwnerNote.LEFT_WITH_PERSON, "amy", null);
        assertThat(kept).contains("Not reassigned to dana.lee (account-director): the owner was changed to amy");
    }

    @Test
    void anEscalationAndARoutingRecordWrittenByTheJobAreReadWithEveryFieldTheCommentQuotes() throws Exception {
        long breached = Instant.parse("2026-11-20T10:15:00Z").toEpochMilli();
        Escalation x = new Escalation(
                "rt-7:RESPONSE:ESCALATION:1",
                "rt-7",
                "acme",
                "P1",
                Metric.RESPONSE,
                1,
                "account-director",
                "amy",
                "dana.lee",
                breached,
                breached + 30 * 60_000,
                "30m after breach",
                "2026-11",
                "15m",
                breached,
                "rt-7:RESPONSE:BREACH");
        EscalationCommand c = (EscalationCommand) Commands.parse(SlaRecordJson.toJsonBytes(x));
        assertThat(c.target()).isEqualTo("15m");
        assertThat(c.deadline()).isEqualTo(Instant.ofEpochMilli(breached));
        assertThat(c.breachId()).isEqualTo("rt-7:RESPONSE:BREACH");
        assertThat(EscalationComment.body(c, EscalationComment.OwnerNote.REASSIGNED, "amy", null))
                .contains("Target:       response within 15m")
                .contains("Deadline:     2026-11-20 10:15:00 UTC")
                .contains("Evidence:     breach rt-7:RESPONSE:BREACH (sla-breaches)");

        Routing r = new Routing(
                "rt-7:ROUTING",
                "rt-7",
                "acme",
                "P1",
                "p1-outage",
                "2026-11",
                breached - 15 * 60_000,
                "Major Incidents",
                "account-director",
                "dana.lee");
        RoutingCommand read = (RoutingCommand) Commands.parse(SlaRecordJson.toJsonBytes(r));
        assertThat(read)
                .isEqualTo(new RoutingCommand(
                        "rt-7:ROUTING",
                        "rt-7",
                        "acme",
                        "P1",
                        "p1-outage",
                        "2026-11",
                        Instant.parse("2026-11-20T10:00:00Z"),
                        "Major Incidents",
                        "account-director",
                        "dana.lee"));
    }

    @Test
    void aRoutingRecordIsToldFromAnEscalation() throws Exception {
        Object r = Commands.parse("""
                {"kind":"ROUTING","id":"rt-7:ROUTING","ticketId":"rt-7","clientId":"acme","tier":"P1","rule":"p1-outage",
                 "policyVersion":"2026-11","classifiedAt":"2026-11-20T10:00:00Z","queue":"Major Incidents","role":null,"owner":null}
                """);
        assertThat(r).isInstanceOf(RoutingCommand.class);
        assertThat(((RoutingCommand) r).queue()).isEqualTo("Major Incidents");
    }

    @Test
    void aMalformedRecordIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Commands.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Commands.parse("{}")).hasMessageContaining("neither an escalation");
        assertThatThrownBy(() -> Commands.parse(ESCALATION.replace("\"level\":1", "\"level\":0")))
                .hasMessageContaining("'level'");
        assertThatThrownBy(() -> Commands.parse(ESCALATION.replace("2026-11-20T10:45:00Z", "yesterday")))
                .hasMessageContaining("'firedAt'");
        assertThatThrownBy(() -> Commands.parse(42)).hasMessageContaining("value.converter");
    }
}
