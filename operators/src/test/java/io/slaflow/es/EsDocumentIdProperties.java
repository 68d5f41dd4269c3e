package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Ids built from outside strings always fit Elasticsearch's 512 bytes, and two ids never share a document. */
class EsDocumentIdProperties {

    @Property(tries = 2000)
    void everyIdFitsAndOrdinaryIdsAreKept(@ForAll("ids") String id) {
        String written = EsDocumentId.of(id);
        assertThat(written.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
        if (id.getBytes(StandardCharsets.UTF_8).length <= EsDocumentId.VERBATIM_BYTES) {
            assertThat(written).isEqualTo(id);
        }
        assertThat(EsDocumentId.of(id)).isEqualTo(written);
    }

    @Property(tries = 2000)
    void twoIdsNeverShareADocument(@ForAll("ids") String a, @ForAll("ids") String b) {
        if (!a.equals(b)) {
            assertThat(EsDocumentId.of(a)).isNotEqualTo(EsDocumentId.of(b));
        }
        // an id that looks like a shortened one is still its own
        String lookalike = EsDocumentId.of(a);
        if (!lookalike.equals(a)) {
            assertThat(EsDocumentId.of(lookalike)).isNotEqualTo(lookalike);
        }
    }

    /** Ticket-id-shaped strings around the limits: the contract allows 256 code points of any plane. */
    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> cp = Arbitraries.oneOf(
                Arbitraries.of("a", "é", "€", "\uD83D\uDE00"),
                Arbitraries.integers()
                        .between(0x20, 0x10FFFF)
                        .filter(c -> c < 0xD800 || c > 0xDFFF)
                        .map(Character::toString));
        Arbitrary<String> ticket = cp.list().ofMinSize(1).ofMaxSize(256).map(l -> String.join("", l));
        return Arbitraries.oneOf(
                ticket,
                ticket.map(t -> t + ":RESPONSE:WARNING:75:P1"),
                ticket.map(t -> t + "|P1|RESPONSE|1h|2026-11-16T10:00:00Z"),
                ticket.map(t -> t.repeat(2)));
    }
}
