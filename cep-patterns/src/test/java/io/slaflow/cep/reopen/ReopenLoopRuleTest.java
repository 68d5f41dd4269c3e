package io.slaflow.cep.reopen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.SlaSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting rule alone: signals applied in order, as {@link ReopenLoopFunction} applies them. */
class ReopenLoopRuleTest {
    private final ReopenLoopRule rule = new ReopenLoopRule(2, Duration.ofDays(7));
    private final ReopenLoopState state = new ReopenLoopState();

    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static SlaSignal resolved(String id, String at) {
        return new SlaSignal(id, SlaSignal.Kind.RESOLVED, "T1", "acme", t(at));
    }

    static SlaSignal reopened(String id, String at) {
        return new SlaSignal(id, SlaSignal.Kind.REOPENED, "T1", "acme", t(at));
    }

    /** Expire, then apply, for each signal: what the function does at each signal's event time. */
    private List<ChainAlert> apply(SlaSignal... signals) {
        List<ChainAlert> alerts = new ArrayList<>();
        for (SlaSignal s : signals) {
            rule.expire(state, s.at);
            ChainAlert a = rule.apply(state, s, s.at);
            if (a != null) alerts.add(a);
        }
        return alerts;
    }

    @Test
    void resolvedAndReopenedTwiceWithinAWeekIsOneLoopAndTheThirdCycleAloneIsNoNewOne() {
        List<ChainAlert> alerts = apply(
                resolved("r1", "2026-11-10T10:00:00Z"),
                reopened("o1", "2026-11-11T10:00:00Z"),
                resolved("r2", "2026-11-12T10:00:00Z"),
                reopened("o2", "2026-11-13T10:00:00Z"),
                resolved("r3", "2026-11-14T10:00:00Z"),
                reopened("o3", "2026-11-15T10:00:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.pattern()).isEqualTo("reopen-loop");
            assertThat(a.clientId()).isEqualTo("acme");
            assertThat(a.tickets()).containsExactly("T1");
            assertThat(a.evidence()).containsExactly("r1", "o1", "r2", "o2");
            assertThat(a.firstAt()).isEqualTo(t("2026-11-10T10:00:00Z"));
            assertThat(a.detectedAt()).isEqualTo(t("2026-11-13T10:00:00Z"));
            assertThat(a.id()).isEqualTo(ChainAlert.idFor("reopen-loop", a.evidence()));
            assertThat(a.targetRole()).isNull();
            assertThat(a.target()).isNull();
            assertThat(a.message()).isEqualTo("ticket T1 was resolved and reopened 2 times within 7 days");
        });
        assertThat(state.taken)
                .as("the third cycle is open")
                .extracting(s -> s.id)
                .containsExactly("r3", "o3");
    }

