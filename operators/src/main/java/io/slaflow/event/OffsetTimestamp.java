package io.slaflow.event;

/**
 * Parses the contract's {@code occurredAt}: RFC 3339 date-time (the ISO-8601 profile JSON Schema's
 * {@code date-time} format means), offset required. Shape, exactly:
 * {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+HH:MM|-HH:MM)} with upper-case {@code T} and {@code Z}, seconds
 * required, offset within ±18:00 (what {@link java.time.ZoneOffset} accepts), dates checked against the
 * calendar (no February 30th), no leap second, and {@code -00:00} refused (write {@code Z}). Fractions
 * beyond milliseconds are truncated.
 *
 * <p>Hand-written rather than {@code OffsetDateTime.parse} because it runs once per event on the hot path:
 * it reads the parser's char buffer in place and allocates nothing. Results agree with
 * {@code OffsetDateTime.parse(text).toInstant().toEpochMilli()} on every accepted text (property-tested).
 */
final class OffsetTimestamp {
    /** Returned for text that is not a timestamp of the accepted shape. */
    static final long INVALID = Long.MIN_VALUE;
    /** Returned for a well-formed local date-time that lacks the offset: worth its own message. */
    static final long NO_OFFSET = Long.MIN_VALUE + 1;
    /**
     * Returned for the offset {@code -00:00}: RFC 3339 reads it as "UTC, local offset unknown", but common
     * validators (the one behind JSON Schema's {@code date-time} among them) refuse it, so the contract
     * asks for {@code Z} instead.
     */
    static final long UNKNOWN_LOCAL_OFFSET = Long.MIN_VALUE + 2;

    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private OffsetTimestamp() {}

    static long parse(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        return parse(chars, 0, chars.length);
    }

    /** Epoch milliseconds of {@code c[off, off+len)}, or {@link #INVALID} / {@link #NO_OFFSET}. */
    static long parse(char[] c, int off, int len) {
        int end = off + len;
        if (len < 20) { // shortest valid: 2026-11-20T09:15:00Z
            return len == 19 && localDateTimeShape(c, off) ? NO_OFFSET : INVALID;
        }
        if (!localDateTimeShape(c, off)) {
            return INVALID;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (month < 1
                || month > 12
                || day < 1
                || day > lengthOfMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return INVALID;
        }
        int i = off + 19;
        int millis = 0;
        if (c[i] == '.') {
            int fractionStart = ++i;
            while (i < end && isDigit(c[i])) {
                if (i - fractionStart < 3) {
                    millis = millis * 10 + (c[i] - '0');
                }
                i++;
            }
            int fractionDigits = i - fractionStart;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return INVALID;
            }
            for (int d = fractionDigits; d < 3; d++) {
                millis *= 10;
            }
            if (i == end) {
                return NO_OFFSET;
            }
        }
        int offsetSeconds;
        if (c[i] == 'Z' && i + 1 == end) {
            offsetSeconds = 0;
        } else if ((c[i] == '+' || c[i] == '-')
                && i + 6 == end
                && isDigit(c[i + 1])
                && isDigit(c[i + 2])
                && c[i + 3] == ':'
                && isDigit(c[i + 4])
                && isDigit(c[i + 5])) {
            int offsetHours = digits(c, i + 1, 2);
            int offsetMinutes = digits(c, i + 4, 2);
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetMinutes > 59 || offsetSeconds > MAX_OFFSET_SECONDS) {
                return INVALID;
            }
            if (c[i] == '-') {
                if (offsetSeconds == 0) {
                    return UNKNOWN_LOCAL_OFFSET;
                }
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return INVALID;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000L + millis;
    }

    private static boolean localDateTimeShape(char[] c, int o) {
        return isDigit(c[o])
                && isDigit(c[o + 1])
                && isDigit(c[o + 2])
                && isDigit(c[o + 3])
                && c[o + 4] == '-'
                && isDigit(c[o + 5])
                && isDigit(c[o + 6])
                && c[o + 7] == '-'
                && isDigit(c[o + 8])
                && isDigit(c[o + 9])
                && c[o + 10] == 'T'
                && isDigit(c[o + 11])
                && isDigit(c[o + 12])
                && c[o + 13] == ':'
                && isDigit(c[o + 14])
                && isDigit(c[o + 15])
                && c[o + 16] == ':'
                && isDigit(c[o + 17])
                && isDigit(c[o + 18]);
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static int digits(char[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (c[i] - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
