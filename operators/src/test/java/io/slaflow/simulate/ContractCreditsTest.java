package io.slaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.simulate.ClientMonth.TierTally;
import io.slaflow.simulate.ServiceCredits.MonthCredit;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator prices a client's month with the policy's own contract terms, exactly as the monthly report does. */
class ContractCreditsTest {
    private static final ContractCredits CREDITS = new ContractCredits(ContractCredits.REPORT_DEFAULT_GOAL_PERCENT);
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void aMissedGoalCostsItsTiersCreditOfTheFeeAndTheCapCutsTheSum() throws Exception {
        SlaPolicy p = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        // ACME: 24000 USD a month, cap 15%; P1 99% -> 10%, P2 97% -> 5%, P3 95% -> 2%
        MonthCredit none = CREDITS.assess(p, month("acme", new TierTally("P1", 99, 100), new TierTally("P2", 97, 100)));
        assertThat(none.percentOwed()).isEqualByComparingTo("0");
        assertThat(none.amount()).isEqualByComparingTo("0.00");
        assertThat(none.missedTiers()).isEmpty();

        MonthCredit p2 = CREDITS.assess(p, month("acme", new TierTally("P1", 99, 100), new TierTally("P2", 96, 100)));
        assertThat(p2.missedTiers()).containsExactly("P2");
        assertThat(p2.percentOwed()).isEqualByComparingTo("5");
        assertThat(p2.amount()).isEqualByComparingTo("1200.00");
        assertThat(p2.currency()).isEqualTo("USD");
        assertThat(p2.capped()).isFalse();

        MonthCredit all = CREDITS.assess(
                p,
                month(
                        "acme",
                        new TierTally("P1", 98, 100),
                        new TierTally("P2", 96, 100),
                        new TierTally("P3", 94, 100)));
        assertThat(all.missedTiers()).containsExactly("P1", "P2", "P3");
        assertThat(all.percentOwed()).isEqualByComparingTo("15"); // 10 + 5 + 2 = 17, capped at 15
        assertThat(all.capped()).isTrue();
        assertThat(all.amount()).isEqualByComparingTo("3600.00");
    }

    @Test
    void goalsWithoutAFeeOweNoAmountAndAClientWithoutTermsIsNotStated() throws Exception {
        SlaPolicy p = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        MonthCredit globex = CREDITS.assess(p, month("globex", new TierTally("P1", 1, 2)));
        assertThat(globex.missedTiers()).containsExactly("P1");
        assertThat(globex.amount()).isNull();
        assertThat(CREDITS.assess(p, month("initech", new TierTally("P1", 0, 5))))
                .isNull();
        assertThat(CREDITS.assess(p, month("someone-unlisted", new TierTally("P1", 0, 5))))
                .isNull();
    }

    @Test
    void aCandidateIsPricedUnderTheTermsItProposes(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of("../infra/policies/default.yaml"))
                .replace("P2: {goal: 97%, credit: 5%}", "P2: {goal: 95%, credit: 8%}");
        SlaPolicy candidate = new PolicyLoader(Path.of("../infra/policies")).parse(yaml, "candidate");
        ClientMonth m = month("acme", new TierTally("P2", 96, 100));
        assertThat(CREDITS.assess(candidate, m).percentOwed()).isEqualByComparingTo("0"); // 96% meets the proposed 95%
        m = month("acme", new TierTally("P2", 94, 100));
        assertThat(CREDITS.assess(candidate, m).amount())
                .isEqualByComparingTo(new BigDecimal("1920.00")); // 8% of 24000
    }

    private static ClientMonth month(String client, TierTally... tiers) {
        return new ClientMonth(client, NOV, false, List.of(tiers));
    }
}
