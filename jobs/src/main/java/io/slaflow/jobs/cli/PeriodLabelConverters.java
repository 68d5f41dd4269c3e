package io.slaflow.jobs.cli;

import io.slaflow.report.ReportPeriod;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --week 2026-W47} and {@code --month 2026-11}, checked when the command line is read: a label that is
 * almost right ({@code 2026-47}) is named with the form it should have, not guessed, and a week that does not
 * exist ({@code 2026-W54}) is refused with the number of weeks the year has.
 */
final class PeriodLabelConverters {
    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    /** Almost a week: {@code 2026-47}, {@code 2026W47}, {@code 2026-w7}. */
    private static final Pattern WEEKISH = Pattern.compile("(\\d{4})-?W?(\\d{1,2})");

    private PeriodLabelConverters() {}

    static final class Week implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String label = value.strip().toUpperCase(Locale.ROOT);
            if (!WEEK.matcher(label).matches()) {
                java.util.regex.Matcher almost = WEEKISH.matcher(label);
                String example = almost.matches()
                                && Integer.parseInt(almost.group(2)) >= 1
                                && Integer.parseInt(almost.group(2)) <= 53
                        ? String.format("%s-W%02d", almost.group(1), Integer.parseInt(almost.group(2)))
                        : "2026-W47";
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO week (" + example + ")"
                        + (MONTH.matcher(label).matches() ? "; for a month use --month " + label : ""));
            }
            return checked(label);
        }
    }

    static final class Month implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String label = value.strip().toUpperCase(Locale.ROOT);
            if (!Pattern.matches("\\d{4}-\\d{2}", label)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a month (2026-11)"
                        + (WEEK.matcher(label).matches() ? "; for an ISO week use --week " + label : ""));
            }
            return checked(label);
        }
    }

    /** The period must exist; which zone does not matter for that, the client's is applied later. */
    private static String checked(String label) {
        try {
            return ReportPeriod.parse(label, ZoneOffset.UTC).label();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
