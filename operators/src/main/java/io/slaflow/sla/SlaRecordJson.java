package io.slaflow.sla;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The JSON form of the Enforce layer's outputs: {@code sla-breaches} ({@link SlaAlert}), {@code sla-escalations}
 * ({@link Escalation}), {@code sla-routing} ({@link Routing}) and the outcome records ({@link OutcomeUpdate}).
 * Schemas beside the input schema in {@code schemas/}: alerting and ticketing systems build on them. Instants are ISO-8601 UTC; absent instants are null.
 */
public final class SlaRecordJson {
    private SlaRecordJson() {}

    public static byte[] toJsonBytes(SlaAlert a) {
        return write(g -> {
            g.writeStartObject();
            writeFields(g, a);
            g.writeEndObject();
        });
    }

    /** The alert's fields, inside an object the caller opened (the Elasticsearch document adds its own). */
    public static void writeFields(JsonGenerator g, SlaAlert a) throws IOException {
        g.writeStringField("id", a.id());
        g.writeStringField("kind", a.kind().name());
        g.writeStringField("ticketId", a.ticketId());
        g.writeStringField("clientId", a.clientId());
        g.writeStringField("tier", a.tier());
        g.writeStringField("metric", a.metric().name());
        g.writeNumberField("percent", a.percent());
        instant(g, "startedAt", a.startedAt());
        instant(g, "deadline", a.deadline());
        instant(g, "firedAt", a.firedAt());
        g.writeStringField("assignee", a.assignee());
        g.writeStringField("policyVersion", a.policyVersion());
        g.writeBooleanField("unlistedClient", a.unlistedClient());
    }

    /**
     * The fields an escalation record ({@code sla-escalations}) and its Elasticsearch event document share, in this
     * order: the ticket, its client and tier, the clock, the level and role, and whom it went from and to.
     */
    public static void writeFields(JsonGenerator g, Escalation x) throws IOException {
        g.writeStringField("ticketId", x.ticketId());
        g.writeStringField("clientId", x.clientId());
        g.writeStringField("tier", x.tier());
        g.writeStringField("metric", x.metric().name());
        g.writeNumberField("level", x.level());
        g.writeStringField("role", x.role());
        g.writeStringField("from", x.from());
        g.writeStringField("to", x.to());
        g.writeStringField("assignee", x.to() != null ? x.to() : x.from());
    }

    public static byte[] toJsonBytes(Escalation x) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", x.id());
            writeFields(g, x);
            g.writeStringField("target", x.target());
            instant(g, "deadline", x.deadline());
            instant(g, "breachedAt", x.breachedAt());
            g.writeStringField("breachId", x.breachId());
            instant(g, "firedAt", x.firedAt());
            g.writeStringField("reason", x.reason());
            g.writeStringField("policyVersion", x.policyVersion());
            g.writeObjectFieldStart("command");
            g.writeStringField("action", x.to() != null ? "REASSIGN" : "ROUTE_TO_ROLE_QUEUE");
            g.writeStringField("ticketId", x.ticketId());
            g.writeStringField("assignee", x.to());
            g.writeStringField("role", x.role());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A routing record ({@code sla-routing}); {@code kind} tells it from an escalation on a shared consumer. */
    public static byte[] toJsonBytes(Routing r) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("kind", "ROUTING");
            g.writeStringField("id", r.id());
            g.writeStringField("ticketId", r.ticketId());
            g.writeStringField("clientId", r.clientId());
            g.writeStringField("tier", r.tier());
            g.writeStringField("rule", r.rule());
            g.writeStringField("policyVersion", r.policyVersion());
            instant(g, "classifiedAt", r.classifiedAt());
            g.writeStringField("queue", r.queue());
            g.writeStringField("role", r.role());
            g.writeStringField("owner", r.owner());
            g.writeEndObject();
        });
    }

    public static byte[] toJsonBytes(OutcomeUpdate o) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("ticketId", o.ticketId());
            g.writeStringField("clientId", o.clientId());
            g.writeStringField("tier", o.tier());
            g.writeStringField("metric", o.metric().name());
            instant(g, "startedAt", o.startedAt());
            instant(g, "deadline", o.deadline());
            g.writeStringField("outcome", o.outcome().name());
            instant(g, "completedAt", o.completedAt());
            instant(g, "breachedAt", o.breachedAt());
            g.writeStringField("rule", o.rule());
            g.writeStringField("policyVersion", o.policyVersion());
            g.writeBooleanField("unlistedClient", o.unlistedClient());
            g.writeNumberField("revision", o.revision());
            if (o.countedMs() < 0) g.writeNullField("countedMs");
            else g.writeNumberField("countedMs", o.countedMs());
            instant(g, "countingSince", o.countingSince());
            if (o.knowsBudget())
                g.writeNumberField("budgetMs", o.budgetMs()); // absent when not known, as before it was
            g.writeEndObject();
        });
    }
}
