package io.slaflow.contract;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client's contract terms beyond the targets: the adherence goal per tier and the service credits owed when a tier
 * misses it in a month. Pure data with the arithmetic in {@link ServiceCredit}; the client reports and the contract
 * simulator both read it.
 *
 * @param monthlyFee       the fee the credits are a share of; null when the contract states goals only
 * @param creditCapPercent the most that is credited in one month, in percent of the fee (100 when uncapped)
 * @param tiers            tier id → its terms; a tier not listed has the report's default goal and no credit
 */
public record ContractTerms(Money monthlyFee, BigDecimal creditCapPercent, Map<String, TierTerms> tiers)
        implements Serializable {

    /** No contract terms: every tier has the default goal, nothing is ever credited. */
    public static final ContractTerms NONE = new ContractTerms(null, BigDecimal.valueOf(100), Map.of());

    public ContractTerms {
        Objects.requireNonNull(creditCapPercent, "creditCapPercent");
        tiers = new LinkedHashMap<>(tiers); // Flink's Kryo fallback cannot rebuild immutable maps
    }

    /** The tier's goal, or {@code defaultGoalPercent} when the contract does not set one. */
    public double goalFor(String tier, double defaultGoalPercent) {
        TierTerms t = tiers.get(tier);
        return t == null ? defaultGoalPercent : t.goalPercent();
    }

    /** Whether a missed goal can cost money: a fee and at least one tier with a credit. */
    public boolean hasCredits() {
        return monthlyFee != null
                && tiers.values().stream().anyMatch(t -> t.creditPercent().signum() > 0);
    }
}
