package io.slaflow.calendar;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A set of whole local dates on which no work is done. Immutable; lookups are a binary search over a sorted
 * {@code long[]} of epoch days (no boxing, no hashing), and the calendar consults them only when it first builds a
 * day, so a few hundred holidays cost nothing on the hot path.
 */
public final class Holidays implements java.io.Serializable {

    private static final Holidays NONE = new Holidays(new long[0]);

    private final long[] epochDays;

    private Holidays(long[] sortedDistinctEpochDays) {
        this.epochDays = sortedDistinctEpochDays;
    }

    public static Holidays none() {
        return NONE;
    }

    public static Holidays of(LocalDate... dates) {
        return of(Arrays.asList(dates));
    }

    /** Holidays on the given dates; duplicates are harmless. */
    public static Holidays of(Collection<LocalDate> dates) {
        long[] days = new long[dates.size()];
        int i = 0;
        for (LocalDate date : dates) {
            if (date == null) {
                throw new CalendarDefinitionException("holiday date is missing (null)");
            }
            days[i++] = date.toEpochDay();
        }
        return fromEpochDays(days);
    }

    /**
     * Parses dates written as ISO {@code yyyy-MM-dd}.
     *
     * @throws CalendarDefinitionException naming the text that is not a date
     */
    public static Holidays parse(Collection<String> isoDates) {
        List<LocalDate> dates = new ArrayList<>(isoDates.size());
        for (String text : isoDates) {
            try {
                dates.add(LocalDate.parse(text == null ? "" : text.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CalendarDefinitionException(
                        "bad holiday date \"" + text + "\": expected yyyy-MM-dd, e.g. 2026-12-25");
            }
        }
        return of(dates);
    }

    /**
     * The holidays of an iCalendar file, see {@link IcsHolidayParser}.
     *
     * @throws CalendarDefinitionException with the line number inside the file; the caller adds the file name
     */
    public static Holidays fromIcs(Path ics) throws IOException {
        return new IcsHolidayParser().parse(ics);
    }

    /** Every date that is a holiday in any of the sets. */
    public static Holidays union(Holidays... sets) {
        int size = 0;
        for (Holidays set : sets) {
            size += set.epochDays.length;
        }
        long[] all = new long[size];
        int at = 0;
        for (Holidays set : sets) {
            System.arraycopy(set.epochDays, 0, all, at, set.epochDays.length);
            at += set.epochDays.length;
        }
        return fromEpochDays(all);
    }

    public Holidays union(Holidays other) {
        return union(this, other);
    }

    private static Holidays fromEpochDays(long[] days) {
        if (days.length == 0) {
            return NONE;
        }
        long[] sorted = days.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new Holidays(Arrays.copyOf(sorted, distinct));
    }

    public boolean contains(LocalDate date) {
        return containsEpochDay(date.toEpochDay());
    }

    public boolean containsEpochDay(long epochDay) {
        long[] days = epochDays;
        // Most lookups are for dates outside the (usually short) list's span or between holidays; the bounds
        // check answers the former without a search.
        return days.length != 0
                && epochDay >= days[0]
                && epochDay <= days[days.length - 1]
                && Arrays.binarySearch(days, epochDay) >= 0;
    }

    public int size() {
        return epochDays.length;
    }

    public boolean isEmpty() {
        return epochDays.length == 0;
    }

    /** The dates in ascending order. */
    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(epochDays.length);
        for (long day : epochDays) {
            dates.add(LocalDate.ofEpochDay(day));
        }
        return List.copyOf(dates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holidays other && Arrays.equals(epochDays, other.epochDays);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epochDays);
    }

    @Override
    public String toString() {
        return epochDays.length <= 5
                ? "Holidays" + dates()
                : "Holidays[" + epochDays.length + " dates, " + LocalDate.ofEpochDay(epochDays[0]) + ".."
                        + LocalDate.ofEpochDay(epochDays[epochDays.length - 1]) + "]";
    }
}
