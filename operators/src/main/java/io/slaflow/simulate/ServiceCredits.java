package io.slaflow.simulate;

import io.slaflow.policy.SlaPolicy;
import java.math.BigDecimal;
import java.util.List;

/**
 * The service credits a policy's contract terms grant a client for a month: the seam between the simulator and the
 * contract terms (per client and tier an adherence goal and a monthly credit, a share of a monthly fee, capped) that
 * the client-report work, issue 19, adds to the policy. The simulator computes each client's months under every policy
 * ({@link ClientMonth}) and asks this what they cost; it keeps no contract-terms model of its own.
 */
@FunctionalInterface
public interface ServiceCredits {

    /** What {@code month} earns the client under {@code policy}, or null when the policy states no credit terms for it. */
    MonthCredit assess(SlaPolicy policy, ClientMonth month);

    /** Until the policy format carries contract terms: none is stated, so nothing is owed and the outputs say so. */
    ServiceCredits NOT_STATED = (policy, month) -> null;

    /**
     * A month's credit.
     *
     * @param percentOwed the share of the monthly fee owed (after the cap)
     * @param amount      that share of the fee, in {@code currency}; null when the contract states no fee
     * @param missedTiers the tiers that missed their goal in the month
     * @param capped      the cap cut the sum of the tiers' credits
     */
    record MonthCredit(
            BigDecimal percentOwed, BigDecimal amount, String currency, List<String> missedTiers, boolean capped) {}
}
