package io.slaflow.calendar;

import static io.slaflow.calendar.TestCalendars.MANILA;
import static io.slaflow.calendar.TestCalendars.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlwaysOpenCalendarTest {

    private final AlwaysOpenCalendar manila = new AlwaysOpenCalendar("support-24x7", MANILA);

    @Test
    void everyInstantIsWorkingTime() {
        assertThat(manila.isAlwaysOpen()).isTrue();
        assertThat(manila.isWorkingTime(at("2026-01-10T03:00", MANILA)))
                .as("Saturday night")
                .isTrue();
        assertThat(manila.nextWorkingInstant(at("2026-01-10T03:00", MANILA))).isEqualTo(at("2026-01-10T03:00", MANILA));
    }

    @Test
    void businessTimeIsWallClockTime() {
        Instant start = at("2026-01-09T22:00", MANILA);
        assertThat(manila.addBusinessTime(start, Duration.ofHours(30))).isEqualTo(at("2026-01-11T04:00", MANILA));
        assertThat(manila.addBusinessTime(start, Duration.ZERO)).isEqualTo(start);
        assertThat(manila.businessTimeBetween(start, at("2026-01-11T04:00", MANILA)))
                .isEqualTo(Duration.ofHours(30));
        assertThat(manila.businessTimeBetween(start, start.minusSeconds(1))).isZero();
    }

    @Test
    void businessDaysAreLocalDates() {
        assertThat(manila.addBusinessDays(at("2026-01-09T22:00", MANILA), 3)).isEqualTo(at("2026-01-12T22:00", MANILA));
        assertThat(manila.startOfNextBusinessDay(at("2026-01-09T22:00", MANILA)))
                .isEqualTo(at("2026-01-10T00:00", MANILA));
        assertThat(manila.startOfNextBusinessDay(at("2026-01-10T00:00", MANILA)))
                .isEqualTo(at("2026-01-11T00:00", MANILA));
    }

    @Test
    void rejectsNegativeArguments() {
        Instant t = at("2026-01-09T22:00", MANILA);
        assertThatThrownBy(() -> manila.addBusinessTime(t, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> manila.addBusinessDays(t, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
