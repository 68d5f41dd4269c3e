package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.slaflow.event.DeadLetterJson;
import io.slaflow.event.EventType;
import io.slaflow.sla.SlaRecordJson;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Every record the enforcer emits validates against the schema the jar publishes for it. */
class OutputSchemasTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void warningsBreachesEscalationsOutcomesDeadLettersAndRoutingMatchTheirPublishedSchemas() throws Exception {
        try (EnforcerHarness h = new EnforcerHarness(EnforcerSettings.live())) {
            h.send(h.created("T1", "acme", "2026-11-16T10:00:00Z", "production database down"));
            h.send(h.created("T2", "no-such-client", "2026-11-16T10:00:00Z", "how do I reset my password"));
            h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:20:00Z"));
            h.send(h.event("GHOST", "acme", EventType.CLOSED, "2026-11-16T10:20:00Z"));
            h.watermark("2026-11-20T00:00:00Z");

            assertThat(h.alerts()).hasSizeGreaterThan(4);
            assertThat(h.escalations()).isNotEmpty();
            assertThat(h.deadLetters()).isNotEmpty();
            assertThat(h.routings()).hasSize(2);
            JsonSchema alert = schema("sla-alert"),
                    escalation = schema("sla-escalation"),
                    outcome = schema("sla-outcome"),
                    deadLetter = schema("dead-letter");
            h.alerts().forEach(a -> assertValid(alert, SlaRecordJson.toJsonBytes(a)));
            h.escalations().forEach(x -> assertValid(escalation, SlaRecordJson.toJsonBytes(x)));
            h.outcomes().forEach(o -> assertValid(outcome, SlaRecordJson.toJsonBytes(o)));
            h.deadLetters().forEach(d -> assertValid(deadLetter, DeadLetterJson.toJsonBytes(d)));
            JsonSchema routing = schema("sla-routing");
            h.routings().forEach(r -> assertValid(routing, SlaRecordJson.toJsonBytes(r)));
        }
    }

    private static JsonSchema schema(String name) throws Exception {
        try (InputStream in = OutputSchemasTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            assertThat(in).as(name + " schema on the classpath").isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(in), config);
        }
    }

    private static void assertValid(JsonSchema schema, byte[] json) {
        try {
            assertThat(schema.validate(MAPPER.readTree(json)))
                    .as(new String(json))
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
