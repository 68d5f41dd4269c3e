package io.slaflow.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the holiday dates of an iCalendar ({@code .ics}, RFC 5545) file: every {@code VEVENT} marks the local
 * dates it covers as holidays.
 *
 * <h2>What it understands</h2>
 * <ul>
 *   <li>Line unfolding (a line starting with a space or tab continues the previous one), CRLF or LF endings,
 *       parameters with quoted values.</li>
 *   <li>{@code DTSTART} as a date ({@code DTSTART;VALUE=DATE:20261225}) or a date-time ({@code 20261225T000000Z},
 *       floating, or with {@code TZID}). A date-time is taken by the <em>date written in it</em>, ignoring its
 *       time zone: holiday feeds describe whole local days, and converting {@code 20261225T000000Z} into, say,
 *       New York time would move Christmas to the 24th.</li>
 *   <li>{@code DTEND} (exclusive, so {@code 20261225..20261227} is two days; a date-time end past midnight
 *       includes its date) or {@code DURATION} ({@code P2D}, {@code P1W}, {@code PT36H}); neither means one day.</li>
 *   <li>{@code RRULE:FREQ=YEARLY} with {@code INTERVAL}, {@code COUNT}, {@code UNTIL}, a single {@code BYMONTH},
 *       a single {@code BYMONTHDAY}, or a single ordinal {@code BYDAY} such as {@code 4TH} or {@code -1MO}
 *       (US Thanksgiving, Memorial Day). Without {@code COUNT}/{@code UNTIL} it is expanded through
 *       {@value #RECURRENCE_YEARS} years after the later of {@code DTSTART}'s year and the base year (by default
 *       the current year), which is the same horizon the calendars search; a yearly date that does not exist in
 *       a year (29 February) is skipped that year, as RFC 5545 says.</li>
 *   <li>{@code RDATE} and {@code EXDATE} (dates or date-times, comma-separated), {@code RECURRENCE-ID}
 *       overrides of one occurrence (matched by {@code UID}), and {@code STATUS:CANCELLED} events (ignored).</li>
 *   <li>Other components ({@code VTIMEZONE}, {@code VALARM}, {@code VTODO}) and other properties
 *       ({@code SUMMARY}, {@code UID}, ...) are skipped.</li>
 * </ul>
 * Anything that would change which dates are holidays and is not understood (another {@code FREQ}, {@code BYDAY}
 * without an ordinal, {@code VALUE=PERIOD}, a malformed date, unbalanced {@code BEGIN}/{@code END}) throws
 * {@link CalendarDefinitionException} with the 1-based line number in the file, rather than silently dropping
 * holidays (a missing holiday makes SLA deadlines wrong without anyone noticing).
 *
 * <h2>Why not ical4j</h2>
 * ical4j 4.x is the well-kept choice for full iCalendar, but it brings commons-lang3, commons-codec,
 * threeten-extra and its own ~1 MB jar into the Flink job for a task that needs the dates of all-day events;
 * its recurrence engine also has no natural "stop after N years" for open-ended rules. A focused parser of the
 * subset above, failing loudly outside it, is smaller and easier to reason about.
 */
public final class IcsHolidayParser {

    /** Open-ended yearly rules are expanded this many years past the later of DTSTART's year and the base year. */
    public static final int RECURRENCE_YEARS = 30;

