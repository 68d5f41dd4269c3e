package io.slaflow.infra.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkClockTest {

    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void businessHoursSkipNightsAndWeekendsInTheClientsZone() {
        WorkClock manila = WorkClock.businessHours(ZoneId.of("Asia/Manila"));
        // Friday 16:00 Manila (08:00Z) + 4 business hours = Monday 12:00 Manila (04:00Z)
        assertThat(manila.add(at("2026-11-20T08:00:00Z"), 240)).isEqualTo(at("2026-11-23T04:00:00Z"));
        assertThat(manila.between(at("2026-11-20T08:00:00Z"), at("2026-11-23T04:00:00Z")))
                .isEqualTo(240.0);
        // created Saturday: the clock starts Monday 09:00; 3 business days = 24 h of work -> Wednesday 17:00
        assertThat(manila.add(at("2026-11-21T03:00:00Z"), 24 * 60)).isEqualTo(at("2026-11-25T09:00:00Z"));
    }

    @Test
    void acrossDaylightSavingTheLocalHoursHold() {
        WorkClock ny = WorkClock.businessHours(ZoneId.of("America/New_York"));
        // Friday 2026-10-30 16:00 EDT (20:00Z) + 2 h -> Monday 2026-11-02 10:00 EST (15:00Z)
        assertThat(ny.add(at("2026-10-30T20:00:00Z"), 120)).isEqualTo(at("2026-11-02T15:00:00Z"));
    }

    @Test
    void wallClockIsPlainTime() {
        assertThat(WorkClock.WALL.add(0, 15)).isEqualTo(900_000);
        assertThat(WorkClock.WALL.between(0, 900_000)).isEqualTo(15.0);
        assertThat(WorkClock.WALL.between(900_000, 0)).isZero();
    }
}
