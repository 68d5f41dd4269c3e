package io.slaflow.names;

/**
 * Text for a header value (e-mail, HTTP) or a log line that may hold outside strings: a client's name or id in a mail
 * subject, say. A header ends at a line break, so {@code acme\r\nBcc: attacker@evil.example} in a raw value is a second
 * header (and a recipient nobody chose). Every control character (C0, DEL, C1) and the Unicode line and paragraph
 * separators become a space; nothing else changes, so the value is still encoded for the wire by the mail or HTTP
 * library (RFC 2047 for non-ASCII subjects).
 */
public final class HeaderText {
    private HeaderText() {}

    public static String of(String text) {
        if (text == null) return "";
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaks(c)) {
                if (b == null) b = new StringBuilder(text).delete(i, text.length());
                b.append(' ');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /** True when {@code text} can go into a header as it is. */
    public static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (breaks(text.charAt(i))) return false;
        }
        return true;
    }

    private static boolean breaks(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }
}