    private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z?");
    private static final Pattern DURATION =
            Pattern.compile("\\+?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final Pattern ORDINAL_WEEKDAY = Pattern.compile("([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)");
    private static final List<String> WEEKDAY_CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private final int baseYear;

    /** Expands open-ended yearly rules relative to the current (UTC) year. */
    public IcsHolidayParser() {
        this(Year.now(ZoneOffset.UTC).getValue());
    }

    /** Expands open-ended yearly rules through {@code max(DTSTART year, baseYear) + RECURRENCE_YEARS}. */
    public IcsHolidayParser(int baseYear) {
        this.baseYear = baseYear;
    }

    public Holidays parse(Path ics) throws IOException {
        try (Reader reader = Files.newBufferedReader(ics, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /** Parses the whole input; the caller closes {@code reader}. */
    public Holidays parse(Reader reader) throws IOException {
        List<ContentLine> lines = unfold(reader);
        List<Event> events = readEvents(lines);

        // RECURRENCE-ID overrides replace one occurrence of the event with the same UID.
        Map<String, Set<LocalDate>> overridden = new HashMap<>();
        for (Event event : events) {
            if (event.recurrenceId != null && event.uid != null) {
                overridden.computeIfAbsent(event.uid, k -> new HashSet<>()).add(event.recurrenceId);
            }
        }
        List<LocalDate> dates = new ArrayList<>();
        for (Event event : events) {
            Set<LocalDate> excluded = event.recurrenceId == null && event.uid != null
                    ? overridden.getOrDefault(event.uid, Set.of())
                    : Set.of();
            if (!event.cancelled) {
                event.addDates(dates, excluded, baseYear);
            }
        }
        return Holidays.of(dates);
    }

    /** A logical (unfolded) content line and the physical line it started on. */
    private record ContentLine(int lineNumber, String text) {}

    private static List<ContentLine> unfold(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<ContentLine> result = new ArrayList<>();
        StringBuilder current = null;
        int currentStart = 0;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line, 1, line.length());
                continue;
            }
            if (current != null) {
                result.add(new ContentLine(currentStart, current.toString()));
            }
            current = new StringBuilder(line);
            currentStart = lineNumber;
        }
        if (current != null) {
            result.add(new ContentLine(currentStart, current.toString()));
        }
        return result;
    }

    /** A parsed content line: {@code NAME;PARAM=VALUE:value}. */
    private record Property(int line, String name, Map<String, String> params, String value) {

        String param(String key) {
            return params.get(key);
        }
    }

    private static Property parseProperty(ContentLine line) {
        String text = line.text();
        int colon = -1;
        boolean quoted = false;
        List<Integer> semicolons = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                semicolons.add(i);
            } else if (!quoted && c == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            throw CalendarDefinitionException.atLine(
                    line.lineNumber(), "not an iCalendar content line (expected NAME:value)");
        }
        int nameEnd = semicolons.isEmpty() ? colon : semicolons.get(0);
        String name = text.substring(0, nameEnd).strip().toUpperCase(Locale.ROOT);
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < semicolons.size(); i++) {
            int from = semicolons.get(i) + 1;
            int to = i + 1 < semicolons.size() ? semicolons.get(i + 1) : colon;
            String param = text.substring(from, to);
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw CalendarDefinitionException.atLine(
                        line.lineNumber(), "a parameter of " + known(name) + " is not NAME=value");
            }
            String value = param.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(param.substring(0, eq).strip().toUpperCase(Locale.ROOT), value);
        }
        return new Property(line.lineNumber(), name, params, text.substring(colon + 1));
    }

    private static List<Event> readEvents(List<ContentLine> lines) {
        List<Event> events = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<Integer> openedAt = new ArrayList<>();
        Event event = null;
        boolean sawCalendar = false;
        for (ContentLine line : lines) {
            if (line.text().isBlank()) {
                continue;
            }
            Property p = parseProperty(line);
            if (!sawCalendar && !(p.name().equals("BEGIN") && p.value().strip().equalsIgnoreCase("VCALENDAR"))) {
                throw CalendarDefinitionException.atLine(
                        p.line(), "not an iCalendar file: expected BEGIN:VCALENDAR first");
            }
            if (p.name().equals("BEGIN")) {
                String component = p.value().strip().toUpperCase(Locale.ROOT);
                if (open.isEmpty() && !component.equals("VCALENDAR")) {
                    throw CalendarDefinitionException.atLine(
                            p.line(),
                            "BEGIN:" + knownComponent(component) + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
                }
                sawCalendar = true;
                open.add(component);
                openedAt.add(p.line());
                if (component.equals("VEVENT") && open.size() == 2) {
                    event = new Event(p.line());
                }
                continue;
            }
            if (p.name().equals("END")) {
                String component = p.value().strip().toUpperCase(Locale.ROOT);
                if (open.isEmpty() || !open.get(open.size() - 1).equals(component)) {
                    throw CalendarDefinitionException.atLine(
                            p.line(),
                            "END:" + knownComponent(component) + " does not match "
                                    + (open.isEmpty()
                                            ? "any open component"
                                            : "BEGIN:" + knownComponent(open.get(open.size() - 1)) + " on line "
                                                    + openedAt.get(openedAt.size() - 1)));
                }
                open.remove(open.size() - 1);
                openedAt.remove(openedAt.size() - 1);
                if (component.equals("VEVENT") && event != null && open.size() == 1) {
                    event.finish();
                    events.add(event);
                    event = null;
                }
                continue;
            }
            if (open.isEmpty()) {
                throw CalendarDefinitionException.atLine(
                        p.line(), known(p.name()) + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
            }
            if (event != null && open.size() == 2) {
                event.accept(p);
            }
        }
        if (!sawCalendar) {
            throw CalendarDefinitionException.atLine(
                    Math.max(1, lines.size()), "not an iCalendar file: no BEGIN:VCALENDAR");
        }
        if (!open.isEmpty()) {
            String component = open.get(open.size() - 1);
            int lastLine = lines.get(lines.size() - 1).lineNumber();
            throw CalendarDefinitionException.atLine(
                    lastLine,
                    "the file ends inside " + component + " opened on line " + openedAt.get(openedAt.size() - 1)
                            + " (missing END:" + component + ")");
        }
        return events;
    }

    /** A date and the second of that day, as written in the file (see the class comment on time zones). */
    private record DateTimeValue(LocalDate date, int secondOfDay, boolean hasTime) {}

    private static DateTimeValue parseDateTime(Property p, String text) {
        String value = text.strip();
        String valueType = p.param("VALUE");
        if (valueType != null && !valueType.equalsIgnoreCase("DATE") && !valueType.equalsIgnoreCase("DATE-TIME")) {
            throw CalendarDefinitionException.atLine(
                    p.line(), p.name() + " with a VALUE type other than DATE and DATE-TIME is not supported");
        }
        try {
            Matcher date = DATE.matcher(value);
            if (date.matches()) {
                return new DateTimeValue(LocalDate.of(num(date, 1), num(date, 2), num(date, 3)), 0, false);
            }
            Matcher dateTime = DATE_TIME.matcher(value);
            if (dateTime.matches() && !"DATE".equalsIgnoreCase(valueType)) {
                int h = num(dateTime, 4);
                int m = num(dateTime, 5);
                int s = num(dateTime, 6);
                if (h > 23 || m > 59 || s > 60) {
                    throw new java.time.DateTimeException("time out of range");
                }
                return new DateTimeValue(
                        LocalDate.of(num(dateTime, 1), num(dateTime, 2), num(dateTime, 3)),
                        h * 3600 + m * 60 + Math.min(s, 59),
                        true);
            }
        } catch (java.time.DateTimeException e) {
            // falls through to the error below: the digits are there but do not form a real date
        }
        throw CalendarDefinitionException.atLine(
                p.line(),
                "cannot read the " + p.name()
                        + " value: expected a date like 20261225 or a date-time like 20261225T000000Z");
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static long parseDurationSeconds(Property p) {
        Matcher m = DURATION.matcher(p.value().strip());
        if (!m.matches() || p.value().strip().equals("P") || p.value().strip().endsWith("T")) {
            throw CalendarDefinitionException.atLine(
                    p.line(), "cannot read the DURATION value:" + " expected e.g. P1D, P2D, P1W or PT36H");
        }
        long seconds = 0;
        long[] unit = {7 * 86_400L, 86_400L, 3600L, 60L, 1L};
        for (int g = 1; g <= 5; g++) {
            if (m.group(g) != null) {
                seconds += Long.parseLong(m.group(g)) * unit[g - 1];
            }
        }
        return seconds;
    }

    /** One VEVENT: its first date, how many days each occurrence covers and how it recurs. */
    private static final class Event {
        private final int beginLine;
        private Property dtStart;
        private Property dtEnd;
        private Property duration;
        private Property rrule;
        private final List<Property> rdates = new ArrayList<>();
        private final List<Property> exdates = new ArrayList<>();
        private String uid;
        private LocalDate recurrenceId;
        private boolean cancelled;

        private LocalDate start;
        private int daysCovered;
        private YearlyRule rule;
        private final Set<LocalDate> extraStarts = new HashSet<>();
        private final Set<LocalDate> excludedStarts = new HashSet<>();

        Event(int beginLine) {
            this.beginLine = beginLine;
        }

        void accept(Property p) {
            switch (p.name()) {
                case "DTSTART" -> dtStart = once(dtStart, p);
                case "DTEND" -> dtEnd = once(dtEnd, p);
                case "DURATION" -> duration = once(duration, p);
                case "RRULE" -> rrule = once(rrule, p);
                case "RDATE" -> rdates.add(p);
                case "EXDATE" -> exdates.add(p);
                case "UID" -> uid = p.value().strip();
                case "RECURRENCE-ID" ->
                    recurrenceId = parseDateTime(p, p.value()).date();
                case "STATUS" -> cancelled = p.value().strip().equalsIgnoreCase("CANCELLED");
                case "EXRULE" ->
                    throw CalendarDefinitionException.atLine(
                            p.line(), "EXRULE is not supported (it is deprecated by RFC 5545); use EXDATE");
                default -> {
                    // SUMMARY, DTSTAMP, CATEGORIES, TRANSP, ...: irrelevant to which days are holidays
                }
            }
        }

        private static Property once(Property existing, Property p) {
            if (existing != null) {
                throw CalendarDefinitionException.atLine(
                        p.line(), p.name() + " appears twice in one VEVENT (first on line " + existing.line() + ")");
            }
            return p;
        }

        void finish() {
            if (dtStart == null) {
                throw CalendarDefinitionException.atLine(beginLine, "VEVENT without DTSTART");
            }
            DateTimeValue begin = parseDateTime(dtStart, dtStart.value());
            start = begin.date();
            if (dtEnd != null && duration != null) {
                throw CalendarDefinitionException.atLine(
                        duration.line(),
                        "VEVENT has both DTEND (line " + dtEnd.line() + ") and DURATION; RFC 5545 allows one");
            }
            long beginSecond = start.toEpochDay() * 86_400L + begin.secondOfDay();
            long endSecond; // exclusive
            if (dtEnd != null) {
                DateTimeValue end = parseDateTime(dtEnd, dtEnd.value());
                endSecond = end.date().toEpochDay() * 86_400L + end.secondOfDay();
                if (endSecond < beginSecond || (endSecond == beginSecond && !begin.hasTime())) {
                    throw CalendarDefinitionException.atLine(
                            dtEnd.line(),
                            "DTEND is not after DTSTART (line " + dtStart.line() + "; DTEND is exclusive)");
                }
            } else if (duration != null) {
                endSecond = beginSecond + parseDurationSeconds(duration);
            } else {
                endSecond = begin.hasTime() ? beginSecond : beginSecond + 86_400L;
            }
            // Days touched by [begin, end); a zero-length date-time event still marks its day.
            long lastDay = endSecond > beginSecond ? Math.floorDiv(endSecond - 1, 86_400L) : start.toEpochDay();
            daysCovered = (int) Math.min(Integer.MAX_VALUE, lastDay - start.toEpochDay() + 1);
            if (daysCovered > 366) {
                throw CalendarDefinitionException.atLine(
                        dtEnd != null ? dtEnd.line() : duration.line(),
                        "a single holiday event covering " + daysCovered + " days is almost certainly a mistake");
            }
            if (rrule != null) {
                rule = YearlyRule.parse(rrule, start);
            }
            for (Property rdate : rdates) {
                if ("PERIOD".equalsIgnoreCase(rdate.param("VALUE"))) {
                    throw CalendarDefinitionException.atLine(rdate.line(), "RDATE with VALUE=PERIOD is not supported");
                }
                for (String part : rdate.value().split(",")) {
                    extraStarts.add(parseDateTime(rdate, part).date());
                }
            }
            for (Property exdate : exdates) {
                for (String part : exdate.value().split(",")) {
                    excludedStarts.add(parseDateTime(exdate, part).date());
                }
            }
        }

        void addDates(List<LocalDate> out, Set<LocalDate> overridden, int baseYear) {
            Set<LocalDate> starts = new HashSet<>(extraStarts);
            starts.add(start);
            if (rule != null) {
                int lastYear = Math.max(start.getYear(), baseYear) + RECURRENCE_YEARS;
                rule.occurrences(start, lastYear, starts);
            }
            for (LocalDate occurrence : starts) {
                if (excludedStarts.contains(occurrence) || overridden.contains(occurrence)) {
                    continue;
                }
                for (int d = 0; d < daysCovered; d++) {
                    out.add(occurrence.plusDays(d));
                }
            }
        }
    }

    /** The supported subset of {@code RRULE}: FREQ=YEARLY on a fixed month day or an ordinal weekday of a month. */
    private record YearlyRule(
            int interval, int count, LocalDate until, int month, int monthDay, int weekdayOrdinal, DayOfWeek weekday) {

        static YearlyRule parse(Property p, LocalDate start) {
            Map<String, String> parts = new HashMap<>();
            for (String part : p.value().strip().split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw CalendarDefinitionException.atLine(p.line(), "an RRULE part is not NAME=value");
                }
                String key = part.substring(0, eq).toUpperCase(Locale.ROOT);
                if (parts.put(key, part.substring(eq + 1).toUpperCase(Locale.ROOT)) != null) {
                    throw CalendarDefinitionException.atLine(
                            p.line(), "RRULE part " + knownRulePart(key) + " appears twice");
                }
            }
            String freq = parts.remove("FREQ");
            if (!"YEARLY".equals(freq)) {
                throw CalendarDefinitionException.atLine(
                        p.line(),
                        freq == null
                                ? "RRULE without FREQ"
                                : "only FREQ=YEARLY recurrences are supported for holidays, found "
                                        + (FREQUENCIES.contains(freq) ? "FREQ=" + freq : "another FREQ"));
            }
            parts.remove("WKST"); // only matters for weekly numbering, which is not supported anyway
            int interval = intPart(p, parts.remove("INTERVAL"), 1, 1, 1000, "INTERVAL");
            String countText = parts.remove("COUNT");
            String untilText = parts.remove("UNTIL");
            if (countText != null && untilText != null) {
                throw CalendarDefinitionException.atLine(
                        p.line(), "RRULE has both COUNT and UNTIL; RFC 5545 allows one");
            }
            int count = intPart(p, countText, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, "COUNT");
            LocalDate until =
                    untilText == null ? null : parseDateTime(p, untilText).date();
            int month = intPart(p, parts.remove("BYMONTH"), start.getMonthValue(), 1, 12, "BYMONTH");
            String byMonthDay = parts.remove("BYMONTHDAY");
            String byDay = parts.remove("BYDAY");
            if (!parts.isEmpty()) {
                throw CalendarDefinitionException.atLine(
                        p.line(),
                        "RRULE part "
                                + String.join(
                                        ", ",
                                        parts.keySet().stream()
                                                .sorted()
                                                .map(YearlyRule::knownRulePart)
                                                .distinct()
                                                .toList())
                                + " is not supported (supported: FREQ=YEARLY, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY,"
                                + " BYDAY with an ordinal such as 4TH)");
            }
            if (byDay != null) {
                if (byMonthDay != null) {
                    throw CalendarDefinitionException.atLine(
                            p.line(), "RRULE with both BYDAY and BYMONTHDAY is not supported");
                }
                Matcher m = ORDINAL_WEEKDAY.matcher(byDay);
                int ordinal = m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 0;
                if (!m.matches() || ordinal == 0 || Math.abs(ordinal) > 5) {
                    throw CalendarDefinitionException.atLine(
                            p.line(),
                            "this RRULE BYDAY is not supported:"
                                    + " a holiday rule needs one weekday with an ordinal from -5 to 5, e.g. 4TH or -1MO");
                }
                DayOfWeek weekday = DayOfWeek.of(WEEKDAY_CODES.indexOf(m.group(2)) + 1);
                return new YearlyRule(interval, count, until, month, 0, ordinal, weekday);
            }
            int monthDay = byMonthDay == null ? start.getDayOfMonth() : intPart(p, byMonthDay, 0, 1, 31, "BYMONTHDAY");
            return new YearlyRule(interval, count, until, month, monthDay, 0, null);
        }

        static String knownRulePart(String key) {
            return RULE_PARTS.contains(key) ? key : "(an unknown part)";
        }

        private static int intPart(Property p, String text, int absent, int min, int max, String name) {
            if (text == null) {
                return absent;
            }
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw CalendarDefinitionException.atLine(
                    p.line(),
                    "RRULE " + name + " value is not supported (expected a single number from " + min + " to " + max
                            + ")");
        }

        /** Adds occurrence dates after {@code start} (which RFC 5545 counts as the first) up to {@code lastYear}. */
        void occurrences(LocalDate start, int lastYear, Set<LocalDate> out) {
            int emitted = 1; // DTSTART itself
            for (int year = start.getYear(); year <= lastYear && emitted < count; year += interval) {
                LocalDate date = dateIn(year);
                if (date == null || !date.isAfter(start)) {
                    continue;
                }
                if (until != null && date.isAfter(until)) {
                    return;
                }
                out.add(date);
                emitted++;
            }
        }

        private LocalDate dateIn(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (weekday != null) {
                LocalDate date = weekdayOrdinal > 0
                        ? first.with(TemporalAdjusters.dayOfWeekInMonth(weekdayOrdinal, weekday))
                        : first.with(TemporalAdjusters.lastInMonth(weekday)).plusWeeks(weekdayOrdinal + 1L);
                return date.getMonthValue() == month ? date : null; // a 5th Monday that does not exist
            }
            return monthDay <= first.lengthOfMonth() ? first.withDayOfMonth(monthDay) : null;
        }
    }

    // Messages name only what this parser knows (property, component and rule-part names of RFC 5545), never text
    // from the file: a file that is not an iCalendar file may hold anything (PolicyFolder, issue 18).
    private static final Set<String> PROPERTIES = Set.of(
            "BEGIN",
            "END",
            "DTSTART",
            "DTEND",
            "DURATION",
            "RRULE",
            "RDATE",
            "EXDATE",
            "EXRULE",
            "UID",
            "RECURRENCE-ID",
            "STATUS",
            "SUMMARY",
            "DTSTAMP",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "DESCRIPTION",
            "CATEGORIES",
            "TRANSP",
            "CLASS",
            "CREATED",
            "LAST-MODIFIED",
            "SEQUENCE",
            "LOCATION",
            "TZID",
            "TZNAME",
            "TZOFFSETFROM",
            "TZOFFSETTO",
            "X-WR-CALNAME",
            "X-WR-TIMEZONE");
    private static final Set<String> COMPONENTS = Set.of(
            "VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM");
    private static final Set<String> RULE_PARTS = Set.of(
            "FREQ",
            "UNTIL",
            "COUNT",
            "INTERVAL",
            "BYSECOND",
            "BYMINUTE",
            "BYHOUR",
            "BYDAY",
            "BYMONTHDAY",
            "BYYEARDAY",
            "BYWEEKNO",
            "BYMONTH",
            "BYSETPOS",
            "WKST",
            "RSCALE",
            "SKIP");
    private static final Set<String> FREQUENCIES =
            Set.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY");

    private static String known(String propertyName) {
        return PROPERTIES.contains(propertyName) ? "property " + propertyName : "a property";
    }

    private static String knownComponent(String component) {
        return COMPONENTS.contains(component) ? component : "(a component)";
    }
}
