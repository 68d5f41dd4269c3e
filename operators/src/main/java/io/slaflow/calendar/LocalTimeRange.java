package io.slaflow.calendar;

/**
 * A range of local wall-clock time within one day, {@code [start, end)}, in seconds of the day. The end may be
 * {@code 86400} ({@code 24:00}), which {@link java.time.LocalTime} cannot express: a window that runs until
 * midnight must still belong to the day it starts on.
 *
 * @param startSecond seconds after local midnight at which the range opens, {@code 0..86399}
 * @param endSecond   seconds after local midnight at which it closes, {@code startSecond+1..86400}
 */
public record LocalTimeRange(int startSecond, int endSecond)
        implements Comparable<LocalTimeRange>, java.io.Serializable {

    static final int SECONDS_PER_DAY = 86_400;

    public LocalTimeRange {
        if (startSecond < 0 || startSecond >= SECONDS_PER_DAY) {
            throw new CalendarDefinitionException("range start " + format(startSecond) + " is not a time of day");
        }
        if (endSecond > SECONDS_PER_DAY) {
            throw new CalendarDefinitionException("range end " + format(endSecond) + " is after 24:00");
        }
        if (endSecond == startSecond) {
            throw new CalendarDefinitionException(
                    "range " + format(startSecond) + "-" + format(endSecond) + " is empty");
        }
        if (endSecond < startSecond) {
            throw new CalendarDefinitionException("range " + format(startSecond) + "-" + format(endSecond)
                    + " ends before it starts; working hours cannot cross midnight, write them as "
                    + format(startSecond) + "-24:00 on one day and 00:00-" + format(endSecond) + " on the next");
        }
    }

    /** Hours and minutes, e.g. {@code of(9, 0, 17, 30)} for 09:00-17:30; {@code endHour} 24 means midnight. */
    public static LocalTimeRange of(int startHour, int startMinute, int endHour, int endMinute) {
        return new LocalTimeRange(startHour * 3600 + startMinute * 60, endHour * 3600 + endMinute * 60);
    }

    /**
     * Parses {@code HH:MM-HH:MM} (surrounding blanks allowed). The end may be {@code 24:00}; the start may not.
     *
     * @throws CalendarDefinitionException naming the offending text
     */
    public static LocalTimeRange parse(String text) {
        String trimmed = text.strip();
        int dash = trimmed.indexOf('-');
        if (dash < 0 || trimmed.indexOf('-', dash + 1) >= 0) {
            throw new CalendarDefinitionException(
                    "bad time range \"" + trimmed + "\": expected HH:MM-HH:MM, e.g. 09:00-17:30");
        }
        int start = parseTime(trimmed.substring(0, dash).strip(), trimmed);
        int end = parseTime(trimmed.substring(dash + 1).strip(), trimmed);
        if (start == SECONDS_PER_DAY) {
            throw new CalendarDefinitionException("bad time range \"" + trimmed + "\": a range cannot start at 24:00");
        }
        return new LocalTimeRange(start, end);
    }

    private static int parseTime(String time, String range) {
        int colon = time.indexOf(':');
        if (colon < 1
                || colon > 2
                || time.length() != colon + 3
                || !allDigits(time, 0, colon)
                || !allDigits(time, colon + 1, time.length())) {
            throw new CalendarDefinitionException(
                    "bad time \"" + time + "\" in \"" + range + "\": expected HH:MM between 00:00 and 24:00");
        }
        int hour = Integer.parseInt(time.substring(0, colon));
        int minute = Integer.parseInt(time.substring(colon + 1));
        if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) {
            throw new CalendarDefinitionException(
                    "bad time \"" + time + "\" in \"" + range + "\": expected HH:MM between 00:00 and 24:00");
        }
        return hour * 3600 + minute * 60;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean overlaps(LocalTimeRange other) {
        return startSecond < other.endSecond && other.startSecond < endSecond;
    }

    public int lengthSeconds() {
        return endSecond - startSecond;
    }

    @Override
    public int compareTo(LocalTimeRange o) {
        return startSecond != o.startSecond
                ? Integer.compare(startSecond, o.startSecond)
                : Integer.compare(endSecond, o.endSecond);
    }

    /** {@code HH:MM-HH:MM}, with seconds only when a bound has them. */
    @Override
    public String toString() {
        return format(startSecond) + "-" + format(endSecond);
    }

    static String format(int secondOfDay) {
        int h = Math.floorDiv(secondOfDay, 3600);
        int m = Math.floorMod(secondOfDay, 3600) / 60;
        int s = Math.floorMod(secondOfDay, 60);
        return s == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, s);
    }
}
