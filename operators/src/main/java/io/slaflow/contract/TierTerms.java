package io.slaflow.contract;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * What the contract says about one priority tier.
 *
 * @param goalPercent   the adherence the MSP commits to for the tier's targets in a month (0-100)
 * @param creditPercent the service credit, in percent of the monthly fee, owed for a month in which the tier misses
 *                      its goal (zero: the goal is reported but no credit is attached)
 */
public record TierTerms(double goalPercent, BigDecimal creditPercent) implements Serializable {
    public TierTerms {
        if (!(goalPercent > 0 && goalPercent <= 100))
            throw new IllegalArgumentException("a goal is above 0% and at most 100%");
        if (creditPercent == null
                || creditPercent.signum() < 0
                || creditPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("a credit is between 0% and 100% of the monthly fee");
        }
    }
}
