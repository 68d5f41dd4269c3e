package io.slaflow.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Someone working in Request Tracker through REST2, as a person would in the web UI: opens tickets, replies, takes
 * and hands over tickets, resolves them. What the ticketing-loop tests and the demo use to act in RT (SLAflow's own
 * connectors have their own client).
 */
public final class RtPerson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String rest;
    private final String auth;
    private final String user;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RtPerson(RequestTracker rt, String user, String password) {
        this.rest = rt.restUrl();
        this.auth = RequestTracker.basicAuth(user, password);
        this.user = user;
    }

    public String user() {
        return user;
    }

    /** Opens a ticket; returns its number. {@code priority} null: the queue's default. */
    public String createTicket(String queue, String subject, String requestor, Integer priority, String text) {
        ObjectNode body = JSON.createObjectNode()
                .put("Queue", queue)
                .put("Subject", subject)
                .put("Requestor", requestor)
                .put("Content", text)
                .put("ContentType", "text/plain");
        if (priority != null) body.put("Priority", priority);
        return call("POST", "ticket", body).path("id").asText();
    }

    public void reply(String number, String text) {
        call(
                "POST",
                "ticket/" + number + "/correspond",
                JSON.createObjectNode().put("Content", text).put("ContentType", "text/plain"));
    }

    public void comment(String number, String text) {
        call(
                "POST",
                "ticket/" + number + "/comment",
                JSON.createObjectNode().put("Content", text).put("ContentType", "text/plain"));
    }

    public List<String> set(String number, String field, String value) {
        List<String> messages = new ArrayList<>();
        call("PUT", "ticket/" + number, JSON.createObjectNode().put(field, value))
                .forEach(m -> messages.add(m.asText()));
        return messages;
    }

    /** Sets a ticket custom field by its name, as a person would in the web UI. */
    public List<String> setCustomField(String number, String name, String value) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("CustomFields").put(name, value);
        List<String> messages = new ArrayList<>();
        call("PUT", "ticket/" + number, body).forEach(m -> messages.add(m.asText()));
        return messages;
    }

    /** A ticket custom field's first value, or "" when it has none. */
    public String customField(String number, String name) {
        for (JsonNode cf : ticket(number).path("CustomFields")) {
            if (name.equals(cf.path("name").asText())
                    && cf.path("values").isArray()
                    && !cf.path("values").isEmpty()) {
                return cf.path("values").get(0).asText();
            }
        }
        return "";
    }

    public JsonNode ticket(String number) {
        return call("GET", "ticket/" + number + "?fields[Queue]=Name", null);
    }

    /** The ticket's transactions, oldest first (type, field, values, creator, created, data). */
    public List<JsonNode> history(String number) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode body = call(
                    "GET",
                    "ticket/" + number + "/history?per_page=100&page=" + page
                            + "&fields=Type,Field,OldValue,NewValue,Created,Creator,Data",
                    null);
            body.path("items").forEach(out::add);
            if (!body.hasNonNull("next_page")) return out;
        }
    }

    /** The text of a transaction's first plain-text part: what a comment or reply says. Empty when it has none. */
    public String text(String transactionId) {
        JsonNode page = call(
                "GET", "transaction/" + transactionId + "/attachments?fields=ContentType,Content&per_page=20", null);
        for (JsonNode a : page.path("items")) {
            if (a.path("ContentType").asText("").equalsIgnoreCase("text/plain"))
                return a.path("Content").asText("");
        }
        return "";
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(rest + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth)
                .header("Content-Type", "application/json");
        r.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " as " + user + ": HTTP " + response.statusCode()
                        + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " as " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
