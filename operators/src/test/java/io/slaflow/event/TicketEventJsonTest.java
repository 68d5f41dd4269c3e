package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TicketEventJsonTest {
    private final TicketEventDeserializer deserializer = new TicketEventDeserializer();

    private TicketEvent parse(byte[] json) {
        ParseResult result = deserializer.parse(json);
        assertThat(result).as(new String(json, StandardCharsets.UTF_8)).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) result).event();
    }

    static Stream<Path> validExamples() {
        return ContractSchemas.examples("valid").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void everyValidExampleSurvivesARoundTrip(Path file) {
        TicketEvent original = parse(ContractSchemas.read(file));

        byte[] written = TicketEventJson.toJsonBytes(original);

        assertThat(parse(written)).isEqualTo(original);
        assertThat(ContractSchemas.validate(ContractSchemas.TICKET_EVENT, written))
                .as("schema errors")
                .isEmpty();
    }

    @Test
    void writesUtcWithZAndExtrasVerbatimAfterTheContractFields() {
        long at = java.time.OffsetDateTime.parse("2026-11-20T09:15:00.250+01:00")
                .toInstant()
                .toEpochMilli();
        TicketEvent e = new TicketEvent("e-1", "T-1", "acme", EventType.ASSIGNED, at);
        e.assignee = "bob";
        e.extra.put("zeta", "[1,2.50]");
        e.extra.put("alpha", "{\"nested\":\"é\"}");

        String json = TicketEventJson.toJson(e);

        assertThat(json)
                .isEqualTo("{\"eventId\":\"e-1\",\"ticketId\":\"T-1\",\"clientId\":\"acme\",\"type\":\"ASSIGNED\","
                        + "\"occurredAt\":\"2026-11-20T08:15:00.250Z\",\"assignee\":\"bob\","
                        + "\"alpha\":{\"nested\":\"é\"},\"zeta\":[1,2.50]}");
        assertThat(TicketEventJson.toJson(e)).as("deterministic").isEqualTo(json);
    }

    @Test
    void stringAndBytesFormsAreTheSame() {
        TicketEvent e = new TicketEvent("e-1", "T-1", "acme", EventType.CREATED, 0L);
        e.subject = "Café ☕";

        assertThat(new String(TicketEventJson.toJsonBytes(e), StandardCharsets.UTF_8))
                .isEqualTo(TicketEventJson.toJson(e));
    }

    @Test
    void refusesAnEventThatCouldNotBeReadBack() {
        TicketEvent noType = new TicketEvent("e", "t", "c", null, 0L);
        TicketEvent shadowing = new TicketEvent("e", "t", "c", EventType.CREATED, 0L);
        shadowing.extra.put("ticketId", "\"other\"");
        TicketEvent year10000 = new TicketEvent("e", "t", "c", EventType.CREATED, TicketEventJson.MAX_OCCURRED_AT + 1);

        assertThatThrownBy(() -> TicketEventJson.toJson(noType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot write an event without eventId, ticketId, clientId and type");
        assertThatThrownBy(() -> TicketEventJson.toJson(shadowing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra field 'ticketId' would shadow the contract field of that name");
        assertThatThrownBy(() -> TicketEventJson.toJson(year10000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("occurredAt 253402300800000 is outside years 0000-9999");
    }

    @Test
    void theYearRangeBoundsAreWrittenAndReadBack() {
        for (long at : new long[] {TicketEventJson.MIN_OCCURRED_AT, TicketEventJson.MAX_OCCURRED_AT}) {
            TicketEvent e = new TicketEvent("e", "t", "c", EventType.CLOSED, at);

            assertThat(parse(TicketEventJson.toJsonBytes(e))).isEqualTo(e);
        }
    }

    @Property(tries = 500)
    void parseOfSerializeIsIdentity(@ForAll("events") TicketEvent event) {
        assertThat(parse(TicketEventJson.toJsonBytes(event))).isEqualTo(event);
    }

    @Provide
    Arbitrary<TicketEvent> events() {
        Arbitrary<String> id = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60).injectNull(0.3);
        Arbitrary<String> nonEmpty = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
        Arbitrary<Map<String, String>> extras = Arbitraries.maps(
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(8)
                                .map(s -> "x_" + s),
                        Arbitraries.of(
                                "1", "-2.50", "1E+400", "true", "null", "\"é\\n☕\"", "[]", "{\"a\":[1,{\"b\":null}]}"))
                .ofMaxSize(4);
        return Builders.withBuilder(TicketEvent::new)
                .use(id)
                .in((e, v) -> {
                    e.eventId = v;
                    return e;
                })
                .use(id)
                .in((e, v) -> {
                    e.ticketId = v;
                    return e;
                })
                .use(id)
                .in((e, v) -> {
                    e.clientId = v;
                    return e;
                })
                .use(Arbitraries.of(EventType.class))
                .in((e, v) -> {
                    e.type = v;
                    return e;
                })
                .use(Arbitraries.longs().between(TicketEventJson.MIN_OCCURRED_AT, TicketEventJson.MAX_OCCURRED_AT))
                .in((e, v) -> {
                    e.occurredAt = v;
                    return e;
                })
                .use(Arbitraries.of("email", "phone", "portal", "chat", "monitoring", "api")
                        .injectNull(0.3))
                .in((e, v) -> {
                    e.source = v;
                    return e;
                })
                .use(text)
                .in((e, v) -> {
                    e.subject = v;
                    return e;
                })
                .use(text)
                .in((e, v) -> {
                    e.description = v;
                    return e;
                })
                .use(Arbitraries.of("P1", "P2", "P3", "P9"))
                .in((e, v) -> {
                    e.priority = v;
                    return e;
                })
                .use(nonEmpty)
                .in((e, v) -> {
                    e.status = v;
                    return e;
                })
                .use(nonEmpty)
                .in((e, v) -> {
                    e.assignee = v;
                    return e;
                })
                .use(text)
                .in((e, v) -> {
                    e.actor = v;
                    return e;
                })
                .use(extras)
                .in((e, v) -> {
                    e.extra.putAll(v);
                    return e;
                })
                .build();
    }
}
