package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    @Test
    void doublesPerFailureUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(200);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(6400);
        assertThat(backoff.ceilingMillis(8)).isEqualTo(10_000);
        assertThat(backoff.ceilingMillis(1_000_000)).isEqualTo(10_000);
    }

    @Test
    void jittersBetweenHalfAndAllOfTheCeiling() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long d = backoff.delayMillis(3);
            assertThat(d).isBetween(200L, 400L);
            seen.add(d);
        }
        assertThat(seen).hasSizeGreaterThan(50); // really random, so writers do not retry in lock-step
    }
}
