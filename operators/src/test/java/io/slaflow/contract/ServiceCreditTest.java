package io.slaflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCreditTest {
    static final ContractTerms ACME = new ContractTerms(
            Money.parse("24000 USD"),
            new BigDecimal("15"),
            Map.of(
                    "P1", new TierTerms(99, new BigDecimal("10")),
                    "P2", new TierTerms(97, new BigDecimal("5")),
                    "P3", new TierTerms(95, new BigDecimal("2"))));

    @Test
    void everyTierMeetingItsGoalOwesNothing() {
        CreditAssessment a = ServiceCredit.assess(
                ACME,
                List.of(new TierMonth("P1", 100, 100), new TierMonth("P2", 97, 100), new TierMonth("P3", 19, 20)),
                95);
        assertThat(a.creditDue()).isFalse();
        assertThat(a.owed().display()).isEqualTo("USD 0.00");
        assertThat(a.tiers()).noneMatch(CreditAssessment.TierVerdict::missed);
    }

    @Test
    void aMissedTierAddsItsCreditOfTheMonthlyFee() {
        CreditAssessment a =
                ServiceCredit.assess(ACME, List.of(new TierMonth("P1", 9, 10), new TierMonth("P2", 100, 100)), 95);
        assertThat(a.tiers().get(0).missed()).isTrue();
        assertThat(a.tiers().get(0).adherencePercent()).isEqualTo(90.0);
        assertThat(a.percentOwed()).isEqualByComparingTo("10");
        assertThat(a.owed().display()).isEqualTo("USD 2,400.00");
        assertThat(a.capped()).isFalse();
    }

    @Test
    void theSumIsCappedAndAQuietTierCannotMiss() {
        CreditAssessment a = ServiceCredit.assess(
                ACME, List.of(new TierMonth("P1", 0, 1), new TierMonth("P2", 1, 2), new TierMonth("P3", 0, 0)), 95);
        assertThat(a.percentBeforeCap()).isEqualByComparingTo("15");
        assertThat(ServiceCredit.assess(
                                ACME,
                                List.of(
                                        new TierMonth("P1", 0, 1),
                                        new TierMonth("P2", 1, 2),
                                        new TierMonth("P3", 1, 2)),
                                95)
                        .percentBeforeCap())
                .isEqualByComparingTo("17");
        CreditAssessment capped = ServiceCredit.assess(
                ACME, List.of(new TierMonth("P1", 0, 1), new TierMonth("P2", 1, 2), new TierMonth("P3", 1, 2)), 95);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.owed().display()).isEqualTo("USD 3,600.00");
        assertThat(a.tiers().get(2).missed()).as("nothing decided: no verdict").isFalse();
    }

    @Test
    void aTierWithoutTermsHasTheDefaultGoalAndNoCredit() {
        ContractTerms goalsOnly = new ContractTerms(null, new BigDecimal("100"), Map.of());
        CreditAssessment a = ServiceCredit.assess(goalsOnly, List.of(new TierMonth("P1", 90, 100)), 95);
        assertThat(a.tiers().get(0).missed()).isTrue();
        assertThat(a.tiers().get(0).goalPercent()).isEqualTo(95.0);
        assertThat(a.owed()).isNull();
        assertThat(a.creditDue()).isFalse();
    }

    @Test
    void moneyIsExactAndRoundedToTheCurrencysMinorUnit() {
        assertThat(Money.parse("999.99 EUR").percent(new BigDecimal("2.5")).display())
                .isEqualTo("EUR 25.00");
        assertThat(Money.parse("1000 JPY").percent(new BigDecimal("3.33")).display())
                .isEqualTo("JPY 33");
        assertThatThrownBy(() -> Money.parse("12")).hasMessageContaining("e.g. '24000 USD'");
        assertThatThrownBy(() -> new TierTerms(0, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
