package io.slaflow.infra.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlaIndicesTest {
    @Test
    void aClientAliasIsNamedByTheClientsSafeName() {
        assertThat(SlaIndices.clientAlias("acme")).isEqualTo("sla-client-acme");
        assertThat(new ClientAlias("Globex Corp", "globex-corp--abcdefghijkl").alias())
                .isEqualTo("sla-client-globex-corp--abcdefghijkl");
    }

    /** A raw id is not lower-cased or patched into a name (acme and ACME shared an alias that way): it is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"ACME", "a/b", "a b", "", ".", "..", "-x", "_x", "x-", "a?b", "a,b", "a#b", "a:b", "é"})
    void aNameThatIsNotIndexSafeIsRefused(String name) {
        assertThatThrownBy(() -> SlaIndices.clientAlias(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass the client id's safe name");
        assertThatThrownBy(() -> new ClientAlias("id", name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyIndexHasItsTemplateOnTheClasspathMatchingItsIndicesWithTheAliases() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String index : SlaIndices.ALL) {
            var t = json.readTree(IndexSetup.template(index, java.util.List.of(new ClientAlias("acme", "acme"))));
            assertThat(t.path("index_patterns").toString())
                    .isEqualTo("[\"" + SlaIndices.templatePattern(index) + "\"]");
            assertThat(t.at("/template/mappings/properties/clientId/type").asText())
                    .isEqualTo("keyword");
            assertThat(t.at("/template/aliases/sla-client-acme/filter/term/clientId")
                            .asText())
                    .isEqualTo("acme");
            assertThat(t.at("/template/aliases").has(index)).isEqualTo(!index.equals(SlaIndices.TICKETS));
        }
    }

    @Test
    void aMonthlyIndexIsNamedAfterItsMonthsFirstDayInUtc() {
        long lastMsOfOctober =
                java.time.Instant.parse("2026-10-31T23:59:59.999Z").toEpochMilli();
        assertThat(SlaIndices.monthly(SlaIndices.EVENTS, lastMsOfOctober)).isEqualTo("sla-events-2026.10.01");
        assertThat(SlaIndices.monthly(SlaIndices.EVENTS, lastMsOfOctober + 1)).isEqualTo("sla-events-2026.11.01");
        assertThat(SlaIndices.monthly(SlaIndices.ADHERENCE, java.time.YearMonth.of(2027, 1)))
                .isEqualTo("sla-adherence-2027.01.01");
        assertThat(SlaIndices.monthly(SlaIndices.REPORTS, 0)).isEqualTo("sla-reports-1970.01.01");
        // ILM's parse_origination_date reads exactly this shape: ^.*-(\d{4}.\d{2}.\d{2})(-\d+)?$
        assertThat(SlaIndices.monthly(SlaIndices.EVENTS, lastMsOfOctober))
                .matches("^.*-(\\d{4}.\\d{2}.\\d{2})(-\\d+)?$");
    }

    @Test
    void monthOfReadsOnlyTheFamilysOwnMonthlyIndices() {
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-events-2026.11.01"))
                .isEqualTo(java.time.YearMonth.of(2026, 11));
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-events")).isNull();
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-events-2026.11.02"))
                .isNull();
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-events-2026.13.01"))
                .isNull();
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-events-archive")).isNull();
        assertThat(SlaIndices.monthOf(SlaIndices.EVENTS, "sla-adherence-2026.11.01"))
                .isNull();
    }

    @Test
    void credentialsNeverAppearInTheEndpointsDescription() {
        assertThat(ElasticsearchEndpoint.basic("https://es:9200/", "elastic", "s3cret")
                        .toString())
                .isEqualTo("https://es:9200 (Basic auth)")
                .doesNotContain("s3cret")
                .doesNotContain("elastic");
        assertThat(ElasticsearchEndpoint.apiKey("https://es:9200", "aWQ6a2V5").toString())
                .doesNotContain("aWQ6a2V5");
    }
}
