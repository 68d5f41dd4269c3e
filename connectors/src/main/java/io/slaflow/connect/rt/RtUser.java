package io.slaflow.connect.rt;

import com.fasterxml.jackson.databind.JsonNode;

/** An RT user: privileged users are agents (their first correspondence is the response), others are requestors. */
public record RtUser(String id, String name, String email, boolean privileged, boolean disabled) {

    static RtUser from(JsonNode u) {
        return new RtUser(
                u.path("id").asText(),
                u.path("Name").asText(),
                u.path("EmailAddress").asText(""),
                truthy(u.path("Privileged")),
                truthy(u.path("Disabled")));
    }

    private static boolean truthy(JsonNode n) {
        String v = n.asText("");
        return !v.isEmpty() && !v.equals("0");
    }
}
