package io.slaflow.infra.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * The shipped ILM policies delete a month when {@code slaflow es retention} would: the same retention per family,
 * counted from the month's first day (parsed from the index name), on the indices the family's template matches.
 */
class IlmPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachFamilysPolicyDeletesAtTheRetentionTheCommandDefaultsTo() throws Exception {
        for (String family : SlaIndices.TIME_BASED) {
            JsonNode policy = read("/elasticsearch/ilm/" + family + ".policy.json");
            String minAge = policy.at("/policy/phases/delete/min_age").asText();
            assertThat(minAge).as(family).matches("\\d+d");
            assertThat(Duration.ofDays(Long.parseLong(minAge.substring(0, minAge.length() - 1))))
                    .as(family)
                    .isEqualTo(IndexRetention.Rules.defaults().of(family));
            assertThat(policy.at("/policy/phases/delete/actions").has("delete")).isTrue();

            JsonNode custom =
                    read("/elasticsearch/ilm/" + family + "@custom.json").at("/template/settings");
            assertThat(custom.path("index.lifecycle.name").asText()).isEqualTo(family);
            assertThat(custom.path("index.lifecycle.parse_origination_date").asBoolean())
                    .isTrue();
            JsonNode template = JSON.readTree(IndexSetup.template(family));
            assertThat(template.path("composed_of").toString()).isEqualTo("[\"" + family + "@custom\"]");
            assertThat(template.path("ignore_missing_component_templates").toString())
                    .isEqualTo("[\"" + family + "@custom\"]");
        }
    }

    @Test
    void aMonthExpiresWhenItsFirstDayIsTheRetentionOld() {
        Duration keep = Duration.ofDays(30);
        YearMonth november = YearMonth.of(2026, 11);
        assertThat(IndexRetention.expired(
                        november, keep, Instant.parse("2026-12-01T00:00:00Z").minusMillis(1)))
                .isFalse();
        assertThat(IndexRetention.expired(november, keep, Instant.parse("2026-12-01T00:00:00Z")))
                .isTrue();
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = IlmPoliciesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
