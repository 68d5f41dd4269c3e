package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's {@code routing:} section: what it means, and every mistake refused with its line and field. */
class RoutingSectionTest {

    /** A small valid policy without routing; the tests append a routing section at line 30. */
    private static final String BASE = """
            version: routing-1
            roles: [team-lead, senior-engineer, account-director]
            calendars:
              24x7: {timeZone: UTC, hours: always}
            tiers:
              - id: P1
                calendar: 24x7
                response: 15m
                resolution: 4h
              - id: P2
                calendar: 24x7
                response: 1h
                resolution: 8h
              - id: P3
                calendar: 24x7
                response: 4h
                resolution: 24h
            defaultClient:
              tier: standard
              calendar: 24x7
              roster: {senior-engineer: duty.engineer}
            clients:
              - id: acme
                tier: enterprise
                calendar: 24x7
                roster: {senior-engineer: sam.reed, team-lead: tl.acme}
            classification:
              default: P3
            """;

    private static final int FIRST_LINE = 29;

    private static SlaPolicy parse(String routing) throws InvalidPolicyException {
        assertThat(BASE.lines().count()).isEqualTo(FIRST_LINE - 1);
        return new PolicyLoader(IcalFiles.none("the routing tests name no iCal file"))
                .parse(BASE + routing, "routing.yaml");
    }

    private static List<PolicyProblem> problems(String routing) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> parse(routing));
        assertThat(e).as("the policy must be refused").isNotNull();
        return e.problems();
    }

    private static void single(String routing, int line, String field, String message) {
        List<PolicyProblem> problems = problems(routing);
        assertThat(problems).as(problems.toString()).hasSize(1);
        PolicyProblem p = problems.get(0);
        assertThat(p.source()).isEqualTo("routing.yaml");
        assertThat(p.line()).as(p.toString()).isEqualTo(line);
        assertThat(p.field()).as(p.toString()).isEqualTo(field);
        assertThat(p.message()).as(p.toString()).isEqualTo(message);
    }

    @Test
    void withoutASectionEveryTicketStaysWhereItWasCreated() throws Exception {
        SlaPolicy p = parse("");
        assertThat(p.routing()).isEqualTo(RoutingPolicy.NONE);
        assertThat(p.routing().routeFor("P1", "acme")).isEqualTo(TierRoute.STAY);
    }

    @Test
    void aTiersRouteAppliesToEveryClientAndAClientsOwnRouteReplacesIt() throws Exception {
        SlaPolicy p = parse("""
                routing:
                  tiers:
                    P1: {queue: Major Incidents, role: senior-engineer}
                    P2: {queue: Escalations}
                  clients:
                    acme:
                      P1: {queue: ACME Major Incidents, owner: ops.acme}
                      P2: {}
                """);
        RoutingPolicy r = p.routing();
        assertThat(r.routeFor("P1", "globex")).isEqualTo(new TierRoute("Major Incidents", "senior-engineer", null));
        assertThat(r.routeFor("P1", "acme")).isEqualTo(new TierRoute("ACME Major Incidents", null, "ops.acme"));
        assertThat(r.routeFor("P2", "acme"))
                .as("{} is the client's exception: stay")
                .isEqualTo(TierRoute.STAY);
        assertThat(r.routeFor("P2", "globex")).isEqualTo(new TierRoute("Escalations", null, null));
        assertThat(r.routeFor("P3", "acme")).as("a tier without a route").isEqualTo(TierRoute.STAY);
        // the role becomes the person of the client's roster; a fixed owner is the same for everyone
        assertThat(r.routeFor("P1", "globex").ownerFor(p.defaultClient())).isEqualTo("duty.engineer");
        assertThat(r.routeFor("P1", "acme").ownerFor(p.client("acme"))).isEqualTo("ops.acme");
        assertThat(new TierRoute(null, "team-lead", null).ownerFor(p.defaultClient()))
                .as("nobody in the roster")
                .isNull();
    }

    @Test
    void anUnknownTierIsRefused() {
        single("""
                routing:
                  tiers:
                    P4: {queue: Low}
                """, FIRST_LINE + 2, "routing.tiers.P4", "unknown tier 'P4'; tiers: P1, P2, P3");
    }

    @Test
    void anUnknownClientIsRefusedNamingTheListedOnes() {
        single(
                """
                routing:
                  clients:
                    acmee:
                      P1: {queue: ACME}
                """,
                FIRST_LINE + 3,
                "routing.clients.acmee",
                "unknown client 'acmee'; clients: acme (unlisted clients follow routing.tiers)");
    }

    @Test
    void anUnknownRoleIsRefused() {
        single(
                """
                routing:
                  tiers:
                    P1: {role: duty-manager}
                """,
                FIRST_LINE + 2,
                "routing.tiers.P1.role",
                "unknown role 'duty-manager'; roles: team-lead, senior-engineer, account-director (declare it under roles)");
    }

    @Test
    void aRoleAndAnOwnerTogetherAreRefused() {
        single(
                """
                routing:
                  clients:
                    acme:
                      P1: {role: team-lead, owner: sam.reed}
                """,
                FIRST_LINE + 3,
                "routing.clients.acme.P1.owner",
                "give role (the person in each client's roster) or owner (one fixed person), not both");
    }

    @Test
    void unknownFieldsAndEmptyValuesAreRefused() {
        List<PolicyProblem> problems = problems("""
                routing:
                  tiers:
                    P1: {queues: Major}
                    P2: {queue: ""}
                  owners: {P1: sam}
                """);
        assertThat(problems)
                .extracting(PolicyProblem::line, PolicyProblem::field)
                .containsExactly(
                        tuple(FIRST_LINE + 2, "routing.tiers.P1.queues"),
                        tuple(FIRST_LINE + 3, "routing.tiers.P2.queue"),
                        tuple(FIRST_LINE + 4, "routing.owners"));
        assertThat(problems.get(0).message()).isEqualTo("unknown field 'queues'; allowed here: queue, role, owner");
        assertThat(problems.get(1).message()).isEqualTo("must not be empty: a value is expected here");
        assertThat(problems.get(2).message()).isEqualTo("unknown field 'owners'; allowed here: tiers, clients");
    }

    @Test
    void aRouteMustBeAMappingAndANameOneLineOfReasonableLength() {
        List<PolicyProblem> problems = problems("""
                routing:
                  tiers:
                    P1: Major Incidents
                    P2: {queue: "%s"}
                """.formatted("q".repeat(201)));
        assertThat(problems)
                .extracting(PolicyProblem::field, PolicyProblem::message)
                .containsExactly(
                        tuple("routing.tiers.P1", "expected a mapping (key: value lines), found 'Major Incidents'"),
                        tuple(
                                "routing.tiers.P2.queue",
                                "is 201 characters long: a queue or user name has at most 200"));
    }
}
