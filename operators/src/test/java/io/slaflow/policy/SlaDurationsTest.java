package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaDurationsTest {

    @ParameterizedTest(name = "target ''{0}'' = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "15m | PT15M",
                "4h | PT4H",
                "1h 30m | PT1H30M",
                "1h30m | PT1H30M",
                "1 h 30 m | PT1H30M",
                "90s | PT1M30S",
                "2h 0m 30s | PT2H30S",
                "4H | PT4H",
                "'  15M  ' | PT15M",
                "15 min | PT15M",
                "15 mins | PT15M",
                "1 minute | PT1M",
                "30 minutes | PT30M",
                "1 hour | PT1H",
                "4 hours | PT4H",
                "2 hrs | PT2H",
                "45 seconds | PT45S",
                "8 business hours | PT8H",
                "8   Business   Hours | PT8H",
                "30 business minutes | PT30M",
                "8784h | PT8784H",
            })
    void spanTargets(String text, String expected) {
        SlaTarget target = SlaDurations.parseTarget(text);
        assertThat(target).isInstanceOf(SlaTarget.Span.class);
        assertThat(((SlaTarget.Span) target).duration()).isEqualTo(Duration.parse(expected));
        assertThat(target.text()).isEqualTo(text.trim());
    }

    @ParameterizedTest(name = "target ''{0}'' = {1} business days")
    @CsvSource(
            delimiter = '|',
            value = {
                "3 business days | 3",
                "1 business day | 1",
                "3 BUSINESS DAYS | 3",
                "' 3  business\tdays ' | 3",
                "366 business days | 366",
            })
    void businessDayTargets(String text, int days) {
        assertThat(SlaDurations.parseTarget(text)).isEqualTo(new SlaTarget.BusinessDays(days, text.trim()));
    }

    @ParameterizedTest(name = "target ''{0}'' is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-15m | negative duration '-15m': a target must be positive",
                "- 4h | negative duration '- 4h': a target must be positive",
                "-3 business days | negative duration '-3 business days': a target must be positive",
                "0m | '0m' is zero: a target must be positive",
                "0h 0m | '0h 0m' is zero: a target must be positive",
                "0 minutes | '0 minutes' is zero: a target must be positive",
                "0 business days | '0 business days' is zero: a target must be at least 1 business day",
                "3 business day | '3 business day': write '3 business days'",
                "1 business days | '1 business days': write '1 business day'",
                "2 hour | '2 hour': write '2 hours'",
                "1 hours | '1 hours': write '1 hour'",
                "3 days | '3 days' is ambiguous as a target: write '3 business days' or a span in hours such as '72h'",
                "2d | '2d' is ambiguous as a target: write '2 business days' or a span in hours such as '48h'",
                "1d 12h | '1d 12h' is ambiguous as a target: write '1 business day' or a span in hours such as '36h'",
                "367 business days | '367 business days' is too long: a target is at most 366 business days",
                "8785h | '8785h' is too long: at most 366 days",
                "99999999999999999999m | '99999999999999999999m' is too long: at most 366 days",
                "9999999999 business days | '9999999999 business days' is too long: at most 366 days",
                "fast | 'fast' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "1.5h | '1.5h' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "30m 1h | '30m 1h' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "15 | '15' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "'   ' | '' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "three business days | 'three business days' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
            })
    void refusedTargets(String text, String message) {
        assertThatThrownBy(() -> SlaDurations.parseTarget(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void spansAllowZeroAndPlainDays() {
        assertThat(SlaDurations.parseSpan("0m")).isZero();
        assertThat(SlaDurations.parseSpan("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(SlaDurations.parseSpan("2 days")).isEqualTo(Duration.ofDays(2));
        assertThat(SlaDurations.parseSpan("1d 2h 3m 4s")).isEqualTo(Duration.parse("P1DT2H3M4S"));
        assertThatThrownBy(() -> SlaDurations.parseSpan("3 business days"))
                .hasMessage("'3 business days': business days are only allowed as a response or resolution target");
        assertThatThrownBy(() -> SlaDurations.parseSpan("-1m"))
                .hasMessage("negative duration '-1m': a duration must be positive");
    }

    @ParameterizedTest(name = "trigger ''{0}'' fires {1} after breach")
    @CsvSource(
            delimiter = '|',
            value = {
                "30m after breach | PT30M",
                "2h after breach | PT2H",
                "1h 30m after breach | PT1H30M",
                "30 minutes after the breach | PT30M",
                "1d after breach | PT24H",
                "30M  AFTER  BREACH | PT30M",
                "0m after breach | PT0S",
                "at breach | PT0S",
                "Immediately | PT0S",
            })
    void afterBreachTriggers(String text, String delay) {
        assertThat(SlaDurations.parseTrigger(text))
                .isEqualTo(new EscalationTrigger.AfterBreach(Duration.parse(delay), text.trim()));
    }

    @ParameterizedTest(name = "trigger ''{0}'' is next business day")
    @CsvSource(
            delimiter = '|',
            value = {
                "next business day after breach",
                "the next business day after breach",
                "at the start of the next business day after breach",
                "Next Business Day After The Breach",
            })
    void nextBusinessDayTriggers(String text) {
        assertThat(SlaDurations.parseTrigger(text)).isEqualTo(new EscalationTrigger.NextBusinessDayAfterBreach(text));
    }

    @ParameterizedTest(name = "trigger ''{0}'' is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-30m after breach | negative delay in '-30m after breach': an escalation fires at or after the breach, e.g. '30m after breach'",
                "2 business hours after breach | '2 business hours after breach': a delay after breach is wall-clock time, not business time; write e.g. '2h after breach', or 'next business day after breach'",
                "3 business days after breach | '3 business days after breach': a delay after breach is wall-clock time, not business time; write e.g. '2h after breach', or 'next business day after breach'",
                "soon after breach | 'soon after breach' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours (or, for a target, 3 business days)",
                "400d after breach | '400d after breach' is too long: at most 366 days",
                "30m | '30m' is not an escalation trigger: write e.g. '30m after breach', 'at breach' or 'next business day after breach'",
                "next business day | 'next business day' is not an escalation trigger: write e.g. '30m after breach', 'at breach' or 'next business day after breach'",
                "30m before breach | '30m before breach' is not an escalation trigger: write e.g. '30m after breach', 'at breach' or 'next business day after breach'",
            })
    void refusedTriggers(String text, String message) {
        assertThatThrownBy(() -> SlaDurations.parseTrigger(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
