package io.slaflow.jobs.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A retention: days ({@code 400d}, {@code 800 days}), which may exceed the 366 days an SLA span is limited to, or any
 * shorter span as {@link DurationConverter} reads it ({@code 36h}).
 */
final class RetentionConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DAYS = Pattern.compile("(\\d{1,6})\\s*(?:d|days?)", Pattern.CASE_INSENSITIVE);

    @Override
    public Duration convert(String value) {
        Matcher m = DAYS.matcher(value.strip());
        if (m.matches()) return Duration.ofDays(Long.parseLong(m.group(1)));
        return new DurationConverter().convert(value);
    }
}
