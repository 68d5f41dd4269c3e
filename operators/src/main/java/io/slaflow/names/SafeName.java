package io.slaflow.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one name under which an id from outside (a client id) may become a file or folder name, an Elasticsearch index
 * or alias name, a delivery-ledger key or a header value. Ids are untrusted: {@code a/b}, {@code a?b} and {@code a_b}
 * must not share a folder, {@code acme} and {@code ACME} not an alias or a ledger entry, and {@code ..} or a 1 KB id
 * must not become a path.
 *
 * <ul>
 *   <li>An id that is already a safe name is its own name, so ordinary ids stay readable: lower-case letters and digits,
 *       runs of them joined by single {@code .}, {@code _} or {@code -}, at most {@value #MAX_PLAIN} characters, not a
 *       device name of Windows ({@code con}, {@code nul}, {@code com1}...). {@code acme} → {@code acme},
 *       {@code client-004} → {@code client-004}.</li>
 *   <li>Any other id gets a readable slug and a hash: {@code <slug>--<hash>}. The slug is the id lower-cased, accents
 *       dropped, every other run of characters turned into {@code -}, cut at {@value #MAX_SLUG} characters
 *       ({@code id} when nothing is left); the hash is the first 60 bits of the SHA-256 of the id's UTF-16 code units,
 *       12 characters of base32. {@code ACME} → {@code acme--…}, {@code a/b} → {@code a-b--…}.</li>
 * </ul>
 * <b>Collision-free</b>: a plain name never holds {@code --} and a hashed one always does, so the two kinds never meet;
 * two hashed names are equal only if the ids' hashes are (for a million distinct ids, a chance of about 4 in 10
 * million), and a policy whose listed clients would still share a name is refused ({@code PolicyLoader}). The same id
 * always gets the same name, on every machine and in every run. Every name is at most 64 ASCII characters from
 * {@code [a-z0-9._-]}, starts and ends with a letter or digit, and is valid as a file name on Linux, macOS and Windows
 * (also on case-insensitive file systems), as an Elasticsearch index or alias name, and as a mail or HTTP header value.
 */
public final class SafeName {
    static final int MAX_PLAIN = 64;
    static final int MAX_SLUG = 40;
    private static final int HASH_CHARS = 12;
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> DEVICE_NAMES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private SafeName() {}

    /** The safe name of {@code id} (any string, empty included). */
    public static String of(String id) {
        if (isPlain(id)) {
            return id;
        }
        return slug(id) + "--" + hash(id);
    }

    /** True when {@code id} is its own safe name. */
    public static boolean isPlain(String id) {
        if (id.length() > MAX_PLAIN || !PLAIN.matcher(id).matches()) {
            return false;
        }
        int dot = id.indexOf('.');
        return !DEVICE_NAMES.contains(dot < 0 ? id : id.substring(0, dot));
    }

    static String slug(String id) {
        String folded = COMBINING
                .matcher(Normalizer.normalize(id, Normalizer.Form.NFKD))
                .replaceAll("");
        String slug = NOT_SLUG.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimDashes(slug.length() > MAX_SLUG ? slug.substring(0, MAX_SLUG) : slug);
        return slug.isEmpty() ? "id" : slug;
    }

    private static String trimDashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '-') from++;
        while (to > from && s.charAt(to - 1) == '-') to--;
        return s.substring(from, to);
    }

    /** 60 bits of SHA-256 over the UTF-16 code units (big-endian): defined for every Java string, pairs or not. */
    static String hash(String id) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_16BE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | (digest[i] & 0xFF);
        char[] out = new char[HASH_CHARS];
        for (int i = 0; i < HASH_CHARS; i++) {
            out[i] = BASE32[(int) ((bits >>> (64 - 5 * (i + 1))) & 31)];
        }
        return new String(out);
    }
}
