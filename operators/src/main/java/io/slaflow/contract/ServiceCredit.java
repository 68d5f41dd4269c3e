package io.slaflow.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The service-credit rule: a tier misses its goal in a month when something of it was decided and
 * {@code met / decided} is below the goal; each tier that misses adds its credit (percent of the monthly fee); the sum
 * is capped at the contract's cap. A month in which a tier decided nothing cannot miss for that tier.
 */
public final class ServiceCredit {
    private ServiceCredit() {}

    public static CreditAssessment assess(ContractTerms terms, List<TierMonth> months, double defaultGoalPercent) {
        List<CreditAssessment.TierVerdict> verdicts = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (TierMonth m : months) {
            double goal = terms.goalFor(m.tier(), defaultGoalPercent);
            double adherence = m.adherencePercent();
            boolean missed = m.decided() > 0 && adherence < goal;
            TierTerms t = terms.tiers().get(m.tier());
            BigDecimal credit = missed && t != null ? t.creditPercent() : BigDecimal.ZERO;
            sum = sum.add(credit);
            verdicts.add(
                    new CreditAssessment.TierVerdict(m.tier(), m.met(), m.decided(), adherence, goal, missed, credit));
        }
        BigDecimal owedPercent = sum.min(terms.creditCapPercent());
        Money owed = terms.monthlyFee() == null ? null : terms.monthlyFee().percent(owedPercent);
        return new CreditAssessment(verdicts, sum, owedPercent, terms.creditCapPercent(), terms.monthlyFee(), owed);
    }
}
