package io.slaflow.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in a client's own time zone: an ISO week (Monday 00:00 to the next Monday 00:00, label
 * {@code 2026-W47}) or a calendar month (label {@code 2026-11}). Start and end are the instants of local midnight,
 * so a week across a DST change is 167 or 169 hours long; a midnight that does not exist locally starts at the
 * first valid local time ({@link LocalDate#atStartOfDay(ZoneId)}).
 *
 * @param startMs inclusive
 * @param endMs   exclusive
 */
public record ReportPeriod(Kind kind, String label, ZoneId zone, long startMs, long endMs)
        implements java.io.Serializable {

    public enum Kind {
        WEEK,
        MONTH
    }

    private static final Pattern WEEK_LABEL = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH_LABEL = Pattern.compile("(\\d{4})-(\\d{2})");

    /** The period of this kind that holds {@code epochMs} in {@code zone}. */
    public static ReportPeriod containing(Kind kind, ZoneId zone, long epochMs) {
        LocalDate day = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
        return kind == Kind.WEEK
                ? week(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone)
                : month(YearMonth.from(day), zone);
    }

    /**
     * The exclusive end of the period of this kind that holds {@code epochMs}: {@code containing(...).endMs()} without
     * building the period. The report builder asks this for every kept target at every close, and the label alone
     * (formatted per call) cost more than the enforcer in a replay's profile.
     */
    public static long endOf(Kind kind, ZoneId zone, long epochMs) {
        LocalDate day = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
        LocalDate next = kind == Kind.WEEK
                ? day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1).plusMonths(1);
        return startOf(next, zone);
    }

    /** Parses {@code 2026-W47} or {@code 2026-11}; throws IllegalArgumentException on anything else. */
    public static ReportPeriod parse(String label, ZoneId zone) {
        Matcher w = WEEK_LABEL.matcher(label);
        if (w.matches()) {
            int year = Integer.parseInt(w.group(1));
            int week = Integer.parseInt(w.group(2));
            LocalDate jan4 = LocalDate.of(year, 1, 4);
            long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            if (week < 1 || week > weeks) {
                throw new IllegalArgumentException(
                        "week " + label + " does not exist: " + year + " has " + weeks + " ISO weeks");
            }
            LocalDate monday =
                    jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
            return week(monday, zone);
        }
        Matcher m = MONTH_LABEL.matcher(label);
        if (m.matches()) {
            try {
                return month(YearMonth.parse(label), zone);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a month: " + label);
            }
        }
        throw new IllegalArgumentException("not a period label (expected e.g. 2026-W47 or 2026-11): " + label);
    }

    private static ReportPeriod week(LocalDate monday, ZoneId zone) {
        int weekYear = monday.get(IsoFields.WEEK_BASED_YEAR);
        int week = monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return new ReportPeriod(
                Kind.WEEK, weekLabel(weekYear, week), zone, startOf(monday, zone), startOf(monday.plusWeeks(1), zone));
    }

    /** {@code 2026-W07}: what {@code String.format("%04d-W%02d")} writes for years 1000–9999, at a fraction of its cost. */
    private static String weekLabel(int weekYear, int week) {
        StringBuilder b = new StringBuilder(8);
        if (weekYear < 1000) b.append(weekYear < 10 ? "000" : weekYear < 100 ? "00" : "0");
        b.append(weekYear).append("-W");
        if (week < 10) b.append('0');
        return b.append(week).toString();
    }

    private static ReportPeriod month(YearMonth month, ZoneId zone) {
        return new ReportPeriod(
                Kind.MONTH,
                month.toString(),
                zone,
                startOf(month.atDay(1), zone),
                startOf(month.plusMonths(1).atDay(1), zone));
    }

    private static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public boolean contains(long epochMs) {
        return epochMs >= startMs && epochMs < endMs;
    }

    public ReportPeriod next() {
        return containing(kind, zone, endMs);
    }

    public ReportPeriod previous() {
        return containing(kind, zone, startMs - 1);
    }

    /** "week" or "month", for sentences such as "up from 97.1% last week". */
    public String noun() {
        return kind == Kind.WEEK ? "week" : "month";
    }

    /** First and last local day, e.g. "2026-11-16 – 2026-11-22". */
    public String dayRange() {
        LocalDate first = Instant.ofEpochMilli(startMs).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(endMs).atZone(zone).toLocalDate().minusDays(1);
        return first + " – " + last;
    }
}
