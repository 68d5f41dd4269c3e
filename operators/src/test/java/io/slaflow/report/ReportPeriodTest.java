package io.slaflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.report.ReportPeriod.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportPeriodTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId MANILA = ZoneId.of("Asia/Manila");

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static Duration length(ReportPeriod p) {
        return Duration.ofMillis(p.endMs() - p.startMs());
    }

    @ParameterizedTest(name = "{0} {1}: {2} .. {3} ({4} h)")
    @CsvSource({
        // spring forward: the week is an hour short
        "Europe/London,    2026-W13, 2026-03-23T00:00:00Z, 2026-03-29T23:00:00Z, 167",
        "America/New_York, 2026-W10, 2026-03-02T05:00:00Z, 2026-03-09T04:00:00Z, 167",
        // fall back: an hour long
        "Europe/London,    2026-W43, 2026-10-18T23:00:00Z, 2026-10-26T00:00:00Z, 169",
        "America/New_York, 2026-W44, 2026-10-26T04:00:00Z, 2026-11-02T05:00:00Z, 169",
        // Manila has no DST: always 168 h, starting the Sunday before at 16:00 UTC
        "Asia/Manila,      2026-W13, 2026-03-22T16:00:00Z, 2026-03-29T16:00:00Z, 168",
        "Asia/Manila,      2026-W47, 2026-11-15T16:00:00Z, 2026-11-22T16:00:00Z, 168",
        "America/New_York, 2026-W47, 2026-11-16T05:00:00Z, 2026-11-23T05:00:00Z, 168",
        "Europe/London,    2026-W47, 2026-11-16T00:00:00Z, 2026-11-23T00:00:00Z, 168",
    })
    void weeksRunMondayMidnightToMondayMidnightLocally(
            String zone, String label, String start, String end, long hours) {
        ReportPeriod p = ReportPeriod.parse(label, ZoneId.of(zone));
        assertThat(p.kind()).isEqualTo(Kind.WEEK);
        assertThat(p.label()).isEqualTo(label);
        assertThat(Instant.ofEpochMilli(p.startMs())).isEqualTo(Instant.parse(start));
        assertThat(Instant.ofEpochMilli(p.endMs())).isEqualTo(Instant.parse(end));
        assertThat(length(p)).isEqualTo(Duration.ofHours(hours));
        // the period containing its first and last millisecond is itself; its end belongs to the next week
        assertThat(ReportPeriod.containing(Kind.WEEK, ZoneId.of(zone), p.startMs()))
                .isEqualTo(p);
        assertThat(ReportPeriod.containing(Kind.WEEK, ZoneId.of(zone), p.endMs() - 1))
                .isEqualTo(p);
        assertThat(ReportPeriod.containing(Kind.WEEK, ZoneId.of(zone), p.endMs()))
                .isEqualTo(p.next());
        assertThat(p.next().startMs()).isEqualTo(p.endMs());
        assertThat(p.next().previous()).isEqualTo(p);
    }

    @Test
    void theSameInstantFallsInDifferentWeeksInTheThreeZones() {
        long t = ms("2026-11-22T20:00:00Z"); // Monday 04:00 in Manila, Sunday evening in London and New York
        assertThat(ReportPeriod.containing(Kind.WEEK, MANILA, t).label()).isEqualTo("2026-W48");
        assertThat(ReportPeriod.containing(Kind.WEEK, LONDON, t).label()).isEqualTo("2026-W47");
        assertThat(ReportPeriod.containing(Kind.WEEK, NEW_YORK, t).label()).isEqualTo("2026-W47");
        long u = ms("2026-11-23T03:00:00Z"); // Monday in London, still Sunday 22:00 in New York
        assertThat(ReportPeriod.containing(Kind.WEEK, LONDON, u).label()).isEqualTo("2026-W48");
        assertThat(ReportPeriod.containing(Kind.WEEK, NEW_YORK, u).label()).isEqualTo("2026-W47");
    }

    @Test
    void isoWeekYearsAtTheTurnOfTheYear() {
        // 2026 starts on a Thursday, so it has 53 ISO weeks; 1 January 2027 (a Friday) is in 2026-W53
        assertThat(ReportPeriod.containing(Kind.WEEK, LONDON, ms("2027-01-01T12:00:00Z"))
                        .label())
                .isEqualTo("2026-W53");
        assertThat(ReportPeriod.parse("2026-W53", LONDON).next().label()).isEqualTo("2027-W01");
        // and 2026-W01 begins on Monday 29 December 2025
        assertThat(Instant.ofEpochMilli(ReportPeriod.parse("2026-W01", LONDON).startMs()))
                .isEqualTo(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(ReportPeriod.parse("2026-W01", LONDON).previous().label()).isEqualTo("2025-W52");
        assertThatThrownBy(() -> ReportPeriod.parse("2025-W53", LONDON)).hasMessageContaining("52 ISO weeks");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "America/New_York, 2026-11, 2026-11-01T04:00:00Z, 2026-12-01T05:00:00Z",
        "Europe/London,    2026-03, 2026-03-01T00:00:00Z, 2026-03-31T23:00:00Z",
        "Asia/Manila,      2026-02, 2026-01-31T16:00:00Z, 2026-02-28T16:00:00Z",
        "Europe/London,    2026-12, 2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
    })
    void monthsAreCalendarMonthsInTheClientZone(String zone, String label, String start, String end) {
        ReportPeriod p = ReportPeriod.parse(label, ZoneId.of(zone));
        assertThat(p.kind()).isEqualTo(Kind.MONTH);
        assertThat(Instant.ofEpochMilli(p.startMs())).isEqualTo(Instant.parse(start));
        assertThat(Instant.ofEpochMilli(p.endMs())).isEqualTo(Instant.parse(end));
        assertThat(ReportPeriod.containing(Kind.MONTH, ZoneId.of(zone), p.endMs() - 1))
                .isEqualTo(p);
        assertThat(p.next().startMs()).isEqualTo(p.endMs());
    }

    @Test
    void monthNextAndPreviousCrossTheYear() {
        assertThat(ReportPeriod.parse("2026-12", MANILA).next().label()).isEqualTo("2027-01");
        assertThat(ReportPeriod.parse("2026-01", MANILA).previous().label()).isEqualTo("2025-12");
    }

    @Test
    void refusesLabelsThatAreNoPeriod() {
        assertThatThrownBy(() -> ReportPeriod.parse("2026-13", LONDON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportPeriod.parse("2026-W00", LONDON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportPeriod.parse("last week", LONDON)).hasMessageContaining("2026-W47");
    }

    @Test
    void dayRangeIsInLocalDays() {
        assertThat(ReportPeriod.parse("2026-W47", MANILA).dayRange()).isEqualTo("2026-11-16 – 2026-11-22");
        assertThat(ReportPeriod.parse("2026-02", NEW_YORK).dayRange()).isEqualTo("2026-02-01 – 2026-02-28");
    }

    /** The builder's shortcut and the full period agree everywhere: DST gaps at midnight, half-hour shifts, year ends. */
    @Test
    void endOfIsTheContainingPeriodsEnd() {
        long step = Duration.ofHours(7).plusMinutes(13).toMillis();
        for (String zone : new String[] {
            "UTC",
            "Europe/London",
            "America/New_York",
            "America/Santiago",
            "America/Havana",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "Asia/Manila"
        }) {
            ZoneId z = ZoneId.of(zone);
            for (long t = ms("2024-12-20T00:00:00Z"); t < ms("2027-01-10T00:00:00Z"); t += step) {
                for (Kind kind : Kind.values()) {
                    ReportPeriod p = ReportPeriod.containing(kind, z, t);
                    assertThat(ReportPeriod.endOf(kind, z, t))
                            .as("%s %s %s", zone, kind, Instant.ofEpochMilli(t))
                            .isEqualTo(p.endMs());
                    if (kind == Kind.WEEK) {
                        var monday = Instant.ofEpochMilli(p.startMs()).atZone(z).toLocalDate();
                        assertThat(p.label())
                                .isEqualTo(String.format(
                                        "%04d-W%02d",
                                        monday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                                        monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                    }
                }
            }
        }
    }
}
