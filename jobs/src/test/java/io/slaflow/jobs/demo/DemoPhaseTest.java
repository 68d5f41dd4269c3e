package io.slaflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "LIVE" only when the job has caught up, not when the feeder has sent the last history record. */
class DemoPhaseTest {
    private static final long NOW = Instant.parse("2026-12-01T22:55:00Z").toEpochMilli();

    private static JobProgress.Snapshot job(long behind, Duration eventTimeLag) {
        return new JobProgress.Snapshot(behind, NOW - eventTimeLag.toMillis());
    }

    @Test
    void historyWhileItIsSentWhateverTheJobDoes() {
        assertThat(DemoPhase.of(false, NOW, job(0, Duration.ZERO))).isEqualTo(DemoPhase.HISTORY);
    }

    @Test
    void allHistorySentButTheJobMinutesBehindIsCatchingUp() {
        // the case the demo used to show as LIVE while its counts kept climbing for minutes
        assertThat(DemoPhase.of(true, NOW, job(180_000, Duration.ofMinutes(3)))).isEqualTo(DemoPhase.CATCHING_UP);
        assertThat(DemoPhase.of(true, NOW, JobProgress.Snapshot.NOTHING_YET))
                .as("no checkpoint yet")
                .isEqualTo(DemoPhase.CATCHING_UP);
    }

    @Test
    void liveOnceTheJobIsWithinHalfAMinuteOfTheInputOrHasReadEverything() {
        assertThat(DemoPhase.of(true, NOW, job(12, Duration.ofSeconds(4)))).isEqualTo(DemoPhase.LIVE);
        assertThat(DemoPhase.of(true, NOW, job(12, DemoPhase.CAUGHT_UP.plusSeconds(1))))
                .isEqualTo(DemoPhase.CATCHING_UP);
        assertThat(DemoPhase.of(true, NOW, job(0, Duration.ofHours(2))))
                .as("nothing left to read: a quiet night")
                .isEqualTo(DemoPhase.LIVE);
    }

    @Test
    void theLagReadsAtAGlance() {
        assertThat(DemoPhase.lag(NOW, job(5, Duration.ofSeconds(75)))).isEqualTo(Duration.ofSeconds(75));
        assertThat(DemoPhase.lag(NOW, job(0, Duration.ofHours(2)))).isZero();
        assertThat(DemoPhase.lag(NOW, JobProgress.Snapshot.NOTHING_YET)).isNull();
        assertThat(DemoPhase.human(Duration.ofSeconds(4))).isEqualTo("4 s");
        assertThat(DemoPhase.human(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(DemoPhase.human(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(DemoPhase.human(Duration.ofHours(220))).isEqualTo("9 d 4 h");
    }
}
