package io.slaflow.connect.ticketing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which field of a ticket says whose ticket it is: its queue, a custom field, or the domain of its (first)
 * requestor's e-mail address; the value found is mapped through an optional table ({@code ACME Support=acme}) and
 * otherwise used as the client id itself (a client the policy does not list gets its default profile). A ticket
 * where the field is empty gets the fallback client.
 */
public final class ClientRule {

    public enum From {
        QUEUE,
        CUSTOM_FIELD,
        REQUESTOR_DOMAIN
    }

    private final From from;
    private final String customField;
    private final Map<String, String> map;
    private final String fallback;

    public ClientRule(From from, String customField, Map<String, String> map, String fallback) {
        if (from == From.CUSTOM_FIELD && (customField == null || customField.isBlank())) {
            throw new IllegalArgumentException(
                    "client.from=customfield needs client.customfield: the custom field's name");
        }
        if (fallback == null || fallback.isBlank()) {
            throw new IllegalArgumentException(
                    "client.fallback must not be empty: the client of a ticket whose field is empty");
        }
        this.from = from;
        this.customField = customField;
        Map<String, String> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(k.strip().toLowerCase(Locale.ROOT), v.strip()));
        this.map = Map.copyOf(m);
        this.fallback = fallback.strip();
    }

    /** {@code queue}, {@code customfield} or {@code requestor-domain}, as the configuration spells it. */
    public static From parseFrom(String option, String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "queue" -> From.QUEUE;
            case "customfield", "custom-field" -> From.CUSTOM_FIELD;
            case "requestor-domain", "requestor_domain" -> From.REQUESTOR_DOMAIN;
            default ->
                throw new IllegalArgumentException(option + "='" + text
                        + "': say where the client comes from: queue, customfield or requestor-domain");
        };
    }

    /** Parses {@code value=client,value=client}. */
    public static Map<String, String> parseMap(String option, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(option + "='" + text + "': '" + part.strip()
                        + "' is not VALUE=CLIENT (e.g. ACME Support=acme)");
            }
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    public From from() {
        return from;
    }

    public String customField() {
        return customField;
    }

    /**
     * The client id for a ticket with this queue, custom fields and requestor addresses. Client ids are untrusted
     * downstream (mapped safely wherever they become names); here they are only trimmed and bounded.
     */
    public String clientOf(String queue, Map<String, String> customFields, List<String> requestorEmails) {
        String value = switch (from) {
            case QUEUE -> queue;
            case CUSTOM_FIELD -> customFields.get(customField);
            case REQUESTOR_DOMAIN -> requestorEmails.isEmpty() ? null : domainOf(requestorEmails.get(0));
        };
        if (value == null || value.isBlank()) return fallback;
        String mapped = map.get(value.strip().toLowerCase(Locale.ROOT));
        String client = mapped != null ? mapped : value.strip();
        return client.length() > 256 ? client.substring(0, 256) : client;
    }

    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 || at == email.length() - 1
                ? null
                : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
