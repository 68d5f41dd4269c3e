package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A line's JSON travels as its UTF-8 bytes when they decode, and as the text the job used to send otherwise. */
class ReplayLineTest {

    @Test
    void utf8JsonTravelsAsItsOwnBytes() {
        byte[] json = "{\"subject\":\"Drucker défekt — 打印机\"}".getBytes(StandardCharsets.UTF_8);
        ReplayLine l = ReplayLine.of(ReplayLine.Kind.TICKET, 5, "T-1", json);
        assertThat(l.jsonBytes).isSameAs(json);
        assertThat(l.json).isNull();
        assertThat(l.jsonText()).isEqualTo("{\"subject\":\"Drucker défekt — 打印机\"}");
    }

    @Test
    void bytesThatDoNotDecodeTravelAsTheTextTheyDecodeTo() {
        // a cut two-byte sequence, and a surrogate encoded on its own (which UTF-8 does not allow)
        for (byte[] json : new byte[][] {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}
        }) {
            assertThat(ReplayLine.isUtf8(json)).isFalse();
            ReplayLine l = ReplayLine.of(ReplayLine.Kind.DEAD_LETTER, 1, "d", json);
            assertThat(l.jsonBytes).isNull();
            assertThat(l.json)
                    .isEqualTo(new String(json, StandardCharsets.UTF_8))
                    .contains("\uFFFD");
        }
        assertThat(ReplayLine.isUtf8("plain ascii".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
    }
}
