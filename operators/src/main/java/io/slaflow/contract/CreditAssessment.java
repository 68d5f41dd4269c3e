package io.slaflow.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The service credit of one client's month, with every figure it rests on.
 *
 * @param tiers             each tier's month against its goal, in the order given
 * @param percentBeforeCap  the sum of the credits of the tiers that missed their goal
 * @param percentOwed       that sum capped at the contract's cap
 * @param owed              percentOwed of the monthly fee; null when the contract has no fee
 */
public record CreditAssessment(
        List<TierVerdict> tiers,
        BigDecimal percentBeforeCap,
        BigDecimal percentOwed,
        BigDecimal capPercent,
        Money monthlyFee,
        Money owed)
        implements Serializable {

    public CreditAssessment {
        tiers = new ArrayList<>(tiers);
    }

    /** True when money is owed (a goal was missed, the tier carries a credit and there is a fee). */
    public boolean creditDue() {
        return owed != null && owed.amount().signum() > 0;
    }

    public boolean capped() {
        return percentBeforeCap.compareTo(percentOwed) > 0;
    }

    /**
     * @param adherencePercent NaN when nothing of the tier was decided in the month (then it cannot miss its goal)
     * @param missed           decided something and fell below the goal
     * @param creditPercent    the credit this tier adds (its contract credit when missed, else zero)
     */
    public record TierVerdict(
            String tier,
            long met,
            long decided,
            double adherencePercent,
            double goalPercent,
            boolean missed,
            BigDecimal creditPercent)
            implements Serializable {}
}
