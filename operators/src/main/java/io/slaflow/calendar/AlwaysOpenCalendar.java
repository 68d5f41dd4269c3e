package io.slaflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A 24×7 calendar: every instant is working time, so business time is wall-clock time, and business days are the
 * local calendar days of the zone (a DST day of 23 or 25 hours is still one business day).
 */
public final class AlwaysOpenCalendar implements BusinessCalendar {

    private final String id;
    private final ZoneId zone;

    public AlwaysOpenCalendar(String id, ZoneId zone) {
        this.id = Objects.requireNonNull(id, "id");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean isAlwaysOpen() {
        return true;
    }

    @Override
    public boolean isWorkingTime(Instant t) {
        Objects.requireNonNull(t, "t");
        return true;
    }

    @Override
    public Instant addBusinessTime(Instant start, Duration amount) {
        Arguments.requireNonNegative(amount);
        return start.plus(amount);
    }

    @Override
    public Instant nextWorkingInstant(Instant t) {
        return Objects.requireNonNull(t, "t");
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    /** The same local time {@code days} local dates later ({@link java.time.ZonedDateTime#plusDays} rules for DST). */
    @Override
    public Instant addBusinessDays(Instant start, int days) {
        Arguments.requireNonNegative(days);
        return start.atZone(zone).plusDays(days).toInstant();
    }

    /** The next local midnight (or the first instant of the next local date when midnight falls in a DST gap). */
    @Override
    public Instant startOfNextBusinessDay(Instant t) {
        LocalDate next = LocalDate.ofInstant(t, zone).plusDays(1);
        return next.atStartOfDay(zone).toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlwaysOpenCalendar other && id.equals(other.id) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, zone);
    }

    @Override
    public String toString() {
        return "AlwaysOpenCalendar{" + id + ", " + zone + "}";
    }
}
