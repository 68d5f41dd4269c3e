package io.slaflow.infra.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The shipped per-client role grants reading the client's alias and nothing else, whatever the client id holds. */
class ClientAccessTest {
    private static final ClientAlias ACME = new ClientAlias("acme", "acme");

    @Test
    void theRoleReadsOnlyTheClientsAliasWithDocumentLevelSecurityOnItsId() {
        JsonNode role = ClientAccess.elasticsearchRole(ACME);
        assertThat(role.path("cluster")).isEmpty();
        assertThat(role.path("run_as")).isEmpty();
        assertThat(role.path("indices")).singleElement().satisfies(i -> {
            assertThat(i.path("names").toString()).isEqualTo("[\"sla-client-acme\"]");
            assertThat(i.path("privileges").toString()).isEqualTo("[\"read\",\"view_index_metadata\"]");
            assertThat(i.at("/query/term/clientId").asText()).isEqualTo("acme");
        });
        assertThat(role.has("_comment")).isFalse();
    }

    @Test
    void theKibanaRoleAddsReadOnTheClientsSpaceOnly() {
        JsonNode role = ClientAccess.kibanaRole(ACME);
        assertThat(role.at("/elasticsearch/indices/0/names/0").asText()).isEqualTo("sla-client-acme");
        assertThat(role.path("kibana")).singleElement().satisfies(k -> {
            assertThat(k.path("base").toString()).isEqualTo("[\"read\"]");
            assertThat(k.path("spaces").toString()).isEqualTo("[\"client-acme\"]");
        });
        assertThat(ClientAccess.space(ACME, "ACME").path("disabledFeatures").toString())
                .contains("dev_tools", "savedObjectsManagement");
    }

    @Test
    void aHostileClientIdStaysAValue() {
        String hostile = "x\",\"names\":[\"sla-*\"],\"y\":\"";
        ClientAlias named = new ClientAlias(hostile, "x-names-sla-y--abcdefghijkl"); // as SafeName names it in the jobs
        JsonNode role = ClientAccess.elasticsearchRole(named);
        assertThat(role.at("/indices/0/names").size()).isEqualTo(1);
        assertThat(role.at("/indices/0/names/0").asText())
                .startsWith("sla-client-")
                .doesNotContain("*")
                .doesNotContain("\"");
        assertThat(role.at("/indices/0/query/term/clientId").asText()).isEqualTo(hostile);
        assertThat(ClientAccess.spaceId(named)).matches("client-[a-z0-9_.-]+");
    }
}
