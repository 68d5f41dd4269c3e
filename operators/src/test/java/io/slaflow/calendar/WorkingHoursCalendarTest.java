package io.slaflow.calendar;

import static io.slaflow.calendar.TestCalendars.LONDON;
import static io.slaflow.calendar.TestCalendars.MANILA;
import static io.slaflow.calendar.TestCalendars.at;
import static io.slaflow.calendar.TestCalendars.calendar;
import static io.slaflow.calendar.TestCalendars.london;
import static io.slaflow.calendar.TestCalendars.londonOffice;
import static io.slaflow.calendar.TestCalendars.newYork;
import static io.slaflow.calendar.TestCalendars.newYorkSplitShift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Business-hours calendars away from DST changes (see {@link DaylightSavingTest} for those). */
class WorkingHoursCalendarTest {

    private final WorkingHoursCalendar office = londonOffice(); // Mon-Fri 09:00-17:00, 2026-01-05 is a Monday

    @Nested
    class WorkingTime {

        @Test
        void openingIsInclusiveAndClosingExclusive() {
            assertThat(office.isWorkingTime(london("2026-01-05T08:59:59"))).isFalse();
            assertThat(office.isWorkingTime(london("2026-01-05T09:00"))).isTrue();
            assertThat(office.isWorkingTime(london("2026-01-05T16:59:59.999999999")))
                    .isTrue();
            assertThat(office.isWorkingTime(london("2026-01-05T17:00"))).isFalse();
        }

        @Test
        void weekendsHolidaysAndLunchBreaksAreNotWorkingTime() {
            assertThat(office.isWorkingTime(london("2026-01-10T12:00")))
                    .as("Saturday")
                    .isFalse();
            assertThat(office.isWorkingTime(london("2026-12-25T12:00")))
                    .as("Christmas, a Friday")
                    .isFalse();
            assertThat(newYorkSplitShift().isWorkingTime(newYork("2026-01-05T12:30")))
                    .as("lunch")
                    .isFalse();
            assertThat(newYorkSplitShift().isWorkingTime(newYork("2026-01-05T13:00")))
                    .isTrue();
        }
    }

    @Nested
    class AddBusinessTime {

