package io.slaflow.connect.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.connect.ticketing.CredentialsRejectedException;
import io.slaflow.connect.ticketing.HistoryEntry;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.StatusRules;
import io.slaflow.connect.ticketing.TicketUpdate;
import io.slaflow.connect.ticketing.TicketView;
import io.slaflow.connect.ticketing.TicketingClient;
import io.slaflow.connect.ticketing.TicketingException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request Tracker 5's REST2 API ({@code /REST/2.0/}): the calls the source and the sink make, and nothing else.
 * Failures are sorted for the caller: no answer, a timeout, 429 or 5xx → {@link TicketingException} (retry);
 * 401/403 → {@link CredentialsRejectedException} (stop: a configuration problem); 404 → empty; other 4xx →
 * {@link RefusedException} with RT's message.
 */
public final class RtClient implements TicketingClient {
    /** RT's name for the owner of an unowned ticket. */
    public static final String NOBODY = "Nobody";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSACTION_FIELDS =
            "Type,Field,OldValue,NewValue,Created,Creator,ObjectType,ObjectId,Data";

    private final URI base;
    private final RtCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final StatusRules statuses;
    private final RtSession session;
    private final Map<String, String> customFieldNames = new ConcurrentHashMap<>();

    /**
     * @param base       RT's web address, e.g. {@code https://rt.msp.example} (REST2 is under {@code /REST/2.0/})
     * @param webSession log in to RT's web session and send its cookie ({@link RtSession}; password credentials only)
     */
    public RtClient(URI base, RtCredentials credentials, Duration timeout, StatusRules statuses, boolean webSession) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b + "REST/2.0/" : b + "/REST/2.0/");
        this.credentials = credentials;
        this.timeout = timeout;
        this.statuses = statuses;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.session = webSession ? new RtSession(base, credentials, http, timeout) : null;
    }

    // ---- read side (the source) ----

    /** Transactions with an id above {@code after}, ascending, at most {@code max} (REST2 pages hold up to 100). */
    public List<RtTransaction> transactionsAfter(long after, int max) throws TicketingException, RefusedException {
        ArrayNode query = JSON.createArrayNode();
        query.addObject().put("field", "id").put("operator", ">").put("value", after);
        // ticket transactions only: RT shows a non-superuser no transactions on users, groups or queues anyway
        query.addObject()
                .put("field", "ObjectType")
                .put("operator", "=")
                .put("value", "RT::Ticket")
                .put("entry_aggregator", "AND");
        JsonNode page = send(
                        "POST",
                        "transactions?per_page=" + Math.min(100, max) + "&orderby=id&order=ASC&fields="
                                + TRANSACTION_FIELDS,
                        query)
                .orElseThrow(() -> new RefusedException("RT has no transaction search"));
        List<RtTransaction> out = new ArrayList<>();
        for (JsonNode t : page.path("items")) out.add(RtTransaction.from(t));
        return out;
    }

    /** The highest transaction id RT has now (0 on an empty RT). */
    public long latestTransactionId() throws TicketingException, RefusedException {
        ArrayNode query = JSON.createArrayNode();
        query.addObject().put("field", "id").put("operator", ">").put("value", 0);
        query.addObject()
                .put("field", "ObjectType")
                .put("operator", "=")
                .put("value", "RT::Ticket")
                .put("entry_aggregator", "AND");
        JsonNode page = send("POST", "transactions?per_page=1&orderby=id&order=DESC&fields=Type", query)
                .orElseThrow(() -> new RefusedException("RT has no transaction search"));
        JsonNode items = page.path("items");
        return items.isEmpty() ? 0 : items.get(0).path("id").asLong();
    }

    public Optional<RtTicket> rtTicket(String number) throws TicketingException, RefusedException {
        return send("GET", "ticket/" + number + "?fields[Queue]=Name", null).map(RtTicket::from);
    }

    /** A user by name or numeric id: its name, e-mail address and whether it is privileged (an agent). */
    public Optional<RtUser> user(String nameOrId) throws TicketingException, RefusedException {
        return send("GET", "user/" + encode(nameOrId), null).map(RtUser::from);
    }

    /** A queue's name from its numeric id (RT records queue moves by id). */
    public Optional<String> queueName(String id) throws TicketingException, RefusedException {
        return send("GET", "queue/" + encode(id), null).map(q -> q.path("Name").asText(id));
    }

    /** The first message of a transaction (a ticket's create): its subject, how it came in, and its text. */
    public Optional<RtMessage> message(long transactionId) throws TicketingException, RefusedException {
        Optional<JsonNode> page = send(
                "GET",
                "transaction/" + transactionId + "/attachments?fields=Subject,Headers,ContentType,Content&per_page=20",
                null);
        return page.flatMap(RtMessage::from);
    }

    /** Every transaction of the ticket, oldest first. */
    public List<RtTransaction> ticketTransactions(String number) throws TicketingException, RefusedException {
        List<RtTransaction> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Optional<JsonNode> body = send(
                    "GET",
                    "ticket/" + number + "/history?per_page=100&page=" + page + "&fields=" + TRANSACTION_FIELDS,
                    null);
            if (body.isEmpty()) return out;
            for (JsonNode t : body.get().path("items")) out.add(RtTransaction.from(t));
            if (body.get().path("next_page").isMissingNode()
                    || body.get().path("next_page").isNull()) return out;
        }
    }

    // ---- write side (the sink) ----

    @Override
    public Optional<TicketView> ticket(String number) throws TicketingException, RefusedException {
        Optional<RtTicket> t = rtTicket(number);
        if (t.isEmpty()) return Optional.empty();
        RtTicket r = t.get();
        TicketView.State state = statuses.isClosed(r.status())
                ? TicketView.State.GONE
                : statuses.isInactive(r.status()) ? TicketView.State.INACTIVE : TicketView.State.ACTIVE;
        return Optional.of(new TicketView(
                r.number(), r.owner(), r.unowned(), r.status(), state, r.queue(), r.priority(), r.customFields()));
    }

    @Override
    public List<HistoryEntry> history(String number) throws TicketingException, RefusedException {
        List<HistoryEntry> out = new ArrayList<>();
        for (RtTransaction t : ticketTransactions(number)) out.add(entry(t));
        return out;
    }

    private HistoryEntry entry(RtTransaction t) throws TicketingException, RefusedException {
        HistoryEntry.Kind kind;
        String field = t.field();
        switch (t.type()) {
            case "Create" -> kind = HistoryEntry.Kind.CREATED;
            case "Comment" -> kind = HistoryEntry.Kind.COMMENT;
            case "Correspond" -> kind = HistoryEntry.Kind.CORRESPONDENCE;
            case "CustomField" -> {
                kind = HistoryEntry.Kind.FIELD_CHANGED;
                field = customFieldName(t.field());
            }
            case "Set", "Take", "Steal", "Untake", "Give", "Force" -> kind = HistoryEntry.Kind.FIELD_CHANGED;
            default -> kind = HistoryEntry.Kind.OTHER;
        }
        return new HistoryEntry(
                t.id(),
                t.created(),
                t.creator(),
                kind,
                field,
                t.newValue(),
                t.data().strip());
    }

    /** RT records a custom field change under the field's id; the rules speak of its name. */
    private String customFieldName(String id) throws TicketingException, RefusedException {
        String known = customFieldNames.get(id);
        if (known != null) return known;
        Optional<JsonNode> cf = send("GET", "customfield/" + encode(id), null);
        String name = cf.map(n -> n.path("Name").asText(id)).orElse(id);
        customFieldNames.put(id, name);
        return name;
    }

    @Override
    public boolean userExists(String name) throws TicketingException, RefusedException {
        return user(name).map(u -> !u.disabled()).orElse(false);
    }

    @Override
    public List<String> update(String number, TicketUpdate update) throws TicketingException, RefusedException {
        ObjectNode body = JSON.createObjectNode();
        if (update.owner() != null) body.put("Owner", update.owner());
        if (update.priority() != null) body.put("Priority", update.priority());
        if (update.queue() != null) body.put("Queue", update.queue());
        if (!update.customFields().isEmpty()) {
            ObjectNode cfs = body.putObject("CustomFields");
            update.customFields().forEach(cfs::put);
        }
        JsonNode answer = send("PUT", "ticket/" + number, body)
                .orElseThrow(() -> new RefusedException("ticket " + number + " does not exist in RT"));
        List<String> messages = new ArrayList<>();
        answer.forEach(m -> messages.add(m.asText()));
        return messages;
    }

    @Override
    public void comment(String number, String subject, String text) throws TicketingException, RefusedException {
        ObjectNode body = JSON.createObjectNode()
                .put("Subject", subject)
                .put("Content", text)
                .put("ContentType", "text/plain");
        send("POST", "ticket/" + number + "/comment", body)
                .orElseThrow(() -> new RefusedException("ticket " + number + " does not exist in RT"));
    }

    @Override
    public String selfUser() {
        return credentials.user();
    }

    // ---- HTTP ----

    private Optional<JsonNode> send(String method, String path, JsonNode body)
            throws TicketingException, RefusedException {
        return send(method, path, body, true);
    }

    /** One call, on RT's web session when there is one ({@link RtSession}), else with the credentials. */
    private Optional<JsonNode> send(String method, String path, JsonNode body, boolean onSession)
            throws TicketingException, RefusedException {
        Optional<String> cookie = onSession && session != null ? session.cookie(method) : Optional.empty();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        if (cookie.isPresent()) {
            request.header("Cookie", cookie.get());
            if (!method.equals("GET")) request.header("Referer", session.referer());
        } else {
            request.header("Authorization", credentials.authorizationHeader());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TicketingException(
                    "RT at " + base + " did not answer " + method + " " + pathOnly(path) + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TicketingException("interrupted while calling RT", e);
        }
        int status = response.statusCode();
        if (status == 404) return Optional.empty();
        if ((status == 401 || status == 403 || status / 100 == 3) && cookie.isPresent()) {
            // the session is gone (RT sends the browser to its login page), or RT takes no change on a cookie: this
            // call again with the credentials
            session.refusedWith(cookie.get(), method);
            return send(method, path, body, false);
        }
        if (status == 401 || status == 403) {
            throw new CredentialsRejectedException("RT at " + base + " refused our credentials (" + credentials
                    + "): HTTP " + status + " on " + method + " " + pathOnly(path));
        }
        if (status == 429 || status >= 500) {
            throw new TicketingException("RT answered HTTP " + status + " to " + method + " " + pathOnly(path));
        }
        JsonNode json = parse(response.body(), method, path);
        if (status >= 400) {
            throw new RefusedException("RT refused " + method + " " + pathOnly(path) + " (HTTP " + status + "): "
                    + json.path("message").asText(json.toString()));
        }
        return Optional.of(json);
    }

    private static JsonNode parse(byte[] body, String method, String path) throws TicketingException {
        if (body.length == 0) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // a proxy's error page, a half-written answer: treated as a failure that may pass
            throw new TicketingException("RT's answer to " + method + " " + pathOnly(path) + " is not JSON", e);
        }
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "RT REST2 at " + base + " (" + credentials + ")";
    }
}
