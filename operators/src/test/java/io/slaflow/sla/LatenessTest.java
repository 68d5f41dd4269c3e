package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatenessTest {
    private static final long MINUTE = 60_000;
    private final Lateness fiveMinutes = new Lateness(5 * MINUTE);

    @Test
    void anEventWithinTheAllowedLatenessIsTaken() {
        long watermark = at("2026-11-16T10:20:00Z");
        assertThat(fiveMinutes.isTooLate(watermark + 1, watermark))
                .as("ahead: held, not late")
                .isFalse();
        assertThat(fiveMinutes.isTooLate(watermark, watermark)).isFalse();
        assertThat(fiveMinutes.isTooLate(watermark - 5 * MINUTE, watermark))
                .as("exactly the allowed lateness")
                .isFalse();
        assertThat(fiveMinutes.isTooLate(watermark - 5 * MINUTE - 1, watermark)).isTrue();
    }

    @Test
    void withNoLatenessAllowedOnlyAnEventAtTheWatermarkIsTaken() {
        Lateness none = new Lateness(0);
        long watermark = at("2026-11-16T10:20:00Z");
        assertThat(none.isTooLate(watermark, watermark)).isFalse();
        assertThat(none.isTooLate(watermark - 1, watermark)).isTrue();
    }

    @Test
    void theMessageSaysHowFarBehindAndWhatToRaise() {
        assertThat(fiveMinutes.tooLateMessage(at("2026-11-16T10:14:59Z"), at("2026-11-16T10:20:00Z")))
                .isEqualTo("event time 2026-11-16T10:14:59Z is PT5M1S behind the watermark 2026-11-16T10:20:00Z"
                        + " (allowed lateness PT5M): the ticket's SLA for that time is already decided; fix the"
                        + " producer's delay or raise --allowed-lateness");
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
