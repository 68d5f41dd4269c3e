package io.slaflow.cep;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

/** The JSON form of a {@link ChainAlert} on {@code sla-chains} and in {@code chains.jsonl}: {@code schemas/sla-chain.schema.json}. */
public final class ChainAlertJson {
    private ChainAlertJson() {}

    public static byte[] toJsonBytes(ChainAlert a) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            g.writeStringField("pattern", a.pattern());
            g.writeStringField("clientId", a.clientId());
            g.writeArrayFieldStart("tickets");
            for (String t : a.tickets()) g.writeString(t);
            g.writeEndArray();
            g.writeArrayFieldStart("evidence");
            for (String id : a.evidence()) g.writeString(id);
            g.writeEndArray();
            instant(g, "firstAt", a.firstAt());
            instant(g, "detectedAt", a.detectedAt());
            g.writeStringField("targetRole", a.targetRole());
            g.writeStringField("target", a.target());
            g.writeStringField("message", a.message());
            g.writeEndObject();
        });
    }
}
