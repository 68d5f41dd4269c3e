package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void contractTopicsAreTheSixFromTheArchitecturePlusRoutingWithCompactedPolicies() {
        assertThat(TopicSpec.contractTopics(3))
                .extracting(TopicSpec::name)
                .containsExactly(
                        "ticket-events",
                        "sla-policies",
                        "sla-breaches",
                        "sla-escalations",
                        "sla-routing",
                        "sla-chains",
                        "ticket-events-dlq");
        assertThat(TopicSpec.contractTopics(3))
                .allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(3));
        assertThat(TopicSpec.contractTopics(1).get(1).configs())
                .containsExactly(Map.entry("cleanup.policy", "compact"));
    }

    @Test
    void survivesTheTripThroughTheChildJvmCommandLine() {
        TopicSpec spec = new TopicSpec("sla-policies", 4, Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        assertThat(spec.toArgument()).isEqualTo("sla-policies|4|cleanup.policy=compact,retention.ms=-1");
        assertThat(TopicSpec.fromArgument(spec.toArgument())).isEqualTo(spec);
        assertThat(TopicSpec.fromArgument("ticket-events|1|")).isEqualTo(new TopicSpec("ticket-events", 1, Map.of()));
    }

    @Test
    void rejectsWhatKafkaWouldRejectLater() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, Map.of())).hasMessageContaining("at least 1 partition");
        assertThatThrownBy(() -> new TopicSpec(" ", 1, Map.of())).hasMessageContaining("Invalid topic name");
    }
}
