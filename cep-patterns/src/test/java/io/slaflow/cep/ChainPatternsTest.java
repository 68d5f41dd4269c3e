package io.slaflow.cep;

import static io.slaflow.cep.Signals.assigned;
import static io.slaflow.cep.Signals.breach;
import static io.slaflow.cep.Signals.escalation;
import static io.slaflow.cep.Signals.lifecycle;
import static io.slaflow.cep.Signals.t;
import static io.slaflow.cep.Signals.warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.cep.patterns.AtRiskSurge;
import io.slaflow.cep.patterns.BreachStorm;
import io.slaflow.cep.patterns.DoubleBreach;
import io.slaflow.cep.patterns.EscalationIgnored;
import io.slaflow.cep.reopen.ReopenLoopRule;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every chain pattern in the CEP operator the job runs, in a keyed test harness: it fires when it should, not just
 * outside its window, once per chain (skipPastLastEvent), and the operator holds nothing once the windows have passed.
 */
class ChainPatternsTest {
    static SlaPolicy policy;
    static ChainTargets targets;

    @BeforeAll
    static void loadPolicy() throws Exception {
        policy = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        targets = new ChainTargets(policy);
    }

    @Test
    void thePolicyParameterisesAllFiveChains() {
        assertThat(ChainPatterns.from(policy))
                .as("the chains CEP runs")
                .extracting(ChainPattern::name)
                .containsExactly("double-breach", "escalation-ignored", "breach-storm", "at-risk-surge");
        assertThat(ChainPatterns.from(policy).get(2))
                .isEqualTo(new BreachStorm(3, Duration.ofHours(24), "account-director", targets));
        ReopenLoopRule reopenLoop = ReopenLoopRule.from(policy); // the fifth, a keyed count (ReopenLoopFunctionTest)
        assertThat(reopenLoop.count()).isEqualTo(2);
        assertThat(reopenLoop.within()).isEqualTo(Duration.ofDays(7));
    }

    @Nested
    class DoubleBreachPattern {
        final DoubleBreach pattern = new DoubleBreach(Duration.ofDays(14));

