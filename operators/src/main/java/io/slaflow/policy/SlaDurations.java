package io.slaflow.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the policy's human durations. Runs at policy load only, never per event. Case and extra blanks are
 * ignored everywhere.
 *
 * <ul>
 *   <li>Targets (response/resolution): a span {@code 90s}, {@code 15m}, {@code 4h}, {@code 1h30m} / {@code 1h 30m},
 *       {@code 15 min}, {@code 4 hours}, {@code 8 business hours}, {@code 30 business minutes} (spans are always
 *       counted on the tier's calendar; the word "business" documents intent), or whole business days
 *       {@code 3 business days} / {@code 1 business day}. A target is positive and at most {@value #MAX_DAYS} days
 *       (or {@value #MAX_DAYS} business days). Plain days ({@code 2d}, {@code 3 days}) are refused as a target:
 *       on a business-hours calendar they would silently mean 24 working hours each.</li>
 *   <li>Spans ({@link #parseSpan}): the span forms above and also {@code 2d} / {@code 2 days} (2×24 h); zero is
 *       allowed.</li>
 *   <li>Escalation triggers: {@code 30m after breach} (also {@code after the breach}; wall-clock time),
 *       {@code at breach} / {@code immediately}, {@code next business day after breach} (also
 *       {@code at the start of the next business day after breach}).</li>
 * </ul>
 * The number and the unit must agree: {@code 1 business day}, {@code 3 business days}, {@code 1 hour},
 * {@code 2 hours}.
 */
public final class SlaDurations {
    /** The longest target (and after-breach delay) accepted, in days or business days. */
    public static final int MAX_DAYS = 366;

    private static final Pattern COMPACT =
            Pattern.compile("(?:(\\d+) ?d)? ?(?:(\\d+) ?h)? ?(?:(\\d+) ?m)? ?(?:(\\d+) ?s)?");
    private static final Pattern WORDS = Pattern.compile(
            "(\\d+) (business )?(day|days|hour|hours|hr|hrs|minute|minutes|min|mins|second|seconds|sec|secs)");
    private static final Pattern AFTER_BREACH = Pattern.compile("(.+?) after (?:the )?breach");
    private static final Pattern NEXT_BUSINESS_DAY =
            Pattern.compile("(?:at the start of )?(?:the )?next business day after (?:the )?breach");
    private static final String SPAN_EXAMPLES = "15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours";

    private SlaDurations() {}

    /** Parses a response/resolution target; throws with a message suitable for a {@link PolicyProblem}. */
    public static SlaTarget parseTarget(String text) {
        String t = normalize(text);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("negative duration '" + text.trim() + "': a target must be positive");
        }
        Matcher words = WORDS.matcher(t);
        if (words.matches() && words.group(3).startsWith("day")) {
            checkPlural(words, text);
            long days = number(words.group(1), text);
            if (words.group(2) == null) {
                throw new IllegalArgumentException("'" + text.trim() + "' is ambiguous as a target: write '" + days
                        + (days == 1 ? " business day'" : " business days'") + " or a span in hours such as '"
                        + days * 24 + "h'");
            }
            if (days <= 0) {
                throw new IllegalArgumentException(
                        "'" + text.trim() + "' is zero: a target must be at least 1 business day");
            }
            if (days > MAX_DAYS) {
                throw new IllegalArgumentException(
                        "'" + text.trim() + "' is too long: a target is at most " + MAX_DAYS + " business days");
            }
            return new SlaTarget.BusinessDays((int) days, text.trim());
        }
        Matcher compact = COMPACT.matcher(t);
        if (compact.matches() && compact.group(1) != null) {
            long days = number(compact.group(1), text);
            Duration whole = span(t, text);
            throw new IllegalArgumentException("'" + text.trim() + "' is ambiguous as a target: write '" + days
                    + (days == 1 ? " business day'" : " business days'") + " or a span in hours such as '"
                    + whole.toHours() + "h" + (whole.toMinutesPart() == 0 ? "" : " " + whole.toMinutesPart() + "m")
                    + "'");
        }
        Duration d = span(t, text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is zero: a target must be positive");
        }
        return new SlaTarget.Span(d, text.trim());
    }

    /** Parses a plain span such as {@code 30m}, {@code 2d} or {@code 8 business hours}; zero is allowed. */
    public static Duration parseSpan(String text) {
        return span(normalize(text), text);
    }

    /** Parses an escalation trigger; throws with a message suitable for a {@link PolicyProblem}. */
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
            String delay = m.group(1);
            if (delay.startsWith("-")) {
                throw new IllegalArgumentException("negative delay in '" + text.trim()
                        + "': an escalation fires at or after the breach, e.g. '30m after breach'");
            }
            if (delay.contains("business")) {
                throw new IllegalArgumentException("'" + text.trim() + "': a delay after breach is wall-clock time, "
                        + "not business time; write e.g. '2h after breach', or 'next business day after breach'");
            }
            return new EscalationTrigger.AfterBreach(span(delay, text), text.trim());
        }
        throw new IllegalArgumentException("'" + text.trim() + "' is not an escalation trigger: write e.g. "
                + "'30m after breach', 'at breach' or 'next business day after breach'");
    }

    private static Duration span(String t, String original) {
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(
                    "negative duration '" + original.trim() + "': a duration must be positive");
        }
        Duration d;
        Matcher words = WORDS.matcher(t);
        Matcher m = COMPACT.matcher(t);
        try {
            if (words.matches()) {
                checkPlural(words, original);
                long n = number(words.group(1), original);
                String unit = words.group(3);
                if (unit.startsWith("day") && words.group(2) != null) {
                    throw new IllegalArgumentException("'" + original.trim()
                            + "': business days are only allowed as a response or resolution target");
                }
                d = unit.startsWith("day")
                        ? Duration.ofDays(n)
                        : unit.startsWith("h")
                                ? Duration.ofHours(n)
                                : unit.startsWith("min") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
            } else if (!t.isEmpty() && m.matches() && !t.equals(" ")) {
                d = Duration.ZERO;
                if (m.group(1) != null) d = d.plusDays(number(m.group(1), original));
                if (m.group(2) != null) d = d.plusHours(number(m.group(2), original));
                if (m.group(3) != null) d = d.plusMinutes(number(m.group(3), original));
                if (m.group(4) != null) d = d.plusSeconds(number(m.group(4), original));
            } else {
                throw new IllegalArgumentException("'" + original.trim() + "' is not a duration: write e.g. "
                        + SPAN_EXAMPLES + " (or, for a target, 3 business days)");
            }
        } catch (ArithmeticException e) {
            throw tooLong(original);
        }
        if (d.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw tooLong(original);
        }
        return d;
    }

    private static IllegalArgumentException tooLong(String original) {
        return new IllegalArgumentException("'" + original.trim() + "' is too long: at most " + MAX_DAYS + " days");
    }

    private static long number(String digits, String original) {
        // more than 9 digits is far beyond any limit; refuse before parseLong can overflow
        if (digits.replaceFirst("^0+(?=\\d)", "").length() > 9) {
            throw tooLong(original);
        }
        return Long.parseLong(digits);
    }

    /** "1 business day" and "3 business days", never "3 business day" or "1 business days". */
    private static void checkPlural(Matcher words, String original) {
        String unit = words.group(3);
        if (unit.startsWith("min") && !unit.startsWith("minute")
                || unit.startsWith("hr")
                || unit.startsWith("sec") && !unit.startsWith("second")) {
            return; // abbreviations: "15 min" is fine
        }
        boolean one = number(words.group(1), original) == 1;
        boolean plural = unit.endsWith("s");
        if (one == plural) {
            String singular = plural ? unit.substring(0, unit.length() - 1) : unit;
            String business = words.group(2) == null ? "" : "business ";
            String fixed = words.group(1) + " " + business + (one ? singular : singular + "s");
            throw new IllegalArgumentException("'" + original.trim() + "': write '" + fixed + "'");
        }
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
