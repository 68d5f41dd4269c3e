package io.slaflow.policy;

import io.slaflow.calendar.CalendarDefinitionException;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.IcsHolidayParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The iCal files of a policy loaded from a file: paths stay inside the policy's folder. A policy is input like any
 * other (it may arrive on the {@code sla-policies} topic, or be written by someone who should not read the host's
 * files), so a path is refused unless it is relative, has no {@code ..} part, ends in {@code .ics}, and names a regular
 * file of at most {@value #MAX_BYTES} bytes whose real location (symbolic links followed) is inside the folder.
 *
 * <p>Error messages name the path as the policy writes it, never what the file holds: a file that is not an
 * iCalendar file might hold anything ({@code /proc/self/environ} holds the process's secrets).
 */
final class PolicyFolder implements IcalFiles {
    /** Far above any holiday calendar (a country's 30 years of holidays are some 50 KB). */
    static final int MAX_BYTES = 1024 * 1024;

    private final Path folder;

    PolicyFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public Holidays holidays(String written) {
        Path file = confined(written);
        String text = read(file, written);
        try {
            return new IcsHolidayParser().parse(new StringReader(text));
        } catch (CalendarDefinitionException e) {
            throw new IllegalArgumentException("iCal file '" + written + "': " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read iCal file '" + written + "'");
        }
    }

    /** The file {@code written} names, checked to be inside the folder; the message says which rule it breaks. */
    Path confined(String written) {
        return confined(
                written,
                "iCal",
                List.of(".ics"),
                "name an iCalendar file (.ics) in the policy's folder",
                "name an .ics file");
    }

    /**
     * The logo file {@code written} names as a {@code data:} URI, read under the same rules as an iCal file (relative,
     * no {@code ..}, no link out of the folder, a regular file) and at most {@code maxBytes} long: its bytes go into
     * every report, so a link to a file outside the folder must never be followed.
     */
    String logoDataUri(String written, long maxBytes) {
        Path file = confined(
                written,
                "logo",
                List.of(".png", ".jpg", ".jpeg"),
                "name a .png or .jpg file in the policy's folder (the PDF renderer draws no SVG)",
                "name a .png or .jpg file");
        String type = written.toLowerCase(Locale.ROOT).endsWith(".png") ? "image/png" : "image/jpeg";
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read logo file '" + written + "' (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(
                    "logo file '" + written + "' is larger than " + maxBytes / 1024 + " KiB: every report carries it");
        }
        return "data:" + type + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private Path confined(String written, String kind, List<String> suffixes, String whatToName, String regularHint) {
        String rule = kind + " paths are relative to the policy's folder (" + folder + ") and stay inside it";
        if (written.indexOf('\0') >= 0 || written.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(kind + " path '" + printable(written) + "' holds control characters");
        }
        if (written.startsWith("/") || written.startsWith("\\") || (written.length() > 1 && written.charAt(1) == ':')) {
            throw new IllegalArgumentException(kind + " path '" + written + "' is absolute: " + rule);
        }
        for (String part : written.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException(
                        kind + " path '" + written + "' leaves the policy's folder ('..'): " + rule);
            }
        }
        String lower = written.toLowerCase(Locale.ROOT);
        if (suffixes.stream().noneMatch(lower::endsWith)) {
            throw new IllegalArgumentException(kind + " path '" + written + "' does not end in "
                    + String.join(" or ", suffixes) + ": " + whatToName);
        }
        Path file;
        try {
            file = folder.resolve(written).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(kind + " path '" + written + "' is not a valid path");
        }
        if (!file.startsWith(folder)) {
            throw new IllegalArgumentException(kind + " path '" + written + "' leaves the policy's folder: " + rule);
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(kind + " file '" + written + "' not found (looked at " + file + ")");
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new IllegalArgumentException(
                        kind + " file '" + written + "' is a link to a file outside the policy's" + " folder: " + rule);
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(kind + " file '" + written + "' is not a regular file (a directory,"
                        + " device or pipe): " + regularHint);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException(kind + " file '" + written + "' cannot be opened ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file as UTF-8 text, at most {@value #MAX_BYTES} bytes (read bounded: a file may grow while it is read). */
    private static String read(Path file, String written) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("iCal file '" + written + "' not found (looked at " + file + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read iCal file '" + written + "' (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("iCal file '" + written + "' is larger than " + MAX_BYTES / 1024
                    + " KiB: a holiday calendar is far smaller; is it the right file?");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("iCal file '" + written + "' is not UTF-8 text");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}