        @Test
        void aResponseBreachThenAResolutionBreachOfTheTicketIsAChain() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                breach("T1", "acme", "RESPONSE", "2026-11-16T10:15:00Z"),
                                breach("T2", "acme", "RESOLUTION", "2026-11-16T12:00:00Z"),
                                breach("T1", "acme", "RESOLUTION", "2026-11-16T14:00:00Z"))
                        .watermark("2026-11-16T15:00:00Z");
                assertThat(h.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.pattern()).isEqualTo("double-breach");
                    assertThat(a.clientId()).isEqualTo("acme");
                    assertThat(a.tickets()).containsExactly("T1");
                    assertThat(a.evidence()).containsExactly("T1:RESPONSE:BREACH", "T1:RESOLUTION:BREACH");
                    assertThat(a.firstAt()).isEqualTo(t("2026-11-16T10:15:00Z"));
                    assertThat(a.detectedAt()).isEqualTo(t("2026-11-16T14:00:00Z"));
                    assertThat(a.id()).isEqualTo(ChainAlert.idFor("double-breach", a.evidence()));
                });
            }
        }

        @Test
        void aResolutionBreachJustOutsideTheWindowIsNoChain() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                breach("T1", "acme", "RESPONSE", "2026-11-01T10:00:00Z"),
                                breach("T1", "acme", "RESOLUTION", "2026-11-15T10:00:00Z")) // 14 days exactly: outside
                        .watermark("2026-11-16T00:00:00Z");
                assertThat(h.alerts()).isEmpty();
            }
        }

        @Test
        void aRepeatedResolutionBreachDoesNotReportTheChainAgain() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                SlaSignal again = breach("T1", "acme", "RESOLUTION", "2026-11-16T18:00:00Z");
                again.id = "T1:RESOLUTION:BREACH:after-reopen";
                h.send(
                                breach("T1", "acme", "RESPONSE", "2026-11-16T10:15:00Z"),
                                breach("T1", "acme", "RESOLUTION", "2026-11-16T14:00:00Z"),
                                again)
                        .watermark("2026-11-17T00:00:00Z");
                assertThat(h.alerts()).hasSize(1);
            }
        }
    }

    @Nested
    class EscalationIgnoredPattern {
        final EscalationIgnored pattern = new EscalationIgnored(Duration.ofMinutes(30), "account-director", targets);

        @Test
        void nobodyActingWithinTheWaitRaisesItToTheNextRole() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                SlaSignal x = escalation("T1", "globex", 1, "senior-engineer", "ana.santos", "2026-11-16T12:00:00Z");
                x.tier = "P2"; // P2's ladder has one rung: the fallback role is next
                h.send(x, assigned("e7", "T1", "globex", "ana.santos", "2026-11-16T12:01:00Z")) // carrying it out
                        .watermark("2026-11-16T12:29:59Z");
                assertThat(h.alerts()).as("still waiting").isEmpty();
                h.watermark("2026-11-16T12:30:00Z");
                assertThat(h.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.pattern()).isEqualTo("escalation-ignored");
                    assertThat(a.clientId()).isEqualTo("globex");
                    assertThat(a.tickets()).containsExactly("T1");
                    assertThat(a.evidence()).containsExactly("T1:RESPONSE:ESCALATION:1");
                    assertThat(a.targetRole()).isEqualTo("account-director");
                    assertThat(a.target()).isEqualTo("rafael.cruz");
                    assertThat(a.detectedAt()).isEqualTo(t("2026-11-16T12:30:00Z"));
                    assertThat(a.message()).contains("senior-engineer", "raised to account-director (rafael.cruz)");
                });
                h.watermark("2026-11-17T00:00:00Z");
                assertThat(h.alerts()).as("once per escalation").hasSize(1);
            }
        }

        @Test
        void aResponseOrAReassignmentJustInsideTheWaitIsActing() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                escalation("T1", "acme", 1, "account-director", "dana.lee", "2026-11-16T12:00:00Z"),
                                lifecycle("e1", SlaSignal.Kind.RESPONDED, "T1", "acme", "2026-11-16T12:29:59Z"),
                                escalation("T2", "acme", 1, "account-director", "dana.lee", "2026-11-16T12:00:00Z"),
                                assigned("e2", "T2", "acme", "kim.park", "2026-11-16T12:20:00Z"))
                        .watermark("2026-11-17T00:00:00Z");
                assertThat(h.alerts()).isEmpty();
            }
        }

        @Test
        void actingJustAfterTheWaitIsTooLate() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                escalation("T1", "acme", 1, "account-director", "dana.lee", "2026-11-16T12:00:00Z"),
                                lifecycle("e1", SlaSignal.Kind.RESPONDED, "T1", "acme", "2026-11-16T12:30:01Z"))
                        .watermark("2026-11-17T00:00:00Z");
                assertThat(h.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.targetRole())
                            .as("top of P1's ladder: the fallback")
                            .isEqualTo("account-director");
                    assertThat(a.target()).isEqualTo("dana.lee");
                });
            }
        }
    }

    @Nested
    class BreachStormPattern {
        final BreachStorm pattern = new BreachStorm(3, Duration.ofHours(24), "account-director", targets);

        @Test
        void threeBreachesOfAClientWithinADayAlertTheAccountDirectorOnce() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                breach("T1", "initech", "RESPONSE", "2026-11-16T08:00:00Z"),
                                breach("T2", "initech", "RESPONSE", "2026-11-16T09:00:00Z"),
                                breach("X9", "acme", "RESPONSE", "2026-11-16T09:30:00Z"),
                                breach("T1", "initech", "RESOLUTION", "2026-11-16T20:00:00Z"),
                                breach(
                                        "T3",
                                        "initech",
                                        "RESPONSE",
                                        "2026-11-16T21:00:00Z")) // a fourth: no second alert
                        .watermark("2026-11-18T00:00:00Z");
                assertThat(h.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.pattern()).isEqualTo("breach-storm");
                    assertThat(a.clientId()).isEqualTo("initech");
                    assertThat(a.tickets()).containsExactly("T1", "T2");
                    assertThat(a.evidence())
                            .containsExactly("T1:RESPONSE:BREACH", "T2:RESPONSE:BREACH", "T1:RESOLUTION:BREACH");
                    assertThat(a.targetRole()).isEqualTo("account-director");
                    assertThat(a.target()).isEqualTo("oliver.hughes");
                });
            }
        }

        @Test
        void threeBreachesSpreadJustOverADayAreNoStorm() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                breach("T1", "initech", "RESPONSE", "2026-11-16T08:00:00Z"),
                                breach("T2", "initech", "RESPONSE", "2026-11-16T20:00:00Z"),
                                breach("T3", "initech", "RESPONSE", "2026-11-17T08:00:00Z"),
                                breach("T4", "initech", "RESPONSE", "2026-11-18T08:00:01Z"))
                        .watermark("2026-11-20T00:00:00Z");
                assertThat(h.alerts()).isEmpty();
            }
        }

        /** Breaches due at the same instant (a business-day opening) arrive in any order from the enforcer's subtasks. */
        @Test
        void breachesOfTheSameInstantMakeTheSameStormInWhateverOrderTheyArrive() throws Exception {
            List<SlaSignal> due = List.of(
                    breach("T4", "acme", "RESPONSE", "2026-11-16T09:00:00Z"),
                    breach("T1", "acme", "RESOLUTION", "2026-11-16T09:00:00Z"),
                    breach("T2", "acme", "RESPONSE", "2026-11-16T09:00:00Z"),
                    breach("T1", "acme", "RESPONSE", "2026-11-16T09:00:00Z"));
            List<SlaSignal> backwards = new java.util.ArrayList<>(due);
            java.util.Collections.reverse(backwards);
            List<ChainAlert> first = storms(due), reversed = storms(backwards);
            assertThat(first)
                    .singleElement()
                    .satisfies(a -> assertThat(a.evidence())
                            .containsExactly("T1:RESOLUTION:BREACH", "T1:RESPONSE:BREACH", "T2:RESPONSE:BREACH"));
            assertThat(reversed).isEqualTo(first);
        }

        private List<ChainAlert> storms(List<SlaSignal> signals) throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(signals.toArray(SlaSignal[]::new)).watermark("2026-11-17T12:00:00Z");
                return h.alerts();
            }
        }

        @Test
        void sixBreachesAreTwoStorms() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                for (int i = 0; i < 6; i++) {
                    h.send(breach("T" + i, "acme", "RESPONSE", "2026-11-16T0" + i + ":00:00Z"));
                }
                h.watermark("2026-11-17T12:00:00Z");
                assertThat(h.alerts())
                        .extracting(a -> a.tickets())
                        .containsExactly(List.of("T0", "T1", "T2"), List.of("T3", "T4", "T5"));
            }
        }
    }

    @Nested
    class AtRiskSurgePattern {
        final AtRiskSurge pattern = new AtRiskSurge(3, "P1", Duration.ofHours(1), "team-lead", targets);

        @Test
        void p1WarningsOnThreeTicketsWithinAnHourAlertTheTeamLeadOnce() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                warning("T1", "acme", "P1", 50, "2026-11-16T10:00:00Z"),
                                warning("T1", "acme", "P1", 75, "2026-11-16T10:05:00Z"), // same ticket: counted once
                                warning("T2", "acme", "P2", 50, "2026-11-16T10:10:00Z"), // other tier
                                warning("T3", "acme", "P1", 50, "2026-11-16T10:20:00Z"),
                                warning("T4", "acme", "P1", 50, "2026-11-16T10:40:00Z"),
                                warning("T5", "acme", "P1", 50, "2026-11-16T10:50:00Z"))
                        .watermark("2026-11-16T12:00:00Z");
                assertThat(h.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.pattern()).isEqualTo("at-risk-surge");
                    assertThat(a.tickets()).containsExactly("T1", "T3", "T4");
                    assertThat(a.evidence())
                            .containsExactly("T1:RESOLUTION:WARN50", "T3:RESOLUTION:WARN50", "T4:RESOLUTION:WARN50");
                    assertThat(a.targetRole()).isEqualTo("team-lead");
                    assertThat(a.target()).isEqualTo("sam.ortiz");
                });
            }
        }

        @Test
        void threeTicketsAtRiskJustOverAnHourApartAreNoSurge() throws Exception {
            try (ChainHarness h = new ChainHarness(pattern)) {
                h.send(
                                warning("T1", "acme", "P1", 50, "2026-11-16T10:00:00Z"),
                                warning("T2", "acme", "P1", 50, "2026-11-16T10:30:00Z"),
                                warning("T3", "acme", "P1", 50, "2026-11-16T11:00:00Z"))
                        .watermark("2026-11-16T12:00:00Z");
                assertThat(h.alerts()).isEmpty();
            }
        }
    }

    @Test
    void everyOperatorHoldsNothingOnceItsWindowsHavePassed() throws Exception {
        for (ChainPattern p : ChainPatterns.from(policy)) {
            try (ChainHarness h = new ChainHarness(p)) {
                h.send(
                        breach("T1", "acme", "RESPONSE", "2026-11-16T10:00:00Z"),
                        warning("T2", "acme", "P1", 50, "2026-11-16T10:05:00Z"),
                        escalation("T1", "acme", 1, "account-director", "dana.lee", "2026-11-16T10:30:00Z"),
                        lifecycle("r1", SlaSignal.Kind.RESOLVED, "T3", "acme", "2026-11-16T11:00:00Z"),
                        lifecycle("o1", SlaSignal.Kind.REOPENED, "T3", "acme", "2026-11-16T12:00:00Z"));
                h.watermark("2026-11-16T10:35:00Z");
                boolean holdsSomething = false;
                for (String k : List.of("acme", "T1", "T3")) holdsSomething |= !h.holdsNothingFor(k);
                assertThat(holdsSomething)
                        .as(p.name() + " holds partial matches or buffered signals while its window is open")
                        .isTrue();

                h.watermark("2026-12-31T00:00:00Z"); // past every window (the longest is 14 days)
                for (String k : List.of("acme", "T1", "T2", "T3")) {
                    assertThat(h.holdsNothingFor(k))
                            .as(p.name() + " state for " + k)
                            .isTrue();
                }
                assertThat(h.pendingTimers()).as(p.name() + " timers").isZero();
            }
        }
    }
}
