package io.slaflow.es;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code _id} a document is written under. Elasticsearch refuses an id longer than 512 bytes, and ids are built
 * from outside strings: a ticket id at the contract's limit (256 characters, up to 1 KB of UTF-8) would make its
 * ticket document, every alert of the ticket and its client's adherence documents refused for good.
 *
 * <p>An id of at most {@value #VERBATIM_BYTES} bytes is used as it is (every id SLAflow makes from ordinary input). A
 * longer one becomes its first code points up to {@value #PREFIX_BYTES} bytes, {@code #}, and the unpadded base64url
 * SHA-256 of the whole id: at most 484 bytes. Collision-free: such an id is always longer than
 * {@value #VERBATIM_BYTES} bytes, so it never equals a verbatim one, and two of them are equal only if their
 * SHA-256 are. Deterministic, so a retry or a replay still overwrites.
 */
final class EsDocumentId {
    static final int VERBATIM_BYTES = 384;
    static final int PREFIX_BYTES = 440;

    private EsDocumentId() {}

    static String of(String id) {
        if (id.length() * 3 <= VERBATIM_BYTES || utf8Length(id, Integer.MAX_VALUE) <= VERBATIM_BYTES) {
            return id;
        }
        int end = 0;
        int bytes = 0;
        while (end < id.length()) {
            int cp = id.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > PREFIX_BYTES) break;
            bytes += size;
            end += Character.charCount(cp);
        }
        return id.substring(0, end) + "#"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(id));
    }

    /** UTF-8 length (an unpaired surrogate counts 3, as it is written as a replacement). */
    static int utf8Length(String s, int stopAbove) {
        int n = 0;
        for (int i = 0; i < s.length() && n <= stopAbove; ) {
            int cp = s.codePointAt(i);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return n;
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_16BE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
