package io.slaflow.cep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chain alerts validate against the schema the jar publishes; ids depend only on pattern and evidence. */
class ChainAlertSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void chainAlertsMatchTheirPublishedSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in = ChainAlertSchemaTest.class.getResourceAsStream("/schemas/sla-chain.schema.json")) {
            assertThat(in).isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(
                            MAPPER.readTree(in),
                            SchemaValidatorsConfig.builder()
                                    .formatAssertionsEnabled(true)
                                    .build());
        }
        List<ChainAlert> alerts = List.of(
                new ChainAlert(
                        ChainAlert.idFor("breach-storm", List.of("a", "b", "c")),
                        "breach-storm",
                        "acme",
                        List.of("T1", "T2"),
                        List.of("a", "b", "c"),
                        1_763_287_200_000L,
                        1_763_290_800_000L,
                        "account-director",
                        "dana.lee",
                        "3 breaches"),
                new ChainAlert(
                        ChainAlert.idFor("reopen-loop", List.of("r1", "o1")),
                        "reopen-loop",
                        "acme",
                        List.of("T1"),
                        List.of("r1", "o1"),
                        1_763_287_200_000L,
                        1_763_287_200_000L,
                        null,
                        null,
                        "loop"));
        for (ChainAlert a : alerts) {
            byte[] json = ChainAlertJson.toJsonBytes(a);
            assertThat(schema.validate(MAPPER.readTree(json)))
                    .as(new String(json))
                    .isEmpty();
        }
        assertThat(MAPPER.readTree(ChainAlertJson.toJsonBytes(alerts.get(0)))
                        .get("firstAt")
                        .asText())
                .isEqualTo("2025-11-16T10:00:00Z");
    }

    @Test
    void theIdIsDeterministicAndDependsOnPatternAndEvidence() {
        assertThat(ChainAlert.idFor("breach-storm", List.of("a", "b", "c")))
                .isEqualTo(ChainAlert.idFor("breach-storm", List.of("a", "b", "c")))
                .startsWith("breach-storm:")
                .isNotEqualTo(ChainAlert.idFor("breach-storm", List.of("a", "b", "d")))
                .isNotEqualTo(ChainAlert.idFor("at-risk-surge", List.of("a", "b", "c")));
    }
}
