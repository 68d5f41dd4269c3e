package io.slaflow.prove;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.adherence.AdherenceCounts;
import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.adherence.AdherenceWindow;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documents must match the index templates field for field: the templates are {@code dynamic: false}, so a
 * field the template does not map would be stored but neither searchable nor visible to Kibana.
 */
class SlaDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATES = Path.of("../infra/src/main/resources/elasticsearch/templates");
    static final long T = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static JsonNode mapping(String index) throws IOException {
        return JSON.readTree(TEMPLATES.resolve(index + ".json").toFile())
                .path("template")
                .path("mappings");
    }

    static void assertMapped(JsonNode doc, JsonNode mapping, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode field = mapping.path("properties").path(f.getKey());
            assertThat(field.isMissingNode())
                    .as("%s%s is mapped", path, f.getKey())
                    .isFalse();
            if (f.getValue().isObject()) assertMapped(f.getValue(), field, path + f.getKey() + ".");
        }
    }

    @Test
    void eventsAreMappedAndCarryTheirKind() throws IOException {
        SlaAlert breach = new SlaAlert(
                "T-1:RESPONSE:BREACH",
                SlaAlert.Kind.BREACH,
                "T-1",
                "acme",
                "P1",
                Metric.RESPONSE,
                100,
                T,
                T + 900_000,
                T + 900_000,
                "ann",
                "v1",
                false);
        Escalation esc = new Escalation(
                "T-1:RESPONSE:ESCALATION:1",
                "T-1",
                "acme",
                "P1",
                Metric.RESPONSE,
                1,
                "account-director",
                "ann",
                "dora",
                T + 900_000,
                T + 2_700_000,
                "30m after breach",
                "v1",
                "15m",
                T + 900_000,
                "T-1:RESPONSE:BREACH");
        JsonNode b = JSON.readTree(SlaDocuments.event(breach));
        JsonNode e = JSON.readTree(SlaDocuments.event(esc));
        assertMapped(b, mapping("sla-events"), "");
        assertMapped(e, mapping("sla-events"), "");
        assertThat(b.get("kind").asText()).isEqualTo("BREACH");
        assertThat(b.get("breachedAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
        assertThat(e.get("kind").asText()).isEqualTo("ESCALATION");
        assertThat(e.get("to").asText()).isEqualTo("dora");
        assertThat(e.get("firedAt").asText()).isEqualTo("2026-11-20T10:45:00Z");
    }

    @Test
    void ticketPartialsAreMappedAndSayWhetherTheTicketIsOverdue() throws IOException {
        OutcomeUpdate breachedOpen = new OutcomeUpdate(
                "T-1",
                "acme",
                "P1",
                Metric.RESOLUTION,
                T,
                T + 14_400_000,
                Outcome.BREACHED,
                -1,
                T + 14_400_000,
                "kw-outage",
                "v1",
                false,
                3);
        JsonNode d = JSON.readTree(SlaDocuments.ticket(breachedOpen));
        assertMapped(d, mapping("sla-tickets"), "");
        assertThat(d.get("open").asBoolean()).isTrue();
        assertThat(d.at("/resolution/overdue").asBoolean()).isTrue();
        assertThat(d.at("/resolution/deadline").asText()).isEqualTo("2026-11-20T14:00:00Z");
        assertThat(d.has("response")).isFalse();

        OutcomeUpdate responded = new OutcomeUpdate(
                "T-1",
                "acme",
                "P1",
                Metric.RESPONSE,
                T,
                T + 900_000,
                Outcome.MET,
                T + 600_000,
                -1,
                "kw-outage",
                "v1",
                false,
                2);
        JsonNode r = JSON.readTree(SlaDocuments.ticket(responded));
        assertMapped(r, mapping("sla-tickets"), "");
        assertThat(r.has("open"))
                .as("only the resolution says whether a ticket is open")
                .isFalse();
        assertThat(r.get("createdAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(r.at("/response/overdue").asBoolean()).isFalse();

        Escalation esc = new Escalation(
                "x",
                "T-1",
                "acme",
                "P1",
                Metric.RESPONSE,
                1,
                "account-director",
                "ann",
                "dora",
                T,
                T,
                "r",
                "v1",
                "15m",
                T,
                "T-1:RESPONSE:BREACH");
        JsonNode a = JSON.readTree(SlaDocuments.ticket(esc));
        assertMapped(a, mapping("sla-tickets"), "");
        assertThat(a.get("assignee").asText()).isEqualTo("dora");
        assertThat(SlaDocuments.ticket(new Escalation(
                        "x",
                        "T-1",
                        "acme",
                        "P1",
                        Metric.RESPONSE,
                        1,
                        "role",
                        "ann",
                        null,
                        T,
                        T,
                        "nobody holds the role",
                        "v1",
                        "15m",
                        T,
                        "T-1:RESPONSE:BREACH")))
                .isNull();
    }

    @Test
    void adherenceDocumentsAreMappedAndLeaveOutUndefinedFigures() throws IOException {
        AdherenceCounts c = new AdherenceCounts();
        c.met = 9;
        c.breached = 1;
        c.addSatisfaction(600_000, 1);
        var series = new AdherenceDocument.SeriesId("acme", false, "P1", Metric.RESPONSE);
        JsonNode d = JSON.readTree(SlaDocuments.adherence(
                AdherenceDocument.of(series, AdherenceWindow.HOUR, T, T + 3_600_000, c, T + 5_000)));
        assertMapped(d, mapping("sla-adherence"), "");
        assertThat(d.get("id").asText()).isEqualTo("acme|P1|RESPONSE|1h|2026-11-20T10:00:00Z");
        assertThat(d.get("adherencePercent").asDouble()).isEqualTo(90.0);
        assertThat(d.get("p50Ms").asLong()).isBetween(588_000L, 612_000L);

        JsonNode empty = JSON.readTree(SlaDocuments.adherence(
                AdherenceDocument.of(series, AdherenceWindow.DAY, T, T + 86_400_000, new AdherenceCounts(), T)));
        assertThat(empty.get("id").asText()).isEqualTo("acme|P1|RESPONSE|24h");
        assertThat(empty.has("adherencePercent")).isFalse();
        assertThat(empty.has("p50Ms")).isFalse();
        assertThat(empty.get("decided").asLong()).isZero();
    }
}
