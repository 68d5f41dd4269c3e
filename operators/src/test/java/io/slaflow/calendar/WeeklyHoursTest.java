package io.slaflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {

    private static Map<String, String> spec(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static CalendarDefinitionException parseError(Map<String, String> spec) {
        try {
            WeeklyHours.parse(spec);
        } catch (CalendarDefinitionException e) {
            return e;
        }
        throw new AssertionError("expected " + spec + " to be rejected");
    }

    @Test
    void parsesDayRangesSingleDaysAndClosedDays() {
        WeeklyHours hours = WeeklyHours.parse(spec("mon-fri", "09:00-17:30", "sat", "10:00-14:00"));

        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)) {
            assertThat(hours.on(day)).containsExactly(LocalTimeRange.of(9, 0, 17, 30));
        }
        assertThat(hours.on(DayOfWeek.SATURDAY)).containsExactly(LocalTimeRange.of(10, 0, 14, 0));
        assertThat(hours.on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(hours.hasWorkingTime()).isTrue();
    }

    @Test
    void parsesSplitShiftsInAnyOrderAndSortsThem() {
        WeeklyHours hours = WeeklyHours.parse(spec("Mon", "13:00-17:00 , 08:00-12:00"));

        assertThat(hours.on(DayOfWeek.MONDAY))
                .containsExactly(LocalTimeRange.of(8, 0, 12, 0), LocalTimeRange.of(13, 0, 17, 0));
    }

    @Test
    void acceptsFullDayNamesListsOfDaysMidnightEndAndClosed() {
        WeeklyHours hours = WeeklyHours.parse(spec("Saturday, sun", "22:00-24:00", "tue", "closed"));

        assertThat(hours.on(DayOfWeek.SATURDAY)).containsExactly(new LocalTimeRange(22 * 3600, 86_400));
        assertThat(hours.on(DayOfWeek.SUNDAY)).containsExactly(new LocalTimeRange(22 * 3600, 86_400));
        assertThat(hours.on(DayOfWeek.TUESDAY)).isEmpty();
        assertThat(hours.on(DayOfWeek.SUNDAY).get(0)).hasToString("22:00-24:00");
    }

    @Test
    void mergesRangesThatOnlyTouch() {
        WeeklyHours hours = WeeklyHours.parse(spec("mon", "08:00-12:00, 12:00-17:00"));

        assertThat(hours.on(DayOfWeek.MONDAY)).containsExactly(LocalTimeRange.of(8, 0, 17, 0));
    }

    @Test
    void rejectsOverlappingRangesNamingBothAndTheDay() {
        CalendarDefinitionException e = parseError(spec("mon-fri", "09:00-12:00, 11:00-13:00"));

        assertThat(e).hasMessage("09:00-12:00 overlaps 11:00-13:00 on MONDAY");
        assertThat(e.detailField()).contains("mon-fri");
    }

    @Test
    void overlapMessageKeepsTheOrderTheRangesWereWritten() {
        assertThat(parseError(spec("tue", "11:00-13:00, 09:00-12:00")))
                .hasMessage("11:00-13:00 overlaps 09:00-12:00 on TUESDAY");
    }

    @Test
    void reportsTheFirstRangeALongRangeOverlaps() {
        // 10:00-10:30 and 11:00-11:30 are disjoint, but 09:00-12:00 covers both: report the first.
        assertThat(parseError(spec("wed", "09:00-12:00, 10:00-10:30, 11:00-11:30")))
                .hasMessage("09:00-12:00 overlaps 10:00-10:30 on WEDNESDAY");
    }

    @Test
    void rejectsADayListedTwiceAcrossEntries() {
        CalendarDefinitionException e = parseError(spec("mon-fri", "09:00-17:00", "wed", "10:00-12:00"));

        assertThat(e).hasMessage("WEDNESDAY is listed twice: in \"mon-fri\" and in \"wed\"");
        assertThat(e.detailField()).contains("wed");
    }

    @Test
    void rejectsADayListedTwiceInOneKey() {
        assertThat(parseError(spec("mon-wed, tue", "09:00-17:00")))
                .hasMessage("TUESDAY is listed twice in \"mon-wed, tue\"");
    }

    @Test
    void rejectsEndBeforeStartExplainingHowToCrossMidnight() {
        CalendarDefinitionException e = parseError(spec("fri", "22:00-06:00"));

        assertThat(e.getMessage())
                .startsWith("range 22:00-06:00 ends before it starts")
                .contains("22:00-24:00 on one day and 00:00-06:00 on the next");
        assertThat(e.detailField()).contains("fri");
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThat(parseError(spec("mon", "09:00-09:00"))).hasMessage("range 09:00-09:00 is empty");
    }

    @Test
    void rejectsBadTimeText() {
        assertThat(parseError(spec("mon", "9am-17:00")))
                .hasMessage("bad time \"9am\" in \"9am-17:00\": expected HH:MM between 00:00 and 24:00");
        assertThat(parseError(spec("mon", "09:00-24:30")))
                .hasMessage("bad time \"24:30\" in \"09:00-24:30\": expected HH:MM between 00:00 and 24:00");
        assertThat(parseError(spec("mon", "09:60-17:00")).getMessage()).startsWith("bad time \"09:60\"");
        assertThat(parseError(spec("mon", "09:00")))
                .hasMessage("bad time range \"09:00\": expected HH:MM-HH:MM, e.g. 09:00-17:30");
        assertThat(parseError(spec("mon", "24:00-24:00")))
                .hasMessage("bad time range \"24:00-24:00\": a range cannot start at 24:00");
        assertThat(parseError(spec("mon", " ")).getMessage()).startsWith("no working hours given");
    }

    @Test
    void rejectsUnknownDayNamesAndBackwardDayRanges() {
        CalendarDefinitionException unknown = parseError(spec("mon-fry", "09:00-17:00"));
        assertThat(unknown.getMessage()).startsWith("unknown day name \"fry\" in \"mon-fry\"");
        assertThat(unknown.detailField()).contains("mon-fry");

        assertThat(parseError(spec("fri-mon", "09:00-17:00")).getMessage())
                .startsWith("day range \"fri-mon\" runs backwards")
                .contains("\"fri-sun, mon-mon\"");
    }

    @Test
    void ofRejectsOverlapsWithoutADetailField() {
        assertThatThrownBy(() -> WeeklyHours.of(Map.of(
                        DayOfWeek.MONDAY, List.of(LocalTimeRange.of(9, 0, 12, 0), LocalTimeRange.of(11, 0, 13, 0)))))
                .isInstanceOf(CalendarDefinitionException.class)
                .hasMessage("09:00-12:00 overlaps 11:00-13:00 on MONDAY");
    }

    @Test
    void reportsNoWorkingTimeWhenEveryDayIsClosed() {
        assertThat(WeeklyHours.parse(spec("mon-sun", "closed")).hasWorkingTime())
                .isFalse();
        assertThat(WeeklyHours.of(Map.of()).hasWorkingTime()).isFalse();
    }

    @Test
    void equalHoursAreEqualHowEverTheyWereWritten() {
        assertThat(WeeklyHours.parse(spec("mon-fri", "09:00-17:00")))
                .isEqualTo(WeeklyHours.sameHours(
                        List.of(
                                DayOfWeek.MONDAY,
                                DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY,
                                DayOfWeek.FRIDAY),
                        LocalTimeRange.of(9, 0, 17, 0)))
                .hasSameHashCodeAs(WeeklyHours.parse(spec("monday-friday", "09:00-12:00, 12:00-17:00")));
    }
}
