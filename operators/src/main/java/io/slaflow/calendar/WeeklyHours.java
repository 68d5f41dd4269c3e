package io.slaflow.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Working hours for each day of the week, as sorted, non-overlapping ranges of local time (split shifts allowed,
 * e.g. 08:00-12:00 and 13:00-17:00; a range may end at 24:00). A day without ranges is closed.
 *
 * <p>Ranges that merely touch ({@code 08:00-12:00, 12:00-17:00}) are merged into one: they describe the same
 * working time, and a single window keeps "closing instant" unambiguous.
 */
public final class WeeklyHours implements java.io.Serializable {

    private static final List<LocalTimeRange> CLOSED = List.of();
    private static final DayOfWeek[] DAYS = DayOfWeek.values();

    /** Indexed by {@code DayOfWeek.ordinal()}. */
    private final List<List<LocalTimeRange>> byDay;

    private WeeklyHours(List<List<LocalTimeRange>> byDay) {
        this.byDay = byDay;
    }

    /**
     * Working hours from ranges per day; days that are absent are closed.
     *
     * @throws CalendarDefinitionException if two ranges of a day overlap
     */
    public static WeeklyHours of(Map<DayOfWeek, ? extends List<LocalTimeRange>> ranges) {
        List<List<LocalTimeRange>> byDay = new ArrayList<>(7);
        for (DayOfWeek day : DAYS) {
            List<LocalTimeRange> dayRanges = ranges.get(day);
            byDay.add(dayRanges == null ? CLOSED : normalise(day, dayRanges, null));
        }
        return new WeeklyHours(Collections.unmodifiableList(byDay));
    }

