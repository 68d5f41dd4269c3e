package io.slaflow.policy;

import io.slaflow.calendar.AlwaysOpenCalendar;
import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.WeeklyHours;
import io.slaflow.calendar.WorkingHoursCalendar;
import java.time.ZoneId;
import java.util.Objects;

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
     * Validated working hours (see {@link WeeklyHours#parse}) and the holidays (dates and iCal files, merged).
     *
     * @throws IllegalArgumentException when the hours have no working time at all
     */
    static CalendarSpec workingHours(WeeklyHours hours, Holidays holidays) {
        if (!hours.hasWorkingTime()) {
            throw new IllegalArgumentException(
                    "the calendar has no working time at all: every deadline would be never");
        }
        return new CalendarSpec(hours, Objects.requireNonNull(holidays, "holidays"));
    }

    BusinessCalendar build(String id, ZoneId zone) {
        return hours == null ? new AlwaysOpenCalendar(id, zone) : new WorkingHoursCalendar(id, zone, hours, holidays);
    }
}
