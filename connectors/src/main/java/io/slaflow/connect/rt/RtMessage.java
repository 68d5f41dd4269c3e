package io.slaflow.connect.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message a ticket was created with: its subject as written then, the interface it came through (RT's
 * {@code X-RT-Interface} header: Email, Web, REST, ...) and its text, the first text part (HTML reduced to its text).
 */
public record RtMessage(String subject, String channel, String text) {
    private static final Pattern INTERFACE = Pattern.compile("(?mi)^X-RT-Interface:\\s*(\\S+)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    static Optional<RtMessage> from(JsonNode page) {
        String subject = null, channel = null, plain = null, html = null;
        for (JsonNode a : page.path("items")) {
            if (subject == null && !a.path("Subject").asText("").isEmpty())
                subject = a.path("Subject").asText();
            if (channel == null) {
                Matcher m = INTERFACE.matcher(a.path("Headers").asText(""));
                if (m.find()) channel = m.group(1);
            }
            String type = a.path("ContentType").asText("").toLowerCase(Locale.ROOT);
            if (plain == null && type.equals("text/plain"))
                plain = a.path("Content").asText(null);
            if (html == null && type.equals("text/html"))
                html = a.path("Content").asText(null);
        }
        if (subject == null && channel == null && plain == null && html == null) return Optional.empty();
        String text = plain != null ? plain : html != null ? TAG.matcher(html).replaceAll(" ") : null;
        return Optional.of(new RtMessage(subject, channel, text));
    }

    /** The contract's {@code source} for RT's interface name, or null when it says nothing we know. */
    public String contractSource() {
        if (channel == null) return null;
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "email" -> "email";
            case "web", "mobile", "selfservice" -> "portal";
            case "rest", "rest2", "cli", "api" -> "api";
            default -> null;
        };
    }
}
