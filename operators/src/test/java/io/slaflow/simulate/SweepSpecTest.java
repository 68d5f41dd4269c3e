package io.slaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
    private static final SlaPolicy POLICY = load();

    @Test
    void aTierTargetIsMatchedAsTheEngineMatchesPriorities() {
        SweepSpec s = SweepSpec.parse(" p2.Response ", "98%", POLICY);
        assertThat(s).isEqualTo(new SweepSpec("P2", Metric.RESPONSE, new BigDecimal("98")));
        assertThat(s.label()).isEqualTo("P2.response");
        assertThat(s.goalText()).isEqualTo("98%");
        assertThat(SweepSpec.parse("P3.resolution", "99.50 %", POLICY).goalText())
                .isEqualTo("99.5%");
        assertThat(SweepSpec.parse("P1.response", "100", POLICY).goalPercent()).isEqualByComparingTo("100");
    }

    @Test
    void mistakesSayWhatIsExpected() {
        assertThatThrownBy(() -> SweepSpec.parse("P2", "98%", POLICY))
                .hasMessage(
                        "'P2' is not TIER.TARGET: write e.g. P2.response or P3.resolution (tiers of default-2026.11: P1, P2, P3)");
        assertThatThrownBy(() -> SweepSpec.parse("P4.response", "98%", POLICY))
                .hasMessage("'P4' is not a tier of the current policy default-2026.11 (its tiers: P1, P2, P3)");
        assertThatThrownBy(() -> SweepSpec.parse("P2.reply", "98%", POLICY))
                .hasMessage("'reply' is not a target: write P2.response or P2.resolution");
        assertThatThrownBy(() -> SweepSpec.parseGoal("0.98"))
                .hasMessage("'0.98' is ambiguous: write 98% for that share, or 0.98% if you mean it");
        assertThatThrownBy(() -> SweepSpec.parseGoal("0%"))
                .hasMessage("'0%' is out of range: a goal is above 0% and at most 100%");
        assertThatThrownBy(() -> SweepSpec.parseGoal("ninety"))
                .hasMessage("'ninety' is not a goal: write a percentage such as 98% or 99.5%");
    }

    private static SlaPolicy load() {
        try {
            return PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