    @Test
    void aLoopRunsOutExactlyWithinAfterItsFirstResolution() {
        assertThat(apply(
                        resolved("r1", "2026-11-10T10:00:00Z"),
                        reopened("o1", "2026-11-11T10:00:00Z"),
                        resolved("r2", "2026-11-16T10:00:00Z"),
                        reopened("o2", "2026-11-17T10:00:00Z")))
                .as("7 days exactly")
                .isEmpty();
        state.taken = new SlaSignal[0];
        state.takenAt = new long[0];
        state.flags = new byte[0];
        assertThat(apply(
                        resolved("r1", "2026-11-10T10:00:00Z"),
                        reopened("o1", "2026-11-11T10:00:00Z"),
                        resolved("r2", "2026-11-16T10:00:00Z"),
                        reopened("o2", "2026-11-17T09:59:59.999Z")))
                .as("1 ms inside")
                .singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsExactly("r1", "o1", "r2", "o2"));
    }

    @Test
    void whenTheOldestLoopRunsOutALaterResolutionCarriesOn() {
        // r1 and r2 both wait for a reopen; r1's loop runs out before the second reopen, r2's does not
        List<ChainAlert> alerts = apply(
                resolved("r1", "2026-11-01T10:00:00Z"),
                resolved("r2", "2026-11-03T10:00:00Z"),
                reopened("o1", "2026-11-04T10:00:00Z"),
                resolved("r3", "2026-11-06T10:00:00Z"),
                reopened("o2", "2026-11-08T10:00:00Z"));
        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.evidence())
                        .as("r1 ran out on the 8th; r2 started a loop of its own")
                        .containsExactly("r2", "o1", "r3", "o2"));
        assertThat(state.isEmpty())
                .as("skip past the last event: every open loop goes with the alert")
                .isTrue();
    }

    @Test
    void reopensWithoutAnOpenLoopAndRepeatedReopensChangeNothing() {
        List<ChainAlert> alerts = apply(
                reopened("o0", "2026-11-01T09:00:00Z"),
                resolved("r1", "2026-11-01T10:00:00Z"),
                reopened("o1", "2026-11-01T11:00:00Z"),
                reopened("o1b", "2026-11-01T12:00:00Z"),
                reopened("o1c", "2026-11-01T13:00:00Z"),
                resolved("r2", "2026-11-02T10:00:00Z"),
                reopened("o2", "2026-11-02T11:00:00Z"));
        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsExactly("r1", "o1", "r2", "o2"));
    }

    @Test
    void aCountOfOneIsEveryReopenAfterAResolution() {
        ReopenLoopRule once = new ReopenLoopRule(1, Duration.ofDays(7));
        List<String> evidence = new ArrayList<>();
        for (SlaSignal s : List.of(
                resolved("r1", "2026-11-01T10:00:00Z"),
                reopened("o1", "2026-11-01T11:00:00Z"),
                reopened("o2", "2026-11-01T12:00:00Z"),
                resolved("r2", "2026-11-01T13:00:00Z"),
                reopened("o3", "2026-11-01T14:00:00Z"))) {
            once.expire(state, s.at);
            ChainAlert a = once.apply(state, s, s.at);
            if (a != null) evidence.add(String.join(",", a.evidence()));
        }
        assertThat(evidence).containsExactly("r1,o1", "r2,o3");
    }

    @Test
    void theStateRunsOutWithItsNewestLoop() {
        apply(
                resolved("r1", "2026-11-01T10:00:00Z"),
                reopened("o1", "2026-11-02T10:00:00Z"),
                resolved("r2", "2026-11-03T10:00:00Z"));
        assertThat(rule.runsOutAt(state)).isEqualTo(t("2026-11-10T10:00:00Z"));
        rule.expire(state, t("2026-11-08T10:00:00Z"));
        assertThat(state.taken)
                .as("r1's loop ran out, r2's is open")
                .extracting(s -> s.id)
                .containsExactly("r2");
        rule.expire(state, t("2026-11-10T10:00:00Z"));
        assertThat(state.isEmpty()).isTrue();
        assertThat(rule.runsOutAt(state)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void refusesACountOrWindowTheCepPatternCouldNotHave() {
        assertThatThrownBy(() -> new ReopenLoopRule(0, Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReopenLoopRule(101, Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReopenLoopRule(2, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void looksAtResolutionsAndReopensOfOneTicket() {
        assertThat(rule.relevant(resolved("r", "2026-11-01T10:00:00Z"))).isTrue();
        assertThat(rule.relevant(reopened("o", "2026-11-01T10:00:00Z"))).isTrue();
        for (SlaSignal.Kind k : SlaSignal.Kind.values()) {
            if (k != SlaSignal.Kind.RESOLVED && k != SlaSignal.Kind.REOPENED) {
                assertThat(rule.relevant(new SlaSignal("x", k, "T1", "acme", 0)))
                        .as(k.name())
                        .isFalse();
            }
        }
        assertThat(rule.keyOf(resolved("r", "2026-11-01T10:00:00Z"))).isEqualTo("T1");
    }
}
