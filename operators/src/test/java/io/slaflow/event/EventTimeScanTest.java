package io.slaflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimeScanTest {

    private static long scan(String json) {
        return EventTimeScan.occurredAt(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractsTimestampWhereverTheFieldIs() {
        long t = Instant.parse("2026-11-20T09:15:00.250Z").toEpochMilli();
        assertThat(scan("{\"occurredAt\":\"2026-11-20T09:15:00.250Z\"}")).isEqualTo(t);
        assertThat(scan("{\"eventId\":\"e1\",\"extra\":{\"occurredAt\":\"1999-01-01T00:00:00Z\",\"n\":[1,{\"a\":2}]},"
                        + "\"occurredAt\":\"2026-11-20T10:15:00.250+01:00\",\"type\":\"CREATED\"}"))
                .as("a nested field of the same name is not the event's time")
                .isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{\"eventId\":\"e1\"}",
                "{\"occurredAt\":42}",
                "{\"occurredAt\":\"2026-11-20T09:15:00\"}",
                "{\"occurredAt\":\"2026-11-20T09:15:00-00:00\"}",
                "{\"occurredAt\":\"yesterday\"}",
                "{\"occurredAt\":null}",
                "{\"eventId\":\"e1\", \"occurredAt\":\"2026-11-2"
            })
    void anythingElseIsUnknown(String json) {
        assertThat(scan(json)).isEqualTo(EventTimeScan.UNKNOWN);
    }

    @Test
    void nullIsUnknown() {
        assertThat(EventTimeScan.occurredAt(null)).isEqualTo(EventTimeScan.UNKNOWN);
    }
}
