package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAYS_30 = Duration.ofDays(30).toMillis();
    private final RetentionRules rules = new RetentionRules(HOUR, DAYS_30);

    @Test
    void aClosedTicketIsPurgedTheClosedGraceAfterItsClose() {
        TicketState s = open();
        s.closedAt = at("2026-12-01T10:00:00Z");
        assertThat(rules.purgeAt(s)).isEqualTo(at("2026-12-01T11:00:00Z"));
    }

    @Test
    void aResolvedTicketIsPurgedTheRetentionAfterItsLastCompletedTarget() {
        TicketState s = open();
        s.response.completedAt = at("2026-12-01T10:00:00Z");
        s.resolution.completedAt = at("2026-12-01T09:00:00Z");
        assertThat(rules.purgeAt(s)).isEqualTo(at("2026-12-31T10:00:00Z"));
    }

    @Test
    void anOpenTicketIsNeverPurged() {
        TicketState running = open();
        running.resolution.state = SlaClock.RUNNING;
        running.resolution.completedAt = at("2026-12-01T09:00:00Z"); // completed once, reopened
        assertThat(rules.purgeAt(running)).isEqualTo(Long.MAX_VALUE);
        assertThat(rules.purgeAt(open())).as("resolution never completed").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRetentionWithoutEndSaturates() {
        RetentionRules forever = new RetentionRules(Long.MAX_VALUE, Long.MAX_VALUE);
        TicketState s = open();
        s.closedAt = at("2026-12-01T10:00:00Z");
        assertThat(forever.purgeAt(s)).isEqualTo(Long.MAX_VALUE);
        assertThat(RetentionRules.tombstoneLifetimeMs(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(forever.tombstoneCountsAt(s.closedAt, Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void aTombstoneCountsForTwoResolvedRetentionsAfterThePurge() {
        long purged = at("2026-12-16T10:10:00Z");
        assertThat(RetentionRules.tombstoneExpiresAt(purged, DAYS_30)).isEqualTo(at("2027-02-14T10:10:00Z"));
        assertThat(rules.tombstoneCountsAt(purged, at("2027-02-14T10:09:59.999Z")))
                .isTrue();
        assertThat(rules.tombstoneCountsAt(purged, at("2027-02-14T10:10:00Z"))).isFalse();
        assertThat(rules.keepsTombstones()).isTrue();
    }

    @Test
    void withoutResolvedRetentionNoTombstoneIsKept() {
        RetentionRules none = new RetentionRules(HOUR, 0);
        assertThat(none.keepsTombstones()).isFalse();
        assertThat(none.tombstoneCountsAt(0, 0)).isFalse();
    }

    @Test
    void thePurgedMessageNamesWhenTheTicketEndedAndTheSettingThatPurgedIt() {
        assertThat(rules.purgedMessage("T-1", at("2026-12-03T10:00:00Z"), at("2026-12-01T10:00:00Z"), true))
                .isEqualTo(
                        "ticket 'T-1' was closed at 2026-12-01T10:00:00Z, 2 days before this event, and its SLA state"
                                + " purged 1 h after the close (closed grace): a closed ticket is final; raise --closed-grace to"
                                + " refuse later events as CONFLICT instead");
        assertThat(rules.purgedMessage("T-2", at("2026-12-01T09:00:00Z"), at("2026-12-01T10:00:00Z"), false))
                .as("an event before the end: no negative span")
                .isEqualTo("ticket 'T-2' was resolved at 2026-12-01T10:00:00Z, 0 s before this event, and its SLA"
                        + " state purged after 30 days without a REOPENED or CLOSED (resolved retention): raise"
                        + " --resolved-retention to keep resolved tickets longer");
    }

    /** A ticket with both clocks stopped and nothing completed or closed. */
    private static TicketState open() {
        TicketState s = new TicketState();
        s.response = new SlaClock();
        s.resolution = new SlaClock();
        return s;
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
