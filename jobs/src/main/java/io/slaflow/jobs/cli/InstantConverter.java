package io.slaflow.jobs.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An instant as ISO-8601 with an offset: {@code 2026-11-20T17:00:00Z} or {@code 2026-11-20T12:00:00-05:00}. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an ISO-8601 time with offset, e.g. 2026-11-20T17:00:00Z");
        }
    }
}
