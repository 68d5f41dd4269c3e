package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The hand-written timestamp parser against {@link OffsetDateTime}, the reference it must agree with. */
class OffsetTimestampProperties {

    @Property
    void agreesWithOffsetDateTimeOnEveryRenderedInstant(
            @ForAll
                    @LongRange(
                            min = TicketEventJson.MIN_OCCURRED_AT / 1000 + 86_400,
                            max = TicketEventJson.MAX_OCCURRED_AT / 1000 - 86_400)
                    long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        OffsetDateTime time = Instant.ofEpochSecond(epochSecond, nanos).atOffset(offset);
        String pattern =
                "uuuu-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits)) + "XXX";
        String text = time.format(DateTimeFormatter.ofPattern(pattern));
        if (text.endsWith("-00:00")) {
            return; // never produced by XXX (it prints Z), kept out for clarity
        }

        assertThat(OffsetTimestamp.parse(text))
                .as(text)
                .isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    }

    @Property
    void acceptsOnlyWhatOffsetDateTimeAccepts(@ForAll("timestampLike") String text) {
        long millis = OffsetTimestamp.parse(text);
        if (millis == OffsetTimestamp.INVALID
                || millis == OffsetTimestamp.NO_OFFSET
                || millis == OffsetTimestamp.UNKNOWN_LOCAL_OFFSET) {
            return; // stricter than OffsetDateTime (seconds required, T and Z upper case) is intended
        }

        long reference;
        try {
            reference = OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new AssertionError("accepted '" + text + "' which OffsetDateTime refuses", e);
        }
        assertThat(millis).as(text).isEqualTo(reference);
    }

    /** Timestamp-shaped strings with digits and separators scrambled: most are invalid in some small way. */
    @Provide
    Arbitrary<String> timestampLike() {
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', '+', '.');
        return Arbitraries.of(
                        "2026-11-20T09:15:00Z", "2028-02-29T23:59:59.123456789+18:00", "1999-12-31T00:00:00-05:30")
                .flatMap(seed -> Arbitraries.integers()
                        .between(0, seed.length() - 1)
                        .list()
                        .ofMaxSize(3)
                        .flatMap(positions -> chars.list()
                                .ofSize(positions.size())
                                .map(replacements -> {
                                    char[] c = seed.toCharArray();
                                    for (int i = 0; i < positions.size(); i++) {
                                        c[positions.get(i)] = replacements.get(i);
                                    }
                                    return new String(c);
                                })));
    }
}
