package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnforcerSettingsTest {

    @Test
    void liveSettingsHaveTheDocumentedDefaults() {
        EnforcerSettings s = EnforcerSettings.live();
        assertThat(s.allowedLatenessMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(s.closedGraceMs()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(s.resolvedRetentionMs()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(s.asOfMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.maxHeldEvents()).isEqualTo(SlaEnforcer.DEFAULT_MAX_HELD_EVENTS);
        assertThat(s.cachedTickets()).isEqualTo(SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }

    @Test
    void eachWitherChangesOnlyItsOwnSetting() {
        EnforcerSettings s = EnforcerSettings.live().withHeap(7, 11);
        assertThat(s.withAsOf(42))
                .isEqualTo(new EnforcerSettings(
                        s.allowedLatenessMs(), s.closedGraceMs(), s.resolvedRetentionMs(), 42, 7, 11));
        assertThat(s.withAllowedLateness(Duration.ofSeconds(1)).allowedLatenessMs())
                .isEqualTo(1000);
        assertThat(s.withAllowedLateness(Duration.ofSeconds(1)).withHeap(7, 11))
                .isEqualTo(s.withAllowedLateness(Duration.ofSeconds(1)));
        assertThat(s.withClosedGrace(Duration.ZERO))
                .extracting(EnforcerSettings::closedGraceMs, EnforcerSettings::cachedTickets)
                .containsExactly(0L, 11);
        assertThat(s.withResolvedRetention(Duration.ofDays(1)))
                .extracting(EnforcerSettings::resolvedRetentionMs, EnforcerSettings::maxHeldEvents)
                .containsExactly(Duration.ofDays(1).toMillis(), 7);
    }

    @Test
    void negativeValuesAreRefused() {
        assertThatThrownBy(() -> EnforcerSettings.live().withHeap(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> EnforcerSettings.live().withHeap(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnforcerSettings.live().withClosedGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
