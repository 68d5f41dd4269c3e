package io.slaflow.adherence;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetContributionTest {
    static final long H = AdherenceFragment.HOUR_MS;

    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static OutcomeUpdate update(
            String tier,
            Outcome outcome,
            String started,
            String deadline,
            String completed,
            String breached,
            int revision) {
        return new OutcomeUpdate(
                "T-1",
                "acme",
                tier,
                Metric.RESOLUTION,
                at(started),
                at(deadline),
                outcome,
                completed == null ? -1 : at(completed),
                breached == null ? -1 : at(breached),
                "r",
                "v1",
                false,
                revision);
    }

    @Test
    void aPendingTargetContributesNothing() {
        TargetContribution c = TargetContribution.of(
                update("P1", Outcome.PENDING, "2026-11-20T10:00:00Z", "2026-11-20T14:00:00Z", null, null, 1));
        assertThat(TargetContribution.changes(null, c)).isEmpty();
    }

    @Test
    void aMetTargetCountsOnceDecidedAndOnceSatisfiedInTheHourItWasMet() {
        TargetContribution c = TargetContribution.of(update(
                "P1", Outcome.MET, "2026-11-20T10:00:00Z", "2026-11-20T14:00:00Z", "2026-11-20T12:30:00Z", null, 2));
        List<AdherenceFragment> f = TargetContribution.changes(null, c);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.hourStart()).isEqualTo(at("2026-11-20T12:00:00Z"));
            assertThat(x.counts().met).isEqualTo(1);
            assertThat(x.counts().breached).isZero();
            assertThat(x.counts().satisfied).isEqualTo(1);
            assertThat(x.counts().satisfiedSumMs).isEqualTo(150 * 60_000L);
            assertThat(x.seriesKey()).isEqualTo("acme|P1|RESOLUTION");
        });
    }

    @Test
    void aBreachCountsAtTheDeadlineAndTheLateResolutionWhenItHappens() {
        TargetContribution breached = TargetContribution.of(update(
                "P1",
                Outcome.BREACHED,
                "2026-11-20T10:00:00Z",
                "2026-11-20T14:00:00Z",
                null,
                "2026-11-20T14:00:00Z",
                2));
        assertThat(TargetContribution.changes(null, breached)).singleElement().satisfies(x -> {
            assertThat(x.hourStart()).isEqualTo(at("2026-11-20T14:00:00Z"));
            assertThat(x.counts().breached).isEqualTo(1);
            assertThat(x.counts().satisfied).isZero();
        });
        TargetContribution resolvedLate = TargetContribution.of(update(
                "P1",
                Outcome.BREACHED,
                "2026-11-20T10:00:00Z",
                "2026-11-20T14:00:00Z",
                "2026-11-20T17:10:00Z",
                "2026-11-20T14:00:00Z",
                3));
        assertThat(TargetContribution.changes(breached, resolvedLate))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.hourStart()).isEqualTo(at("2026-11-20T17:00:00Z"));
                    assertThat(x.counts().breached).isZero();
                    assertThat(x.counts().satisfied).isEqualTo(1);
                    assertThat(x.counts().satisfiedSumMs).isEqualTo(430 * 60_000L);
                });
    }

    @Test
    void aReopenRetractsTheMetItHadCounted() {
        TargetContribution met = TargetContribution.of(update(
                "P2", Outcome.MET, "2026-11-20T10:00:00Z", "2026-11-20T18:00:00Z", "2026-11-20T11:15:00Z", null, 2));
        TargetContribution reopened = TargetContribution.of(
                update("P2", Outcome.PENDING, "2026-11-20T10:00:00Z", "2026-11-20T19:00:00Z", null, null, 3));
        assertThat(TargetContribution.changes(met, reopened)).singleElement().satisfies(x -> {
            assertThat(x.hourStart()).isEqualTo(at("2026-11-20T11:00:00Z"));
            assertThat(x.counts().met).isEqualTo(-1);
            assertThat(x.counts().satisfied).isEqualTo(-1);
            assertThat(x.counts().bins).hasSize(1);
            assertThat(x.counts().binCounts).containsExactly(-1);
        });
    }

    @Test
    void aRetierMovesTheContributionToTheOtherSeries() {
        TargetContribution p3 = TargetContribution.of(update(
                "P3", Outcome.MET, "2026-11-20T10:00:00Z", "2026-11-23T10:00:00Z", "2026-11-20T11:00:00Z", null, 2));
        TargetContribution p2 = TargetContribution.of(update(
                "P2", Outcome.MET, "2026-11-20T10:00:00Z", "2026-11-20T18:00:00Z", "2026-11-20T11:00:00Z", null, 3));
        List<AdherenceFragment> f = TargetContribution.changes(p3, p2);
        assertThat(f)
                .extracting(AdherenceFragment::tier, x -> x.counts().met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("P3", -1L), org.assertj.core.groups.Tuple.tuple("P2", 1L));
    }

    @Test
    void anUpdateThatChangesOnlyThePendingDeadlineChangesNothing() {
        TargetContribution a = TargetContribution.of(
                update("P1", Outcome.PENDING, "2026-11-20T10:00:00Z", "2026-11-20T14:00:00Z", null, null, 1));
        TargetContribution b = TargetContribution.of(
                update("P1", Outcome.PENDING, "2026-11-20T10:00:00Z", "2026-11-20T15:00:00Z", null, null, 2));
        assertThat(TargetContribution.changes(a, b)).isEmpty();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void hoursAreUtcAndNegativeSafe() {
        assertThat(AdherenceFragment.hourOf(at("2026-11-20T12:59:59.999Z"))).isEqualTo(at("2026-11-20T12:00:00Z"));
        assertThat(AdherenceFragment.hourOf(-1)).isEqualTo(-H);
    }

    @Test
    void rollingWindowsEndWithTheHourHoldingNow() {
        long now = at("2026-11-20T10:20:00Z");
        assertThat(AdherenceWindow.DAY.startAsOf(now)).isEqualTo(at("2026-11-19T11:00:00Z"));
        assertThat(AdherenceWindow.DAY.endAsOf(now)).isEqualTo(at("2026-11-20T11:00:00Z"));
        assertThat(AdherenceWindow.MONTH.startAsOf(now)).isEqualTo(at("2026-10-21T11:00:00Z"));
    }
}
