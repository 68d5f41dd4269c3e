package io.slaflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calendars and instant helpers shared by the calendar tests. */
final class TestCalendars {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId MANILA = ZoneId.of("Asia/Manila");

    /** Christmas, the Boxing Day substitute and New Year's Day around the 2026/27 change of year. */
    static final Holidays UK_WINTER_HOLIDAYS =
            Holidays.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 1));

    private TestCalendars() {}

    static Map<String, String> hours(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static WorkingHoursCalendar calendar(ZoneId zone, Holidays holidays, String... hours) {
        return new WorkingHoursCalendar("test", zone, WeeklyHours.parse(hours(hours)), holidays);
    }

    /** London, Mon-Fri 09:00-17:00, with {@link #UK_WINTER_HOLIDAYS}. */
    static WorkingHoursCalendar londonOffice() {
        return calendar(LONDON, UK_WINTER_HOLIDAYS, "mon-fri", "09:00-17:00");
    }

    /** New York, Mon-Fri 08:00-12:00 and 13:00-17:00, Sat 10:00-12:00. */
    static WorkingHoursCalendar newYorkSplitShift() {
        return calendar(NEW_YORK, Holidays.none(), "mon-fri", "08:00-12:00, 13:00-17:00", "sat", "10:00-12:00");
    }

    /** An instant given as unambiguous local date-time text in {@code zone}. */
    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Instant london(String localDateTime) {
        return at(localDateTime, LONDON);
    }

    static Instant newYork(String localDateTime) {
        return at(localDateTime, NEW_YORK);
    }
}
