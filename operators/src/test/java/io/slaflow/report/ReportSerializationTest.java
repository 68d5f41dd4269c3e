package io.slaflow.report;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.breached;
import static io.slaflow.report.ReportFixtures.escalation;
import static io.slaflow.report.ReportFixtures.met;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.sla.OutcomeUpdate;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** State and network records survive Flink's serializers (RocksDB state, checkpoints, shuffles). */
class ReportSerializationTest {

    static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> s = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void reportsInputsAndFiguresRoundTrip() throws Exception {
        ReportDirectory dir = ReportDirectory.of(ReportFixtures.defaultPolicy());
        ReportClient acme = dir.client("acme");
        ReportPeriod w47 = ReportPeriod.parse("2026-W47", acme.zone());
        OutcomeUpdate b = breached("acme", "A2", "P1", Metric.RESPONSE, "2026-11-18T15:00:00Z", 15, 45);
        List<ReportInput> events = List.of(
                ReportInput.of(breachAlert(b)),
                ReportInput.of(escalation(b, 1, 30)),
                ReportInput.of(new ReportInput.ChainNote("c1", "acme", b.breachedAt(), "3 P1 breaches in 2 h")));
        PeriodFigures f = ReportAccumulator.figures(
                acme, w47, List.of(b, met("acme", "A1", "P1", Metric.RESPONSE, "2026-11-18T14:00:00Z", 5, 15)), events);
        ClientReport r = ClientReport.of(
                acme,
                w47,
                w47.endMs(),
                95.0,
                f,
                f.summary(),
                List.of(f.summary()),
                List.of(),
                w47.startMs(),
                io.slaflow.policy.MspBranding.NONE);

        assertThat(roundTrip(f, PeriodFigures.class)).isEqualTo(f);
        assertThat(roundTrip(r, ClientReport.class)).isEqualTo(r);
        for (ReportInput in : events)
            assertThat(roundTrip(in, ReportInput.class)).isEqualTo(in);
        assertThat(roundTrip(ReportInput.of(b), ReportInput.class)).isEqualTo(ReportInput.of(b));
    }
}
