package io.slaflow.infra.es;

import java.util.Objects;

/**
 * One client's filtered alias: the client id its filter matches exactly, and the index-safe name the alias is called
 * by ({@code sla-client-<name>}). The name is the client id's safe name, computed by the caller
 * ({@code io.slaflow.names.SafeName}: collision-free, so {@code acme} and {@code ACME} never share an alias); this
 * module only checks that it is a valid alias suffix.
 */
public record ClientAlias(String clientId, String name) {
    public ClientAlias {
        Objects.requireNonNull(clientId, "clientId");
        SlaIndices.clientAlias(name); // refuses a name that is not index-safe
    }

    public String alias() {
        return SlaIndices.clientAlias(name);
    }
}
