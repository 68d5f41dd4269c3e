package io.slaflow.jobs.cli;

import io.slaflow.policy.SlaDurations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations on the command line as in the policy: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return SlaDurations.parseSpan(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    e.getMessage() + " (examples: 500ms is not accepted; use 1s, 30s, 5m, 1h30m, 2d)");
        }
    }
}
