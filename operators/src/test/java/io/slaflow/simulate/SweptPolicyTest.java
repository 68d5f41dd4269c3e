package io.slaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SweptPolicyTest {
    private static final SweepSpec P2_RESPONSE = new SweepSpec("P2", Metric.RESPONSE, new BigDecimal("98"));

    @Test
    void theDefaultPolicyWithItsP2ResponseAtTheAnswerLoadsAndKeepsEverythingElse() throws Exception {
        String yaml = Files.readString(Path.of("../infra/policies/default.yaml"));
        SweptPolicy swept = SweptPolicy.of(yaml, P2_RESPONSE, "1h24m");
        assertThat(swept.fileName()).isEqualTo("sweep-P2.response.yaml");
        assertThat(swept.version()).isEqualTo("default-2026.11-sweep-P2-response-1h24m");
        SlaPolicy p = new PolicyLoader(Path.of("../infra/policies")).parse(swept.yaml(), "swept");
        assertThat(p.version()).isEqualTo(swept.version());
        assertThat(p.tier("P2").response().text()).isEqualTo("1h24m");
        assertThat(p.tier("P2").resolution().text()).isEqualTo("8h");
        assertThat(p.tier("P1").response().text()).isEqualTo("15m");
        // exactly two values changed: the comments and every other line are the user's
        assertThat(swept.yaml().lines().toList()).hasSameSizeAs(yaml.lines().toList());
        assertThat(diffLines(yaml, swept.yaml())).isEqualTo(2);
    }

    @Test
    void quotingFlowStyleAndNonAsciiTextAreKept() {
        String yaml = """
                # Société Générale's contract — draft
                version: 'v1'
                tiers:
                  - {id: p2, name: "Élevé", response: "1h", resolution: 8h}
                """;
        String swept = SweptPolicy.of(yaml, new SweepSpec("P2", Metric.RESPONSE, BigDecimal.TEN), "45m")
                .yaml();
        assertThat(swept).isEqualTo("""
                # Société Générale's contract — draft
                version: 'v1-sweep-P2-response-45m'
                tiers:
                  - {id: p2, name: "Élevé", response: "45m", resolution: 8h}
                """);
    }

    @Test
    void aTierTheTextDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> SweptPolicy.of("version: v1\ntiers: []\n", P2_RESPONSE, "1h"))
                .hasMessage("the policy has no tier P2");
    }

    private static long diffLines(String a, String b) {
        var x = a.lines().toList();
        var y = b.lines().toList();
        long n = 0;
        for (int i = 0; i < x.size(); i++) if (!x.get(i).equals(y.get(i))) n++;
        return n;
    }
}