    /** The same ranges on every day in {@code days}, e.g. 09:00-17:00 Monday to Friday. */
    public static WeeklyHours sameHours(List<DayOfWeek> days, LocalTimeRange... ranges) {
        Map<DayOfWeek, List<LocalTimeRange>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            map.put(day, List.of(ranges));
        }
        return of(map);
    }

    /**
     * Parses the policy's textual form: keys are a day ({@code mon}), a range of days ({@code mon-fri}) or a
     * comma-separated list of those ({@code sat, sun}); values are one or more comma-separated {@code HH:MM-HH:MM}
     * ranges ({@code "08:00-12:00, 13:00-17:00"}) or {@code closed}. Day names are {@code mon..sun} or the full
     * English names, in any case. Days not mentioned are closed.
     *
     * @throws CalendarDefinitionException with {@link CalendarDefinitionException#detailField()} set to the key of
     *     the offending entry
     */
    public static WeeklyHours parse(Map<String, String> spec) {
        Map<DayOfWeek, List<LocalTimeRange>> ranges = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, String> keyOfDay = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, String> entry : spec.entrySet()) {
            String key = entry.getKey();
            try {
                List<DayOfWeek> days = parseDays(key);
                List<LocalTimeRange> dayRanges = parseRanges(entry.getValue());
                for (DayOfWeek day : days) {
                    String earlier = keyOfDay.putIfAbsent(day, key);
                    if (earlier != null) {
                        throw new CalendarDefinitionException(
                                earlier.equals(key)
                                        ? day + " is listed twice in \"" + key + "\""
                                        : day + " is listed twice: in \"" + earlier + "\" and in \"" + key + "\"");
                    }
                    ranges.put(day, normalise(day, dayRanges, key));
                }
            } catch (CalendarDefinitionException e) {
                throw e.detailField().isPresent() ? e : CalendarDefinitionException.inField(key, e.getMessage());
            }
        }
        return of(ranges);
    }

    private static List<DayOfWeek> parseDays(String key) {
        if (key == null || key.isBlank()) {
            throw new CalendarDefinitionException("empty day name; expected e.g. mon, mon-fri or sat, sun");
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : key.split(",", -1)) {
            String part = item.strip();
            int dash = part.indexOf('-');
            if (dash < 0) {
                days.add(parseDay(part, key));
                continue;
            }
            DayOfWeek from = parseDay(part.substring(0, dash).strip(), key);
            DayOfWeek to = parseDay(part.substring(dash + 1).strip(), key);
            if (to.compareTo(from) < 0) {
                throw new CalendarDefinitionException("day range \"" + part
                        + "\" runs backwards (weeks run mon to sun);" + " list the days explicitly, e.g. \""
                        + shortName(from) + "-sun, mon-" + shortName(to) + "\"");
            }
            for (int d = from.ordinal(); d <= to.ordinal(); d++) {
                if (days.contains(DAYS[d])) {
                    throw new CalendarDefinitionException(DAYS[d] + " is listed twice in \"" + key + "\"");
                }
                days.add(DAYS[d]);
            }
        }
        return days;
    }

    private static DayOfWeek parseDay(String name, String key) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DAYS) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
                return day;
            }
        }
        throw new CalendarDefinitionException("unknown day name \"" + name + "\" in \"" + key
                + "\"; expected mon, tue, wed, thu, fri, sat, sun (or a range such as mon-fri)");
    }

    private static List<LocalTimeRange> parseRanges(String value) {
        if (value == null || value.isBlank()) {
            throw new CalendarDefinitionException("no working hours given; write e.g. 09:00-17:00, or closed");
        }
        if (value.strip().equalsIgnoreCase("closed")) {
            return CLOSED;
        }
        List<LocalTimeRange> ranges = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            ranges.add(LocalTimeRange.parse(part));
        }
        return ranges;
    }

    /** Sorts, rejects overlaps and merges touching ranges. */
    private static List<LocalTimeRange> normalise(DayOfWeek day, List<LocalTimeRange> input, String key) {
        LocalTimeRange[] sorted = input.toArray(new LocalTimeRange[0]);
        for (LocalTimeRange r : sorted) {
            Objects.requireNonNull(r, "range");
        }
        Arrays.sort(sorted);
        // Detect overlaps on the ranges as written (before merging), so the message names the user's text.
        LocalTimeRange furthest = null;
        for (LocalTimeRange range : sorted) {
            if (furthest != null && furthest.overlaps(range)) {
                boolean writtenFirst = input.indexOf(furthest) <= input.indexOf(range);
                String message = (writtenFirst ? furthest + " overlaps " + range : range + " overlaps " + furthest)
                        + " on " + day;
                throw key == null
                        ? new CalendarDefinitionException(message)
                        : CalendarDefinitionException.inField(key, message);
            }
            if (furthest == null || range.endSecond() > furthest.endSecond()) {
                furthest = range;
            }
        }
        List<LocalTimeRange> result = new ArrayList<>(sorted.length);
        for (LocalTimeRange range : sorted) {
            int last = result.size() - 1;
            if (last >= 0 && result.get(last).endSecond() == range.startSecond()) {
                result.set(last, new LocalTimeRange(result.get(last).startSecond(), range.endSecond()));
            } else {
                result.add(range);
            }
        }
        return List.copyOf(result);
    }

    private static String shortName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** The day's working ranges, sorted; empty when the day is closed. */
    public List<LocalTimeRange> on(DayOfWeek day) {
        return byDay.get(day.ordinal());
    }

    /** Whether any day of the week has working time. */
    public boolean hasWorkingTime() {
        for (List<LocalTimeRange> day : byDay) {
            if (!day.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours other && byDay.equals(other.byDay);
    }

    @Override
    public int hashCode() {
        return byDay.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WeeklyHours{");
        for (DayOfWeek day : DAYS) {
            if (!on(day).isEmpty()) {
                if (sb.length() > "WeeklyHours{".length()) {
                    sb.append("; ");
                }
                sb.append(shortName(day)).append(' ').append(on(day));
            }
        }
        return sb.append('}').toString();
    }
}
