package io.slaflow.connect.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.event.EventType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configurable mapping rules: what each RT value means in the contract, and how a bad setting is refused. */
class MappingRulesTest {

    @Test
    void priorityThresholdsGiveTheHighestTierReachedAndNoneBelowThem() {
        PriorityTiers tiers = PriorityTiers.parse("priority.tiers", "P2:50, P1:100");
        assertThat(tiers.tierOf("100")).isEqualTo("P1");
        assertThat(tiers.tierOf("250")).isEqualTo("P1");
        assertThat(tiers.tierOf("99")).isEqualTo("P2");
        assertThat(tiers.tierOf("50")).isEqualTo("P2");
        assertThat(tiers.tierOf("49")).isNull();
        assertThat(tiers.tierOf("High")).isNull();
        assertThat(tiers.priorityOf("p1")).isEqualTo("100");
        assertThat(tiers.priorityOf("P3")).isNull();
    }

    @Test
    void badPriorityThresholdsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> PriorityTiers.parse("priority.tiers", "P1=100"))
                .hasMessageContaining("priority.tiers")
                .hasMessageContaining("not TIER:PRIORITY");
        assertThatThrownBy(() -> PriorityTiers.parse("priority.tiers", "P0:100"))
                .hasMessageContaining("P1..P9");
        assertThatThrownBy(() -> PriorityTiers.parse("priority.tiers", "P1:high"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> PriorityTiers.parse("priority.tiers", "P1:1,P1:2"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PriorityTiers.parse("priority.tiers", "P1:50,P2:90"))
                .hasMessageContaining("P1 (more severe) needs a higher priority than P2");
    }

    @Test
    void statusChangesMapToResolvedClosedReopenedOrAStatusChange() {
        StatusRules rules = new StatusRules(
                Set.of("resolved", "rejected"),
                Set.of("deleted"),
                StatusRules.parseRenames("status.rename", "stalled=waiting-on-customer"));
        assertThat(rules.typeOf("open", "resolved")).isEqualTo(EventType.RESOLVED);
        assertThat(rules.typeOf("open", "rejected")).isEqualTo(EventType.RESOLVED);
        assertThat(rules.typeOf("resolved", "open")).isEqualTo(EventType.REOPENED);
        assertThat(rules.typeOf("rejected", "new")).isEqualTo(EventType.REOPENED);
        assertThat(rules.typeOf("open", "deleted")).isEqualTo(EventType.CLOSED);
        assertThat(rules.typeOf("open", "stalled")).isEqualTo(EventType.STATUS_CHANGED);
        assertThat(rules.typeOf("new", "open")).isEqualTo(EventType.STATUS_CHANGED);
        assertThat(rules.contractName("Stalled")).isEqualTo("waiting-on-customer");
        assertThat(rules.contractName("open")).isEqualTo("open");
        assertThatThrownBy(() -> new StatusRules(Set.of("done"), Set.of("done"), Map.of()))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> StatusRules.parseRenames("status.rename", "stalled"))
                .hasMessageContaining("STATUS=NAME");
    }

    @Test
    void theClientComesFromTheConfiguredFieldThroughTheMap() {
        ClientRule byQueue = new ClientRule(
                ClientRule.From.QUEUE, null, ClientRule.parseMap("client.map", "ACME Support=acme"), "unknown");
        assertThat(byQueue.clientOf("acme support", Map.of(), List.of())).isEqualTo("acme");
        assertThat(byQueue.clientOf("Globex", Map.of(), List.of())).isEqualTo("Globex");
        assertThat(byQueue.clientOf("", Map.of(), List.of())).isEqualTo("unknown");

        ClientRule byField = new ClientRule(ClientRule.From.CUSTOM_FIELD, "Customer", Map.of(), "unknown");
        assertThat(byField.clientOf("General", Map.of("Customer", "initech"), List.of()))
                .isEqualTo("initech");
        assertThat(byField.clientOf("General", Map.of(), List.of())).isEqualTo("unknown");

        ClientRule byDomain = new ClientRule(
                ClientRule.From.REQUESTOR_DOMAIN,
                null,
                ClientRule.parseMap("client.map", "acme.example=acme"),
                "unknown");
        assertThat(byDomain.clientOf("General", Map.of(), List.of("Ops@ACME.example", "x@other.example")))
                .isEqualTo("acme");
        assertThat(byDomain.clientOf("General", Map.of(), List.of("no-at-sign")))
                .isEqualTo("unknown");
        assertThat(byDomain.clientOf("General", Map.of(), List.of())).isEqualTo("unknown");
    }

    @Test
    void badClientSettingsAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> ClientRule.parseFrom("client.from", "owner"))
                .hasMessageContaining("queue, customfield or requestor-domain");
        assertThatThrownBy(() -> new ClientRule(ClientRule.From.CUSTOM_FIELD, " ", Map.of(), "unknown"))
                .hasMessageContaining("client.customfield");
        assertThatThrownBy(() -> ClientRule.parseMap("client.map", "ACME")).hasMessageContaining("VALUE=CLIENT");
    }

    @Test
    void idsAreDeterministicPerInstanceAndOnlyOurTicketsMapBack() {
        TicketIds ids = new TicketIds("rt");
        assertThat(ids.ticketId("42")).isEqualTo("rt-42");
        assertThat(ids.eventId(4711)).isEqualTo("rt:4711");
        assertThat(ids.numberOf("rt-42")).isEqualTo("42");
        assertThat(ids.numberOf("rt2-42")).isNull();
        assertThat(ids.numberOf("rt-42x")).isNull();
        assertThat(ids.numberOf("T-1")).isNull();
        assertThatThrownBy(() -> new TicketIds("rt-main")).hasMessageContaining("no '-' or ':'");
    }
}
