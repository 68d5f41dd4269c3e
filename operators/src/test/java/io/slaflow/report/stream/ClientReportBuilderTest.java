package io.slaflow.report.stream;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.breached;
import static io.slaflow.report.ReportFixtures.escalation;
import static io.slaflow.report.ReportFixtures.met;
import static io.slaflow.report.ReportFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodSummary;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportFixtures;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportJson;
import io.slaflow.report.ReportPeriod;
import io.slaflow.report.ReportSettings;
import io.slaflow.sla.OutcomeUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ClientReportBuilderTest {
    static final ReportDirectory DIR = ReportDirectory.of(ReportFixtures.defaultPolicy());
    static final long LATENESS = Duration.ofMinutes(5).toMillis();
    static final ReportSettings LIVE = ReportSettings.live(Duration.ofMinutes(5));

    static KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> harness(ReportSettings s)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ClientReportBuilder(DIR, s), ReportInput::clientId, Types.STRING);
    }

    static void add(KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> h, OutcomeUpdate u)
            throws Exception {
        h.processElement(ReportInput.of(u), Math.max(u.completedAt(), u.breachedAt()));
    }

    static List<String> weekly(List<ClientReport> out) {
        return out.stream()
                .filter(r -> r.period().kind() == ReportPeriod.Kind.WEEK)
                .map(ClientReport::id)
                .toList();
    }

    @Test
    void eachClientsWeekClosesAtItsOwnMidnightPlusLatenessAndHoldsOnlyItsData() throws Exception {
        var h = harness(LIVE);
        // the same afternoon (UTC) for three clients in three zones, plus a breach with escalation for each
        for (String client : List.of("acme", "globex", "initech")) {
            add(h, met(client, client + "-1", "P1", Metric.RESPONSE, "2026-11-18T14:00:00Z", 5, 15));
            OutcomeUpdate b = breached(client, client + "-2", "P1", Metric.RESPONSE, "2026-11-18T15:00:00Z", 15, 45);
            add(h, b);
            h.processElement(ReportInput.of(breachAlert(b)), b.breachedAt());
            h.processElement(ReportInput.of(escalation(b, 1, 30)), b.breachedAt() + 30 * 60_000);
        }
        long manilaClose = ms("2026-11-22T16:00:00Z") + LATENESS; // Monday 00:00 +08:00
        long londonClose = ms("2026-11-23T00:00:00Z") + LATENESS; // Monday 00:00 GMT
        long newYorkClose = ms("2026-11-23T05:00:00Z") + LATENESS; // Monday 00:00 -05:00

        h.processWatermark(manilaClose - 1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(manilaClose);
        assertThat(weekly(h.extractOutputValues())).containsExactly("globex:WEEK:2026-W47");
        h.processWatermark(londonClose - 1);
        assertThat(weekly(h.extractOutputValues())).containsExactly("globex:WEEK:2026-W47");
        h.processWatermark(londonClose);
        assertThat(weekly(h.extractOutputValues())).containsExactly("globex:WEEK:2026-W47", "initech:WEEK:2026-W47");
        h.processWatermark(newYorkClose);
        assertThat(weekly(h.extractOutputValues()))
                .containsExactly("globex:WEEK:2026-W47", "initech:WEEK:2026-W47", "acme:WEEK:2026-W47");

        for (ClientReport r : h.extractOutputValues()) {
            String client = r.client().id();
            assertThat(r.generatedAt()).isEqualTo(r.period().endMs() + LATENESS);
            assertThat(r.figures().met()).isEqualTo(1);
            assertThat(r.figures().breached()).isEqualTo(1);
            assertThat(r.figures().breaches())
                    .allSatisfy(b -> assertThat(b.ticketId()).startsWith(client + "-"));
            assertThat(r.figures().escalations())
                    .allSatisfy(x -> assertThat(x.ticketId()).startsWith(client + "-"));
            assertThat(r.figures().breaches().get(0).evidence())
                    .containsExactly(client + "-2:RESPONSE:BREACH", client + "-2:RESPONSE:ESCALATION:1");
            assertThat(r.client().contacts()).isEqualTo(DIR.client(client).contacts());
            assertThat(new String(ReportJson.toJsonBytes(r)))
                    .doesNotContain(List.of("acme-", "globex-", "initech-").stream()
                            .filter(p -> !p.startsWith(client))
                            .toArray(String[]::new));
        }
    }

    /**
     * A replay's last watermark (Long.MAX_VALUE) makes CEP complete the chains still waiting and stamp them with that
     * time; the builder took it as the time the fact became known and stopped the replay with 'long overflow' (a P3
     * escalation nobody acted on, found by SessionClusterIT after the merge of replay reports and issue 18). Such a
     * fact is known at its own time and counts in its week.
     */
    @Test
    void aFactStampedWithTheEndOfABoundedInputCountsAtItsOwnTime() throws Exception {
        var h = harness(LIVE);
        OutcomeUpdate b = breached("acme", "acme-1", "P1", Metric.RESPONSE, "2026-11-18T15:00:00Z", 15, 45);
        add(h, b);
        h.processElement(
                ReportInput.of(
                        new ReportInput.ChainNote("c1", "acme", b.breachedAt() + 1_800_000, "escalation ignored")),
                Long.MAX_VALUE);
        h.processWatermark(Long.MAX_VALUE);
        List<ClientReport> week = h.extractOutputValues().stream()
                .filter(r -> r.period().kind() == ReportPeriod.Kind.WEEK)
                .toList();
        assertThat(week).extracting(ClientReport::id).containsExactly("acme:WEEK:2026-W47");
        assertThat(week.get(0).corrections()).isEmpty();
    }

    @Test
    void monthlyReportsAndStateIsEmptyOnceNothingIsOpen() throws Exception {
        var h = harness(LIVE);
        add(h, met("globex", "G1", "P2", Metric.RESPONSE, "2026-11-18T14:00:00Z", 20, 60));
        h.processWatermark(ms("2026-11-30T16:00:00Z") + LATENESS); // 1 December 00:00 in Manila
        assertThat(h.extractOutputValues())
                .extracting(ClientReport::id)
                .containsExactly("globex:WEEK:2026-W47", "globex:MONTH:2026-11");
        assertThat(h.numKeyedStateEntries())
                .as("the target is kept for corrections, the trend figures")
                .isPositive();
        h.processWatermark(ms("2028-01-01T00:00:00Z")); // past the correction horizon and the year the trend is kept
        assertThat(h.extractOutputValues()).as("quiet periods are not reported").hasSize(2);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    /** A ticket's subject reaches its breach row, counts nowhere, sets no timer, and is forgotten with its targets. */
    @Test
    void aSubjectReachesTheBreachRowAndIsForgottenWithItsTicket() throws Exception {
        var h = harness(LIVE);
        h.processElement(
                ReportInput.of(new ReportInput.TicketNote("G2", "globex", "Server down: <all> users")),
                ms("2026-11-18T14:00:00Z"));
        assertThat(h.numEventTimeTimers())
                .as("a subject alone is reported nowhere")
                .isZero();
        OutcomeUpdate b = breached("globex", "G2", "P1", Metric.RESPONSE, "2026-11-18T14:00:00Z", 15, 45);
        add(h, b);
        h.processElement(ReportInput.of(breachAlert(b)), b.breachedAt());
        h.processWatermark(ms("2026-11-22T16:00:00Z") + LATENESS);
        ClientReport week = h.extractOutputValues().get(0);
        assertThat(week.figures().breaches())
                .singleElement()
                .satisfies(r -> assertThat(r.subject()).isEqualTo("Server down: <all> users"));
        assertThat(new String(ReportJson.toJsonBytes(week), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"subject\":\"Server down: <all> users\"");
        h.processWatermark(ms("2028-01-01T00:00:00Z"));
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void theTrendComparesWithThePreviousWeek() throws Exception {
        var h = harness(LIVE);
        add(h, met("initech", "I1", "P1", Metric.RESPONSE, "2026-11-10T10:00:00Z", 5, 15));
        add(h, breached("initech", "I2", "P1", Metric.RESPONSE, "2026-11-11T10:00:00Z", 15, 20));
        add(h, met("initech", "I3", "P1", Metric.RESPONSE, "2026-11-17T10:00:00Z", 5, 15));
        h.processWatermark(ms("2026-11-23T00:00:00Z") + LATENESS);
        List<ClientReport> weeks = h.extractOutputValues().stream()
                .filter(r -> r.period().kind() == ReportPeriod.Kind.WEEK)
                .toList();
        assertThat(weeks).extracting(r -> r.period().label()).containsExactly("2026-W46", "2026-W47");
        assertThat(weeks.get(0).previous()).isNull();
        assertThat(weeks.get(1).previous().label()).isEqualTo("2026-W46");
        assertThat(weeks.get(1).previousPercent("P1", Metric.RESPONSE)).isEqualTo(50.0);
        assertThat(weeks.get(1).summary())
                .isEqualTo(
                        "100.0% of SLA targets met across all tiers (up from 50.0% last week). Every target met its goal. No breaches.");
        assertThat(weeks.get(1).trend()).extracting(PeriodSummary::label).containsExactly("2026-W46", "2026-W47");
    }

    @Test
    void aLateOutcomeWithinTheLatenessCountsAndOneAfterTheCloseIsACorrectionInTheNextReport() throws Exception {
        var h = harness(LIVE);
        add(h, met("initech", "I1", "P1", Metric.RESPONSE, "2026-11-22T23:00:00Z", 5, 15));
        h.processWatermark(ms("2026-11-23T00:03:00Z"));
        add(h, met("initech", "I2", "P1", Metric.RESPONSE, "2026-11-22T23:50:00Z", 5, 15)); // late, within lateness
        h.processWatermark(ms("2026-11-23T00:05:00Z"));
        add(h, met("initech", "I3", "P1", Metric.RESPONSE, "2026-11-22T23:51:00Z", 5, 15)); // after the close
        h.processWatermark(ms("2026-12-01T00:05:00Z"));
        List<String> weeks = weekly(h.extractOutputValues());
        assertThat(weeks)
                .as("the issued week is not reissued; the next one states the change")
                .containsExactly("initech:WEEK:2026-W47", "initech:WEEK:2026-W48");
        ClientReport w47 = h.extractOutputValues().get(0);
        assertThat(w47.figures().met()).isEqualTo(2);
        ClientReport w48 = h.extractOutputValues().stream()
                .filter(r -> r.id().equals("initech:WEEK:2026-W48"))
                .findFirst()
                .orElseThrow();
        assertThat(w48.figures().met()).isZero();
        assertThat(w48.corrections()).singleElement().satisfies(c -> {
            assertThat(c.periodLabel()).isEqualTo("2026-W47");
            assertThat(c.ticketId()).isEqualTo("I3");
            assertThat(c.wasDecided()).isNull();
            assertThat(c.nowDecided()).isEqualTo(io.slaflow.sla.Outcome.MET);
        });
        assertThat(w48.trend())
                .extracting(PeriodSummary::label, PeriodSummary::met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-W47", 3L),
                        org.assertj.core.groups.Tuple.tuple("2026-W48", 0L));
        ClientReport november = h.extractOutputValues().stream()
                .filter(r -> r.period().kind() == ReportPeriod.Kind.MONTH)
                .findFirst()
                .orElseThrow();
        assertThat(november.figures().met())
                .as("the month was still open for the third")
                .isEqualTo(3);
        assertThat(november.corrections()).isEmpty();
    }

    @Test
    void aReopenAfterTheCloseRetractsTheMetInTheNextReportNotTheIssuedOne() throws Exception {
        var h = harness(LIVE);
        OutcomeUpdate resolved = met("initech", "I1", "P2", Metric.RESOLUTION, "2026-11-18T10:00:00Z", 60, 480);
        add(h, resolved);
        h.processWatermark(ms("2026-11-23T00:05:00Z"));
        OutcomeUpdate reopened = new OutcomeUpdate(
                "I1",
                "initech",
                "P2",
                Metric.RESOLUTION,
                resolved.startedAt(),
                resolved.deadline(),
                io.slaflow.sla.Outcome.PENDING,
                -1,
                -1,
                "default",
                "v1",
                false,
                resolved.revision() + 1);
        h.processElement(ReportInput.of(reopened), ms("2026-11-24T09:00:00Z"));
        h.processWatermark(ms("2026-11-30T00:05:00Z"));
        List<ClientReport> weeks = h.extractOutputValues().stream()
                .filter(r -> r.period().kind() == ReportPeriod.Kind.WEEK)
                .toList();
        assertThat(weeks).extracting(r -> r.period().label()).containsExactly("2026-W47", "2026-W48");
        assertThat(weeks.get(0).figures().met()).as("issued before the reopen").isEqualTo(1);
        assertThat(weeks.get(1).corrections()).singleElement().satisfies(c -> {
            assertThat(c.periodLabel()).isEqualTo("2026-W47");
            assertThat(c.wasDecided()).isEqualTo(io.slaflow.sla.Outcome.MET);
            assertThat(c.nowDecided()).isNull();
            assertThat(c.knownAt()).isEqualTo(ms("2026-11-24T09:00:00Z"));
        });
        assertThat(weeks.get(1).previous().met())
                .as("the trend shows W47 restated")
                .isZero();
        assertThat(weeks.get(1).figures().backlog().open())
                .as("reopened: open again at the end of W48")
                .isEqualTo(1);
    }

    @Test
    void aVersionKnownAfterThePeriodEndsIsNotCountedWhateverItsArrival() throws Exception {
        // the race behind non-reproducible reports: a faster channel delivers the resolution of Monday before the
        // slower one lets the watermark pass Sunday's close; the report must count the version known on Sunday
        var h = harness(LIVE);
        OutcomeUpdate open = breached("initech", "I1", "P1", Metric.RESPONSE, "2026-11-22T20:00:00Z", 15, -1);
        h.processElement(ReportInput.of(open), open.breachedAt());
        OutcomeUpdate answeredMonday = new OutcomeUpdate(
                "I1",
                "initech",
                "P1",
                Metric.RESPONSE,
                open.startedAt(),
                open.deadline(),
                io.slaflow.sla.Outcome.BREACHED,
                ms("2026-11-23T08:00:00Z"),
                open.breachedAt(),
                "default",
                "v1",
                false,
                open.revision() + 1);
        h.processElement(ReportInput.of(answeredMonday), answeredMonday.completedAt()); // arrives before the close
        h.processWatermark(ms("2026-11-23T00:05:00Z"));
        ClientReport w47 = h.extractOutputValues().get(0);
        assertThat(w47.figures().breaches()).singleElement().satisfies(b -> {
            assertThat(b.satisfiedAt()).as("still open at the period's end").isEqualTo(-1);
            assertThat(b.lateByMs()).isEqualTo(ms("2026-11-23T00:00:00Z") - open.deadline());
        });
        assertThat(w47.figures().counted())
                .singleElement()
                .satisfies(u -> assertThat(u.revision()).isEqualTo(open.revision()));
    }

    @Test
    void aWeekAcrossTheAutumnClockChangeClosesAtLocalMidnight() throws Exception {
        var h = harness(LIVE);
        // Sunday 25 October 2026 23:30 in London (GMT again since 02:00 BST) is still week 43
        add(h, met("initech", "I1", "P3", Metric.RESPONSE, "2026-10-25T23:00:00Z", 30, 240));
        // in New York the clocks change a week later: Sunday 1 November 23:30 EST = 2 November 04:30 UTC
        add(h, met("acme", "A1", "P3", Metric.RESPONSE, "2026-11-02T04:00:00Z", 30, 240));
        h.processWatermark(ms("2026-10-26T00:05:00Z") - 1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(ms("2026-10-26T00:05:00Z"));
        assertThat(weekly(h.extractOutputValues())).containsExactly("initech:WEEK:2026-W43");
        h.processWatermark(ms("2026-11-02T05:05:00Z") - 1);
        assertThat(weekly(h.extractOutputValues())).containsExactly("initech:WEEK:2026-W43");
        h.processWatermark(ms("2026-11-02T05:05:00Z"));
        assertThat(weekly(h.extractOutputValues())).containsExactly("initech:WEEK:2026-W43", "acme:WEEK:2026-W44");
        ClientReport acme = h.extractOutputValues().stream()
                .filter(r -> r.id().equals("acme:WEEK:2026-W44"))
                .findFirst()
                .orElseThrow();
        assertThat(acme.figures().met()).isEqualTo(1);
        assertThat(acme.period().endMs() - acme.period().startMs())
                .isEqualTo(Duration.ofHours(169).toMillis());
    }

    @Test
    void aReplayDoesNotReportThePeriodStillRunningAtItsAsOf() throws Exception {
        var h = harness(LIVE.withReportUntil(ms("2026-11-25T00:00:00Z")));
        add(h, met("initech", "I1", "P1", Metric.RESPONSE, "2026-11-17T10:00:00Z", 5, 15));
        add(h, met("initech", "I2", "P1", Metric.RESPONSE, "2026-11-24T10:00:00Z", 5, 15));
        h.processWatermark(Long.MAX_VALUE); // the end of a bounded input fires every timer
        assertThat(h.extractOutputValues()).extracting(ClientReport::id).containsExactly("initech:WEEK:2026-W47");
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void anUnlistedClientGetsTheDefaultProfile() throws Exception {
        var h = harness(LIVE);
        add(h, met("walk-in", "W1", "P3", Metric.RESPONSE, "2026-11-18T10:00:00Z", 30, 240));
        h.processWatermark(ms("2026-11-23T00:05:00Z")); // the default profile is on UTC
        assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.client().unlisted()).isTrue();
            assertThat(r.client().contacts()).containsExactly("service-desk@msp.example");
        });
    }
}
