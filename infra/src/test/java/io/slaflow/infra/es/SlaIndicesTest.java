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
        assertThat(new ClientAlias("Globex Corp", "globex-corp--abcdefghijkl").alias()).isEqualTo("sla-client-globex-corp--abcdefghijkl");
    }

    /** A raw id is not lower-cased or patched into a name (acme and ACME shared an alias that way): it is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"ACME", "a/b", "a b", "", ".", "..", "-x", "_x", "x-", "a?b", "a,b", "a#b", "a:b", "é"})
    void aNameThatIsNotIndexSafeIsRefused(String name) {
        assertThatThrownBy(() -> SlaIndices.clientAlias(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass the client id's safe name");
        assertThatThrownBy(() -> new ClientAlias("id", name)).isInstanceOf(IllegalArgumentException.class);
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
