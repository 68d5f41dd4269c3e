package io.slaflow.calendar;

import static io.slaflow.calendar.TestCalendars.LONDON;
import static io.slaflow.calendar.TestCalendars.NEW_YORK;
import static io.slaflow.calendar.TestCalendars.at;
import static io.slaflow.calendar.TestCalendars.calendar;
import static io.slaflow.calendar.TestCalendars.london;
import static io.slaflow.calendar.TestCalendars.londonOffice;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DST changes in 2026. London: Sun 29 March 01:00 GMT → 02:00 BST, Sun 25 October 02:00 BST → 01:00 GMT.
 * New York: Sun 8 March 02:00 EST → 03:00 EDT, Sun 1 November 02:00 EDT → 01:00 EST. Expected instants around
 * the changes are written in UTC so they do not depend on how a library resolves local times.
 */
class DaylightSavingTest {

    @Nested
    class BusinessHoursCalendar {

        private final WorkingHoursCalendar londonEveryDay = calendar(LONDON, Holidays.none(), "mon-sun", "09:00-17:00");
        private final WorkingHoursCalendar newYorkEveryDay =
                calendar(NEW_YORK, Holidays.none(), "mon-sun", "09:00-17:00");

        @Test
        void aNineToFiveDayIsEightRealHoursOnBothChangeDays() {
            assertThat(londonEveryDay.businessTimeBetween(
                            Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-29T23:00:00Z")))
                    .isEqualTo(Duration.ofHours(16));
            assertThat(londonEveryDay.businessTimeBetween(
                            Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")))
                    .isEqualTo(Duration.ofHours(8));
            assertThat(newYorkEveryDay.businessTimeBetween(
                            Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z")))
                    .isEqualTo(Duration.ofHours(8));
            assertThat(newYorkEveryDay.businessTimeBetween(
                            Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z")))
                    .isEqualTo(Duration.ofHours(8));
        }

        @Test
        void addBusinessTimeOpensAtLocalNineAfterTheChange() {
            // Sat 16:00 GMT + 2h: 1h on Saturday, then Sunday 09:00 BST (08:00Z) + 1h.
            assertThat(londonEveryDay.addBusinessTime(Instant.parse("2026-03-28T16:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
            // Sat 16:00 BST (15:00Z) + 2h: Sunday 09:00 GMT + 1h.
            assertThat(londonEveryDay.addBusinessTime(Instant.parse("2026-10-24T15:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-10-25T10:00:00Z"));
            // New York Sat 16:00 EST (21:00Z) + 2h: Sunday 09:00 EDT (13:00Z) + 1h.
            assertThat(newYorkEveryDay.addBusinessTime(Instant.parse("2026-03-07T21:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-03-08T14:00:00Z"));
            // Sat 16:00 EDT (20:00Z) + 2h: Sunday 09:00 EST (14:00Z) + 1h.
            assertThat(newYorkEveryDay.addBusinessTime(Instant.parse("2026-10-31T20:00:00Z"), Duration.ofHours(2)))
                    .isEqualTo(Instant.parse("2026-11-01T15:00:00Z"));
        }

        @Test
        void officeWeekSpanningTheChange() {
            WorkingHoursCalendar office = londonOffice();
            assertThat(office.addBusinessTime(Instant.parse("2026-03-27T16:00:00Z"), Duration.ofHours(2)))
                    .as("Fri 16:00 GMT + 2h = Mon 10:00 BST")
                    .isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
            assertThat(office.addBusinessDays(Instant.parse("2026-03-27T10:00:00Z"), 1))
                    .as("Fri 10:00 GMT + 1 day = Mon 10:00 BST")
                    .isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
            assertThat(office.addBusinessDays(Instant.parse("2026-10-23T09:00:00Z"), 1))
                    .as("Fri 10:00 BST + 1 day = Mon 10:00 GMT")
                    .isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
            assertThat(office.startOfNextBusinessDay(Instant.parse("2026-03-27T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        }

        @Test
        void aWindowSpanningTheGapOrOverlapHasItsRealLength() {
            WorkingHoursCalendar night = calendar(LONDON, Holidays.none(), "mon-sun", "00:30-02:30");

            // Spring: 00:30 GMT (00:30Z) to 02:30 BST (01:30Z): one real hour.
            assertThat(night.businessTimeBetween(
                            Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T12:00:00Z")))
                    .isEqualTo(Duration.ofHours(1));
            assertThat(night.isWorkingTime(Instant.parse("2026-03-29T01:15:00Z")))
                    .as("02:15 BST")
                    .isTrue();
            assertThat(night.isWorkingTime(Instant.parse("2026-03-29T01:30:00Z")))
                    .as("02:30 BST")
                    .isFalse();
            assertThat(night.addBusinessTime(Instant.parse("2026-03-29T00:00:00Z"), Duration.ofHours(1)))
                    .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
            // Autumn: 00:30 BST (23:30Z the day before) to 02:30 GMT (02:30Z): three real hours.
            assertThat(night.businessTimeBetween(
                            Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-25T12:00:00Z")))
                    .isEqualTo(Duration.ofHours(3));
            assertThat(night.addBusinessTime(Instant.parse("2026-10-24T23:30:00Z"), Duration.ofMinutes(150)))
                    .isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
            // Same working moment a day later: 30 minutes after Saturday's opening is 02:00 BST on Sunday.
            assertThat(night.addBusinessDays(Instant.parse("2026-03-28T01:00:00Z"), 1))
                    .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        }

        @Test
        void windowBoundsInsideTheGapMoveToTheChangeAndInsideTheOverlapToItsFirstPass() {
            WorkingHoursCalendar nySundays = calendar(NEW_YORK, Holidays.none(), "sun", "02:30-04:00");
            // 02:30 does not exist on 8 March; the wall clock passes it at the change (03:00 EDT = 07:00Z).
            assertThat(nySundays.startOfNextBusinessDay(Instant.parse("2026-03-05T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
            assertThat(nySundays.businessTimeBetween(
                            Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
                    .isEqualTo(Duration.ofHours(1));

            WorkingHoursCalendar londonSundays = calendar(LONDON, Holidays.none(), "sun", "01:30-03:00");
            // 01:30 happens twice on 25 October; the window opens at the first (01:30 BST = 00:30Z).
            assertThat(londonSundays.startOfNextBusinessDay(Instant.parse("2026-10-22T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
            assertThat(londonSundays.businessTimeBetween(
                            Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")))
                    .isEqualTo(Duration.ofMinutes(150));
        }

        @Test
        void aWindowWhollyInsideTheGapMakesNoBusinessDay() {
            WorkingHoursCalendar gapOnly = calendar(LONDON, Holidays.none(), "sun", "01:15-01:45");

            assertThat(gapOnly.startOfNextBusinessDay(Instant.parse("2026-03-27T12:00:00Z")))
                    .as("29 March has no 01:15-01:45; next is 5 April 01:15 BST")
                    .isEqualTo(Instant.parse("2026-04-05T00:15:00Z"));
            assertThat(gapOnly.businessTimeBetween(
                            Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                    .isZero();
            assertThat(gapOnly.addBusinessTime(Instant.parse("2026-03-22T01:30:00Z"), Duration.ofMinutes(20)))
                    .as("15 min left on 22 March, then 5 min on 5 April")
                    .isEqualTo(Instant.parse("2026-04-05T00:20:00Z"));
        }

        @Test
        void aZoneThatSkippedAWholeDate() {
            // Samoa moved across the date line: 29 December 2011 was followed by 31 December.
            ZoneId apia = ZoneId.of("Pacific/Apia");
            WorkingHoursCalendar samoa = calendar(apia, Holidays.none(), "mon-sun", "09:00-17:00");

            assertThat(samoa.addBusinessTime(at("2011-12-29T16:00", apia), Duration.ofHours(2)))
                    .isEqualTo(at("2011-12-31T10:00", apia));
            assertThat(samoa.startOfNextBusinessDay(at("2011-12-29T12:00", apia)))
                    .isEqualTo(at("2011-12-31T09:00", apia));
        }
    }

    @Nested
    class AlwaysOpen {

        private final BusinessCalendar london24x7 = BusinessCalendar.alwaysOpen("24x7", LONDON);
        private final BusinessCalendar newYork24x7 = BusinessCalendar.alwaysOpen("24x7", NEW_YORK);

        @Test
        void changeDaysHaveTheirRealLength() {
            assertThat(london24x7.businessTimeBetween(london("2026-03-29T00:00"), london("2026-03-30T00:00")))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(london24x7.businessTimeBetween(london("2026-10-25T00:00"), london("2026-10-26T00:00")))
                    .isEqualTo(Duration.ofHours(25));
            assertThat(newYork24x7.businessTimeBetween(
                            Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z")))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        void businessTimeIsWallTime() {
            assertThat(london24x7.addBusinessTime(Instant.parse("2026-03-28T12:00:00Z"), Duration.ofHours(24)))
                    .isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
        }

        @Test
        void aBusinessDayIsALocalDateKeepingTheLocalTime() {
            assertThat(london24x7.addBusinessDays(Instant.parse("2026-03-28T12:00:00Z"), 1))
                    .as("Sat 12:00 GMT + 1 = Sun 12:00 BST")
                    .isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
            assertThat(london24x7.addBusinessDays(Instant.parse("2026-10-24T11:00:00Z"), 1))
                    .as("Sat 12:00 BST + 1 = Sun 12:00 GMT")
                    .isEqualTo(Instant.parse("2026-10-25T12:00:00Z"));
            assertThat(newYork24x7.addBusinessDays(Instant.parse("2026-03-07T07:30:00Z"), 1))
                    .as("02:30 does not exist on 8 March: one hour later, 03:30 EDT")
                    .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
        }

        @Test
        void nextBusinessDayStartsAtLocalMidnight() {
            assertThat(london24x7.startOfNextBusinessDay(Instant.parse("2026-03-28T23:30:00Z")))
                    .isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
            assertThat(london24x7.startOfNextBusinessDay(Instant.parse("2026-10-25T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
            assertThat(newYork24x7.startOfNextBusinessDay(Instant.parse("2026-11-01T03:00:00Z")))
                    .as("23:00 EDT on 31 October")
                    .isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
            ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
            assertThat(BusinessCalendar.alwaysOpen("br", saoPaulo)
                            .startOfNextBusinessDay(at("2018-11-03T12:00", saoPaulo)))
                    .as("midnight was skipped on 4 November 2018: the day started at 01:00 -02")
                    .isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        }
    }
}
