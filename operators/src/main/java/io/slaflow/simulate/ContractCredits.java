package io.slaflow.simulate;

import io.slaflow.contract.ContractTerms;
import io.slaflow.contract.CreditAssessment;
import io.slaflow.contract.ServiceCredit;
import io.slaflow.contract.TierMonth;
import io.slaflow.policy.SlaPolicy;
import java.util.List;

/**
 * Service credits as each policy's contract terms state them: the client's {@code contract} in that policy, judged by
 * {@link ServiceCredit} exactly as the monthly client report judges it (each tier's month against its goal, the missed
 * tiers' credits summed and capped, a share of the monthly fee). A candidate policy brings its own terms, so a proposal
 * that changes goals, credits or the cap is priced under what it proposes.
 */
public final class ContractCredits implements ServiceCredits {
    /** The client reports' goal for a tier whose contract sets none (ReportSettings' default). */
    public static final double REPORT_DEFAULT_GOAL_PERCENT = 95.0;

    private final double defaultGoalPercent;

    public ContractCredits(double defaultGoalPercent) {
        this.defaultGoalPercent = defaultGoalPercent;
    }

    @Override
    public MonthCredit assess(SlaPolicy policy, ClientMonth month) {
        ContractTerms terms = policy.client(month.clientId()).contract();
        // as the client report: a client whose contract lists no tier has no credit terms
        if (terms == null || terms.tiers().isEmpty()) return null;
        List<TierMonth> tiers = month.tiers().stream()
                .map(t -> new TierMonth(t.tier(), t.met(), t.decided()))
                .toList();
        CreditAssessment a = ServiceCredit.assess(terms, tiers, defaultGoalPercent);
        List<String> missed = a.tiers().stream()
                .filter(CreditAssessment.TierVerdict::missed)
                .map(CreditAssessment.TierVerdict::tier)
                .toList();
        return new MonthCredit(
                a.percentOwed(),
                a.owed() == null ? null : a.owed().amount(),
                terms.monthlyFee() == null
                        ? null
                        : terms.monthlyFee().currency().getCurrencyCode(),
                missed,
                a.capped());
    }
}