        @Test
        void insideHours() {
            assertThat(office.addBusinessTime(london("2026-01-05T10:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-01-05T12:00"));
        }

        @Test
        void beforeOpeningCountsFromOpening() {
            assertThat(office.addBusinessTime(london("2026-01-05T07:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-01-05T11:00"));
        }

        @Test
        void afterClosingCountsFromNextOpening() {
            assertThat(office.addBusinessTime(london("2026-01-05T18:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-01-06T11:00"));
        }

        @Test
        void overTheWeekend() {
            assertThat(office.addBusinessTime(london("2026-01-10T12:00"), Duration.ofHours(1)))
                    .isEqualTo(london("2026-01-12T10:00"));
            assertThat(office.addBusinessTime(london("2026-01-09T16:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-01-12T10:00"));
        }

        @Test
        void overHolidaysAndTheWeekendBetweenThem() {
            // Thu 24 Dec, then Christmas (Fri), the weekend and the Boxing Day substitute (Mon 28th).
            assertThat(office.addBusinessTime(london("2026-12-24T16:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-12-29T10:00"));
        }

        @Test
        void overHolidaysReadFromAnIcsFile() throws Exception {
            Holidays fromIcs = new IcsHolidayParser(2026)
                    .parse(java.nio.file.Path.of(getClass()
                            .getResource("/calendars/uk-holidays-2026.ics")
                            .toURI()));
            WorkingHoursCalendar calendar = new WorkingHoursCalendar(
                    "uk", LONDON, WeeklyHours.parse(TestCalendars.hours("mon-fri", "09:00-17:00")), fromIcs);

            // Thu 2 April, then Good Friday to Easter Monday from the file.
            assertThat(calendar.addBusinessTime(london("2026-04-02T16:00"), Duration.ofHours(2)))
                    .isEqualTo(london("2026-04-07T10:00"));
        }

        @Test
        void splitShiftsSkipTheBreak() {
            WorkingHoursCalendar split = newYorkSplitShift();
            assertThat(split.addBusinessTime(newYork("2026-01-05T11:00"), Duration.ofHours(2)))
                    .isEqualTo(newYork("2026-01-05T14:00"));
            assertThat(split.addBusinessTime(newYork("2026-01-05T12:15"), Duration.ofMinutes(30)))
                    .isEqualTo(newYork("2026-01-05T13:30"));
        }

        @Test
        void landingExactlyOnAClosingGivesTheClosingNotTheNextOpening() {
            assertThat(office.addBusinessTime(london("2026-01-05T09:00"), Duration.ofHours(8)))
                    .isEqualTo(london("2026-01-05T17:00"));
            assertThat(newYorkSplitShift().addBusinessTime(newYork("2026-01-05T08:00"), Duration.ofHours(4)))
                    .isEqualTo(newYork("2026-01-05T12:00"));
        }

        @Test
        void fromAClosingInstantCountsFromTheNextOpening() {
            assertThat(office.addBusinessTime(london("2026-01-05T17:00"), Duration.ofSeconds(1)))
                    .isEqualTo(london("2026-01-06T09:00:01"));
        }

        @Test
        void spanningSeveralDaysAndWeeks() {
            Instant monday = london("2026-01-05T09:00");
            assertThat(office.addBusinessTime(monday, Duration.ofHours(40))).isEqualTo(london("2026-01-09T17:00"));
            assertThat(office.addBusinessTime(monday, Duration.ofHours(41))).isEqualTo(london("2026-01-12T10:00"));
            assertThat(office.addBusinessTime(london("2026-01-07T13:00"), Duration.ofHours(100)))
                    .as("12.5 business days from Wed 13:00")
                    .isEqualTo(london("2026-01-23T17:00"));
        }

        @Test
        void zeroDurationReturnsTheStartEvenOutsideHours() {
            Instant saturday = london("2026-01-10T12:00");
            assertThat(office.addBusinessTime(saturday, Duration.ZERO)).isEqualTo(saturday);
        }

        @Test
        void keepsNanoseconds() {
            assertThat(office.addBusinessTime(london("2026-01-05T16:59:59.750"), Duration.ofMillis(500)))
                    .isEqualTo(london("2026-01-06T09:00:00.250"));
        }

        @Test
        void manilaHasNoDst() {
            WorkingHoursCalendar manila = calendar(MANILA, Holidays.none(), "mon-fri", "08:00-17:00");
            // Fri 1h, Mon 9h, Tue 1h; the US and UK DST changes of March do not matter in Manila.
            assertThat(manila.addBusinessTime(at("2026-03-06T16:00", MANILA), Duration.ofHours(11)))
                    .isEqualTo(at("2026-03-10T09:00", MANILA))
                    .isEqualTo(Instant.parse("2026-03-10T01:00:00Z"));
            assertThat(manila.businessTimeBetween(at("2026-03-27T08:00", MANILA), at("2026-03-30T17:00", MANILA)))
                    .isEqualTo(Duration.ofHours(18));
        }

        @Test
        void fixedOffsetZone() {
            java.time.ZoneId india = java.time.ZoneOffset.ofHoursMinutes(5, 30);
            WorkingHoursCalendar calendar = calendar(india, Holidays.none(), "mon-fri", "09:00-18:00");
            assertThat(calendar.addBusinessTime(Instant.parse("2026-01-05T03:30:00Z"), Duration.ofHours(9)))
                    .as("Mon 09:00 IST + 9h")
                    .isEqualTo(Instant.parse("2026-01-05T12:30:00Z"));
        }

        @Test
        void rejectsNegativeAmounts() {
            assertThatThrownBy(() -> office.addBusinessTime(london("2026-01-05T10:00"), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("negative");
        }

        @Test
        void givesUpBeyondThirtyYears() {
            assertThatThrownBy(() -> office.addBusinessTime(london("2026-01-05T10:00"), Duration.ofDays(365 * 31)))
                    .isInstanceOf(CalendarSearchLimitException.class);
            // 10 years of business time is about 29 years of calendar: still found.
            assertThat(office.addBusinessTime(london("2026-01-05T09:00"), Duration.ofHours(8L * 260 * 10)))
                    .isBefore(london("2056-01-01T00:00"));
        }
    }

    @Nested
    class BusinessTimeBetween {

        @Test
        void countsOnlyWorkingTime() {
            assertThat(office.businessTimeBetween(london("2026-01-05T10:00"), london("2026-01-06T10:00")))
                    .isEqualTo(Duration.ofHours(8));
            assertThat(office.businessTimeBetween(london("2026-01-09T16:00"), london("2026-01-12T10:00")))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(office.businessTimeBetween(london("2026-01-10T00:00"), london("2026-01-11T23:59")))
                    .isZero();
            assertThat(office.businessTimeBetween(london("2026-12-24T00:00"), london("2026-12-30T00:00")))
                    .as("Thu 24th and Tue 29th only")
                    .isEqualTo(Duration.ofHours(16));
        }

        @Test
        void isZeroWhenToIsNotAfterFrom() {
            Instant t = london("2026-01-05T10:00");
            assertThat(office.businessTimeBetween(t, t)).isZero();
            assertThat(office.businessTimeBetween(t, t.minusSeconds(3600))).isZero();
        }

        @Test
        void keepsNanoseconds() {
            assertThat(office.businessTimeBetween(london("2026-01-05T16:59:59.25"), london("2026-01-06T09:00:00.5")))
                    .isEqualTo(Duration.ofMillis(1250));
        }

        @Test
        void splitShiftsLeaveOutTheBreak() {
            assertThat(newYorkSplitShift()
                            .businessTimeBetween(newYork("2026-01-05T11:00"), newYork("2026-01-05T14:00")))
                    .isEqualTo(Duration.ofHours(2));
        }
    }

    @Nested
    class AddBusinessDays {

        @Test
        void insideHoursKeepsTheTimeOfDay() {
            assertThat(office.addBusinessDays(london("2026-01-05T10:00"), 3)).isEqualTo(london("2026-01-08T10:00"));
            assertThat(office.addBusinessDays(london("2026-01-08T10:00"), 3)).isEqualTo(london("2026-01-13T10:00"));
        }

        @Test
        void fromTheOpeningGivesTheOpeningOfTheTargetDay() {
            assertThat(office.addBusinessDays(london("2026-01-05T09:00"), 1)).isEqualTo(london("2026-01-06T09:00"));
        }

        @Test
        void beforeOpeningGivesTheCloseOfTheNthDayCountingToday() {
            assertThat(office.addBusinessDays(london("2026-01-05T07:00"), 1)).isEqualTo(london("2026-01-05T17:00"));
            assertThat(office.addBusinessDays(london("2026-01-05T07:00"), 3)).isEqualTo(london("2026-01-07T17:00"));
        }

        @Test
        void afterClosingOrAtTheWeekendCountsFromTheNextBusinessDay() {
            assertThat(office.addBusinessDays(london("2026-01-05T18:00"), 1)).isEqualTo(london("2026-01-06T17:00"));
            assertThat(office.addBusinessDays(london("2026-01-05T17:00"), 1))
                    .as("exactly at closing")
                    .isEqualTo(london("2026-01-06T17:00"));
            assertThat(office.addBusinessDays(london("2026-01-10T12:00"), 2)).isEqualTo(london("2026-01-13T17:00"));
        }

        @Test
        void skipsHolidays() {
            assertThat(office.addBusinessDays(london("2026-12-24T10:00"), 1)).isEqualTo(london("2026-12-29T10:00"));
            assertThat(office.addBusinessDays(london("2026-12-31T10:00"), 1)).isEqualTo(london("2027-01-04T10:00"));
        }

        @Test
        void ontoAShorterDayGivesThatDaysClose() {
            WorkingHoursCalendar split = newYorkSplitShift(); // Sat 10:00-12:00
            assertThat(split.addBusinessDays(newYork("2026-01-09T15:00"), 1))
                    .as("offset 6h, Saturday has 2h")
                    .isEqualTo(newYork("2026-01-10T12:00"));
            assertThat(split.addBusinessDays(newYork("2026-01-09T08:30"), 1))
                    .as("offset 30m fits Saturday")
                    .isEqualTo(newYork("2026-01-10T10:30"));
        }

        @Test
        void afterLunchKeepsTheAfternoonButDuringLunchGivesTheMorningClose() {
            WorkingHoursCalendar split = newYorkSplitShift();
            assertThat(split.addBusinessDays(newYork("2026-01-05T13:00"), 1)).isEqualTo(newYork("2026-01-06T13:00"));
            assertThat(split.addBusinessDays(newYork("2026-01-05T12:30"), 1)).isEqualTo(newYork("2026-01-06T12:00"));
        }

        @Test
        void zeroDaysReturnsTheStart() {
            Instant saturday = london("2026-01-10T12:00");
            assertThat(office.addBusinessDays(saturday, 0)).isEqualTo(saturday);
        }

        @Test
        void rejectsNegativeDays() {
            assertThatThrownBy(() -> office.addBusinessDays(london("2026-01-05T10:00"), -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givesUpBeyondThirtyYears() {
            assertThatThrownBy(() -> office.addBusinessDays(london("2026-01-05T10:00"), 261 * 31))
                    .isInstanceOf(CalendarSearchLimitException.class);
        }

        @Test
        void budgetOfTheDeadlineLeadsBackToIt() {
            Instant start = london("2026-01-05T10:00");
            Instant deadline = office.addBusinessDays(start, 3);
            assertThat(office.addBusinessTime(start, office.businessTimeBetween(start, deadline)))
                    .isEqualTo(deadline);
        }
    }

    @Nested
    class NextWorkingInstant {

        @Test
        void insideHoursIsTheInstantItself() {
            Instant t = london("2026-01-05T16:59:59.999999999");
            assertThat(office.nextWorkingInstant(t)).isSameAs(t);
            assertThat(office.nextWorkingInstant(london("2026-01-05T09:00"))).isEqualTo(london("2026-01-05T09:00"));
        }

        @Test
        void aClosingGivesTheNextOpeningAcrossTheWeekendAndHolidays() {
            assertThat(office.nextWorkingInstant(london("2026-01-09T17:00")))
                    .as("Friday's close")
                    .isEqualTo(london("2026-01-12T09:00"));
            assertThat(office.nextWorkingInstant(london("2026-01-10T10:00")))
                    .as("Saturday")
                    .isEqualTo(london("2026-01-12T09:00"));
            assertThat(office.nextWorkingInstant(london("2026-01-05T08:59:59.5")))
                    .isEqualTo(london("2026-01-05T09:00"));
            assertThat(office.nextWorkingInstant(london("2026-12-24T17:00")))
                    .as("Christmas, Boxing Day substitute")
                    .isEqualTo(london("2026-12-29T09:00"));
        }

        @Test
        void theCloseOfAMorningShiftGivesTheAfternoonsOpening() {
            WorkingHoursCalendar split = newYorkSplitShift();
            assertThat(split.nextWorkingInstant(newYork("2026-01-05T12:00"))).isEqualTo(newYork("2026-01-05T13:00"));
            assertThat(split.nextWorkingInstant(newYork("2026-01-09T17:00")))
                    .as("Friday to the Saturday half day")
                    .isEqualTo(newYork("2026-01-10T10:00"));
        }
    }

    @Nested
    class StartOfNextBusinessDay {

        @Test
        void isTheNextWorkingDaysOpeningEvenBeforeTodaysOpening() {
            assertThat(office.startOfNextBusinessDay(london("2026-01-05T07:00")))
                    .isEqualTo(london("2026-01-06T09:00"));
            assertThat(office.startOfNextBusinessDay(london("2026-01-05T12:00")))
                    .isEqualTo(london("2026-01-06T09:00"));
        }

        @Test
        void skipsWeekendsAndHolidays() {
            assertThat(office.startOfNextBusinessDay(london("2026-01-09T10:00")))
                    .isEqualTo(london("2026-01-12T09:00"));
            assertThat(office.startOfNextBusinessDay(london("2026-01-10T10:00")))
                    .isEqualTo(london("2026-01-12T09:00"));
            assertThat(office.startOfNextBusinessDay(london("2026-12-24T16:00")))
                    .isEqualTo(london("2026-12-29T09:00"));
            assertThat(office.startOfNextBusinessDay(london("2026-12-31T23:59")))
                    .isEqualTo(london("2027-01-04T09:00"));
        }

        @Test
        void usesTheCalendarsLocalDateNotUtc() {
            // 23:30 in New York on Monday is already Tuesday in UTC; the next business day is still Tuesday.
            WorkingHoursCalendar split = newYorkSplitShift();
            assertThat(split.startOfNextBusinessDay(newYork("2026-01-05T23:30")))
                    .isEqualTo(newYork("2026-01-06T08:00"));
        }

        @Test
        void givesUpWhenHolidaysCoverEveryDay() {
            List<LocalDate> everyDay = new ArrayList<>();
            for (LocalDate d = LocalDate.of(2026, 1, 1); d.isBefore(LocalDate.of(2060, 1, 1)); d = d.plusDays(1)) {
                everyDay.add(d);
            }
            WorkingHoursCalendar closed = new WorkingHoursCalendar(
                    "closed",
                    LONDON,
                    WeeklyHours.parse(TestCalendars.hours("mon-fri", "09:00-17:00")),
                    Holidays.of(everyDay));

            assertThatThrownBy(() -> closed.startOfNextBusinessDay(london("2026-01-05T10:00")))
                    .isInstanceOf(CalendarSearchLimitException.class)
                    .hasMessageContaining("no business day within 30 years");
            assertThatThrownBy(() -> closed.addBusinessTime(london("2026-01-05T10:00"), Duration.ofHours(1)))
                    .isInstanceOf(CalendarSearchLimitException.class);
            assertThatThrownBy(() -> closed.addBusinessDays(london("2026-01-05T10:00"), 1))
                    .isInstanceOf(CalendarSearchLimitException.class);
            assertThatThrownBy(() -> closed.nextWorkingInstant(london("2026-01-05T10:00")))
                    .isInstanceOf(CalendarSearchLimitException.class);
        }
    }

    @Test
    void rejectsACalendarWithoutWorkingTime() {
        assertThatThrownBy(() -> calendar(LONDON, Holidays.none(), "mon-sun", "closed"))
                .isInstanceOf(CalendarDefinitionException.class)
                .hasMessageStartingWith("calendar \"test\" has no working hours on any day");
    }

    @Test
    void staticFactoriesBuildTheTwoKinds() {
        BusinessCalendar hours = BusinessCalendar.workingHours(
                "office", LONDON, WeeklyHours.parse(TestCalendars.hours("mon-fri", "09:00-17:00")), Holidays.none());
        assertThat(hours.isAlwaysOpen()).isFalse();
        assertThat(hours.id()).isEqualTo("office");
        assertThat(hours.zone()).isEqualTo(LONDON);
        assertThat(BusinessCalendar.alwaysOpen("24x7", LONDON).isAlwaysOpen()).isTrue();
    }
}
