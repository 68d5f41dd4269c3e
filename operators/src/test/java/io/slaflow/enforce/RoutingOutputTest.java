package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Routing;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcer's routing side output ({@link io.slaflow.streams.OutputTags#ROUTING}): one record per new ticket, when its CREATED is
 * applied, with the tier it was classified into and the route of the policy version pinned to it; never again for the
 * same ticket, whatever follows (re-tiering, repeats, a restore).
 */
class RoutingOutputTest {
    private static final String MONDAY_10 = "2026-11-16T10:00:00Z";
    private static final String ROUTED_VERSION = "routed-2026.11";

    private EnforcerHarness h;

    @AfterEach
    void close() throws Exception {
        if (h != null) h.close();
    }

    /** The default policy with a routing section, in force from Monday 10:00. */
    private static PolicyVersion routedPolicy() {
        String yaml = EnforcerHarness.defaultPolicy()
                        .yaml
                        .replace("version: \"default-2026.11\"", "version: \"" + ROUTED_VERSION + "\"")
                + """

                routing:
                  tiers:
                    P1: {queue: Major Incidents, role: account-director}
                    P2: {queue: Escalations}
                  clients:
                    globex:
                      P1: {queue: Globex Major Incidents, owner: noc.globex}
                """;
        return new PolicyVersion(ROUTED_VERSION, yaml, "sla-policies@0:3", at(MONDAY_10));
    }

    @Test
    void eachNewTicketIsRoutedOnceWithItsTierRuleAndTheRouteOfItsPinnedVersion() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.policy(routedPolicy());
        h.send(h.created(
                "OLD", "acme", "2026-11-16T09:59:59Z", "Production database down")); // base version: no routing
        h.send(h.created("A", "acme", MONDAY_10, "Production database down"));
        h.send(h.created("G", "globex", MONDAY_10, "website outage"));
        h.send(h.created("U", "someone-new", MONDAY_10, "VPN down since this morning"));
        h.send(h.created("S", "acme", MONDAY_10, "How do I reset my password"));
        assertThat(h.routings())
                .as("nothing before the watermark applies the CREATED")
                .isEmpty();

        h.watermark("2026-11-16T10:00:00Z");

        assertThat(h.routings())
                .extracting(
                        Routing::id,
                        Routing::tier,
                        Routing::rule,
                        Routing::policyVersion,
                        Routing::queue,
                        Routing::role,
                        Routing::owner)
                .containsExactlyInAnyOrder(
                        tuple("OLD:ROUTING", "P1", "p1-outage", "default-2026.11", null, null, null),
                        tuple(
                                "A:ROUTING",
                                "P1",
                                "p1-outage",
                                ROUTED_VERSION,
                                "Major Incidents",
                                "account-director",
                                "dana.lee"),
                        tuple(
                                "G:ROUTING",
                                "P1",
                                "p1-outage",
                                ROUTED_VERSION,
                                "Globex Major Incidents",
                                null,
                                "noc.globex"),
                        // an unlisted client: the tier's route, the default profile's roster
                        tuple("U:ROUTING", "P2", "p2-degraded", ROUTED_VERSION, "Escalations", null, null),
                        tuple("S:ROUTING", "P3", "default", ROUTED_VERSION, null, null, null));
        Routing a = h.routings().stream()
                .filter(r -> r.ticketId().equals("A"))
                .findFirst()
                .orElseThrow();
        assertThat(a.clientId()).isEqualTo("acme");
        assertThat(a.classifiedAt()).isEqualTo(at(MONDAY_10));
    }

    @Test
    void nothingAfterTheCreatedRoutesTheTicketAgain() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        TicketEvent created = h.created("T1", "acme", MONDAY_10, "Production database down");
        h.send(created);
        h.send(created); // the same event again: a duplicate
        h.send(h.created("T1", "acme", "2026-11-16T10:01:00Z", "again")); // another CREATED: a conflict
        TicketEvent lowered = h.event("T1", "acme", EventType.PRIORITY_CHANGED, "2026-11-16T10:02:00Z");
        lowered.priority = "P3"; // a person re-tiers it in the ticketing system, which shows that already
        h.send(lowered);
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:03:00Z"));
        h.watermark("2026-11-16T12:00:00Z");

        assertThat(h.routings()).extracting(Routing::id, Routing::tier).containsExactly(tuple("T1:ROUTING", "P1"));
        assertThat(h.deadLetters()).hasSize(1); // the conflict, as before
    }

    @Test
    void aCreatedHeldAcrossASnapshotIsRoutedOnceAfterTheRestore() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("EARLY", "acme", MONDAY_10, "Production database down"));
        h.send(h.created("HELD", "acme", "2026-11-16T10:05:00Z", "Production database down"));
        h.watermark("2026-11-16T10:01:00Z");
        assertThat(h.routings()).extracting(Routing::id).containsExactly("EARLY:ROUTING");
        OperatorSubtaskState snapshot = h.snapshot();
        h.close();

        h = new EnforcerHarness(EnforcerSettings.live(), snapshot);
        h.watermark("2026-11-16T11:00:00Z");
        assertThat(h.routings())
                .as("EARLY was routed before the snapshot; HELD once its CREATED came due")
                .extracting(Routing::id)
                .containsExactly("HELD:ROUTING");
    }
}
