package io.slaflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the Request Tracker demo builds from its policy: RT's queues and people. */
class RtLoopDemoTest {
    private static final Path DEMO_POLICY = Path.of("../infra/policies/demo-rt.yaml");

    @Test
    void eachClientGetsAQueueAndTheRoutingQueuesBelongToTheirClient() throws Exception {
        SlaPolicy policy = PolicyLoader.load(DEMO_POLICY);
        assertThat(RtLoopDemo.queues(policy))
                .containsExactly(
                        java.util.Map.entry("ACME Manufacturing", "acme"),
                                java.util.Map.entry("Globex Outsourcing", "globex"),
                        java.util.Map.entry("Initech", "initech"),
                                java.util.Map.entry("Globex Major Incidents", "globex"));
    }

    @Test
    void everyoneSlaflowMayHandATicketToIsAnAgentInRt() throws Exception {
        SlaPolicy policy = PolicyLoader.load(DEMO_POLICY);
        assertThat(RtLoopDemo.people(policy))
                .startsWith(RtLoopDemo.AGENT)
                .contains("dana.lee", "rafael.cruz", "priya.shah", "duty-account-director")
                .doesNotHaveDuplicates();
    }

    @Test
    void theDemoPolicyHasFusesShortEnoughToWatch() throws Exception {
        SlaPolicy policy = PolicyLoader.load(DEMO_POLICY);
        assertThat(policy.tier("P1").response().text()).isEqualTo("2m");
        assertThat(policy.tier("P1").ladder().get(0).trigger().text()).isEqualTo("at breach");
        assertThat(policy.routing().routeFor("P1", "globex").queue()).isEqualTo("Globex Major Incidents");
    }
}
