package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** A replay line reads back as it was written, every field, null or not; a copy is equal and shares no array. */
class ReplayLineSerializerTest {

    @Test
    void everyFieldRoundTrips() throws IOException {
        ReplayLine outcome = ReplayLine.of(
                ReplayLine.Kind.OUTCOME,
                0,
                "T-1:RESPONSE",
                "{\"subject\":\"défekt — 打印机\"}".getBytes(StandardCharsets.UTF_8));
        outcome.clientId = "acme";
        outcome.tier = "P1";
        outcome.metric = "RESPONSE";
        outcome.outcome = "BREACHED";
        outcome.revision = 3;
        outcome.unlistedClient = true;
        ReplayLine deadLetter = new ReplayLine();
        deadLetter.kind = ReplayLine.Kind.DEAD_LETTER;
        deadLetter.time = Long.MAX_VALUE;
        deadLetter.id = "dl-\u00e9";
        deadLetter.json = "{\"bytes\":\"\uFFFD\"}"; // the text form: bytes that did not decode
        deadLetter.reason = "LATE";
        ReplayLine empty = new ReplayLine(); // every reference null

        for (ReplayLine l : new ReplayLine[] {outcome, deadLetter, empty}) {
            DataOutputSerializer out = new DataOutputSerializer(16);
            ReplayLineSerializer.INSTANCE.serialize(l, out);
            out.writeInt(0x5eed5eed);
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            ReplayLine back = ReplayLineSerializer.INSTANCE.deserialize(in);
            assertThat(back).usingRecursiveComparison().isEqualTo(l);
            assertThat(in.readInt()).isEqualTo(0x5eed5eed);
            ReplayLine copy = ReplayLineSerializer.INSTANCE.copy(l);
            assertThat(copy).isNotSameAs(l).usingRecursiveComparison().isEqualTo(l);
            if (l.jsonBytes != null) assertThat(copy.jsonBytes).isNotSameAs(l.jsonBytes);
        }
    }
}
