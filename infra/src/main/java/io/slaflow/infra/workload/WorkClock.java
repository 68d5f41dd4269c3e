package io.slaflow.infra.workload;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The clock an SLA target is counted on, as the default policy defines it: wall-clock time (24x7), or working time
 * Monday to Friday 09:00-17:00 in one zone (no holidays). Times are epoch milliseconds, amounts are minutes.
 */
interface WorkClock {

    /** The instant at which {@code minutes} of counted time have passed since {@code from}. */
    long add(long from, double minutes);

    /** Counted minutes between two instants ({@code 0} when {@code to <= from}). */
    double between(long from, long to);

    WorkClock WALL = new WorkClock() {
        @Override
        public long add(long from, double minutes) {
            return from + Math.round(minutes * 60_000);
        }

        @Override
        public double between(long from, long to) {
            return Math.max(0, to - from) / 60_000.0;
        }

        @Override
        public String toString() {
            return "24x7";
        }
    };

    static WorkClock businessHours(ZoneId zone) {
        return new BusinessHours(zone);
    }

    /** Monday to Friday, 09:00-17:00 local time. */
    record BusinessHours(ZoneId zone) implements WorkClock {
        private static final LocalTime OPEN = LocalTime.of(9, 0);
        private static final LocalTime CLOSE = LocalTime.of(17, 0);

        static boolean workday(LocalDate d) {
            DayOfWeek w = d.getDayOfWeek();
            return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
        }

        private long open(LocalDate d) {
            return d.atTime(OPEN).atZone(zone).toInstant().toEpochMilli();
        }

        private long close(LocalDate d) {
            return d.atTime(CLOSE).atZone(zone).toInstant().toEpochMilli();
        }

        @Override
        public long add(long from, double minutes) {
            long remaining = Math.round(minutes * 60_000);
            LocalDate day =
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(from), zone).toLocalDate();
            long t = from;
            while (true) {
                if (workday(day)) {
                    long open = open(day);
                    long close = close(day);
                    if (t < open) {
                        t = open;
                    }
                    if (t < close) {
                        long available = close - t;
                        if (remaining <= available) {
                            return t + remaining;
                        }
                        remaining -= available;
                    }
                }
                day = day.plusDays(1);
                t = Long.MIN_VALUE;
            }
        }

        @Override
        public double between(long from, long to) {
            if (to <= from) {
                return 0;
            }
            long total = 0;
            LocalDate day =
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(from), zone).toLocalDate();
            LocalDate last =
                    ZonedDateTime.ofInstant(Instant.ofEpochMilli(to), zone).toLocalDate();
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                if (workday(day)) {
                    long a = Math.max(from, open(day));
                    long b = Math.min(to, close(day));
                    if (b > a) {
                        total += b - a;
                    }
                }
            }
            return total / 60_000.0;
        }
    }
}
