package io.slaflow.calendar;

/**
 * A calendar computation would have to look further ahead than {@link WorkingHoursCalendar#SEARCH_LIMIT_YEARS}
 * years: the amount is absurd for an SLA, or the holidays leave no working day. Thrown instead of looping.
 */
public class CalendarSearchLimitException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CalendarSearchLimitException(String message) {
        super(message);
    }
}
