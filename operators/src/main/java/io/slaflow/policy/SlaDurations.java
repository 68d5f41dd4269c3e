package io.slaflow.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the policy's human durations. Runs at policy load only, never per event.
 *
 * <ul>
 *   <li>Spans: {@code 90s}, {@code 15m}, {@code 4h}, {@code 1h30m}, {@code 2d} (2×24 h), also
 *       {@code 8 business hours} / {@code 30 business minutes} (spans are always counted on the tier's
 *       calendar; the word "business" documents intent).</li>
 *   <li>Business days: {@code 3 business days}, {@code 1 business day}.</li>
 *   <li>Escalation triggers: {@code 30m after breach}, {@code at breach},
 *       {@code next business day after breach} (also {@code at the start of the next business day after breach}).</li>
 * </ul>
 */
public final class SlaDurations {
    private static final Pattern COMPACT = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");
    private static final Pattern WORDS = Pattern.compile("(\\d+)\\s+(business\\s+)?(day|days|hour|hours|minute|minutes|min|mins)");
    private static final Pattern AFTER_BREACH = Pattern.compile("(.+?)\\s+after\\s+breach");
    private static final Pattern NEXT_BUSINESS_DAY =
            Pattern.compile("(?:at\\s+the\\s+start\\s+of\\s+)?(?:the\\s+)?next\\s+business\\s+day\\s+after\\s+breach");

    private SlaDurations() {}

    /** Parses a response/resolution target; throws with a message suitable for a {@link PolicyProblem}. */
    public static SlaTarget parseTarget(String text) {
        String t = normalize(text);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("negative duration '" + text + "': a target must be positive");
        }
        Matcher words = WORDS.matcher(t);
        if (words.matches() && words.group(3).startsWith("day") && words.group(2) != null) {
            int days = Integer.parseInt(words.group(1));
            if (days <= 0) {
                throw new IllegalArgumentException("'" + text + "' must be at least 1 business day");
            }
            return new SlaTarget.BusinessDays(days, text.trim());
        }
        Duration d = parseSpan(t, text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero: a target must be positive");
        }
        return new SlaTarget.Span(d, text.trim());
    }

    /** Parses a plain span such as {@code 30m} or {@code 8 business hours}; zero is allowed. */
    public static Duration parseSpan(String text) {
        return parseSpan(normalize(text), text);
    }

    public static EscalationTrigger parseTrigger(String text) {
        String t = normalize(text);
        if (t.equals("at breach") || t.equals("immediately")) {
            return new EscalationTrigger.AfterBreach(Duration.ZERO, text.trim());
        }
        if (NEXT_BUSINESS_DAY.matcher(t).matches()) {
            return new EscalationTrigger.NextBusinessDayAfterBreach(text.trim());
        }
        Matcher m = AFTER_BREACH.matcher(t);
        if (m.matches()) {
            if (m.group(1).startsWith("-")) {
                throw new IllegalArgumentException("negative delay in '" + text + "'");
            }
            return new EscalationTrigger.AfterBreach(parseSpan(m.group(1), text), text.trim());
        }
        throw new IllegalArgumentException("'" + text + "' is not a trigger: write e.g. '30m after breach', "
                + "'at breach' or 'next business day after breach'");
    }

    private static Duration parseSpan(String t, String original) {
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("negative duration '" + original + "'");
        }
        Matcher words = WORDS.matcher(t);
        if (words.matches()) {
            long n = Long.parseLong(words.group(1));
            String unit = words.group(3);
            if (unit.startsWith("day")) {
                if (words.group(2) != null) {
                    throw new IllegalArgumentException("'" + original + "': business days are only allowed as a target");
                }
                return Duration.ofDays(n);
            }
            return unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofMinutes(n);
        }
        Matcher m = COMPACT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + original + "' is not a duration: write e.g. 15m, 4h, 1h30m, "
                    + "8 business hours or 3 business days");
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
        return d;
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
