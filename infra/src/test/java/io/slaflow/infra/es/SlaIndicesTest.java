package io.slaflow.infra.es;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlaIndicesTest {
    @Test
    void clientAliasesAreValidAliasNames() {
        assertThat(SlaIndices.clientAlias("acme")).isEqualTo("sla-client-acme");
        assertThat(SlaIndices.clientAlias("Globex Corp")).isEqualTo("sla-client-globex_corp");
        assertThat(SlaIndices.clientAlias("a/b*c?d\"e<f>g|h,i#j")).isEqualTo("sla-client-a_b_c_d_e_f_g_h_i_j");
    }

    @Test
    void everyIndexHasItsTemplateOnTheClasspath() {
        for (String index : SlaIndices.ALL) {
            assertThat(IndexSetup.template(index)).contains("\"index_patterns\": [\"" + index + "\"]").contains("\"clientId\"");
        }
    }

    @Test
    void credentialsNeverAppearInTheEndpointsDescription() {
        assertThat(ElasticsearchEndpoint.basic("https://es:9200/", "elastic", "s3cret").toString())
                .isEqualTo("https://es:9200 (Basic auth)").doesNotContain("s3cret").doesNotContain("elastic");
        assertThat(ElasticsearchEndpoint.apiKey("https://es:9200", "aWQ6a2V5").toString()).doesNotContain("aWQ6a2V5");
    }
}
