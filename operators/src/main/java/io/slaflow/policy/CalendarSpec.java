package io.slaflow.policy;

import io.slaflow.calendar.AlwaysOpenCalendar;
import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.WeeklyHours;
import io.slaflow.calendar.WorkingHoursCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A calendar as the policy writes it, independent of time zone. The policy treats a calendar as a template:
 * a client in another zone gets the same working hours and holidays in its own zone, so the spec is kept
 * beside the built calendar and {@link #build} can re-zone it.
 */
final class CalendarSpec {
    private final WeeklyHours hours; // null = 24x7
    private final Holidays holidays;

    private CalendarSpec(WeeklyHours hours, Holidays holidays) {
        this.hours = hours;
        this.holidays = holidays;
    }

    static CalendarSpec alwaysOpen() {
        return new CalendarSpec(null, Holidays.none());
    }

    /**
     * @param week  day-range key ("mon-fri", "sat") → time ranges ("09:00-12:00, 13:00-17:30")
     * @throws IllegalArgumentException naming what is wrong (overlapping hours, unknown day, unreadable iCal file)
     */
    static CalendarSpec workingHours(Map<String, String> week, List<LocalDate> dates, List<Path> icsFiles) {
        WeeklyHours hours = WeeklyHours.parse(week);
        if (!hours.hasWorkingTime()) {
            throw new IllegalArgumentException("the calendar has no working time at all: every deadline would be never");
        }
        Holidays holidays = Holidays.of(dates);
        for (Path ics : icsFiles) {
            try {
                holidays = holidays.union(Holidays.fromIcs(ics));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read iCal file " + ics + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("iCal file " + ics + ": " + e.getMessage(), e);
            }
        }
        return new CalendarSpec(hours, holidays);
    }

    BusinessCalendar build(String id, ZoneId zone) {
        return hours == null ? new AlwaysOpenCalendar(id, zone) : new WorkingHoursCalendar(id, zone, hours, holidays);
    }
}
