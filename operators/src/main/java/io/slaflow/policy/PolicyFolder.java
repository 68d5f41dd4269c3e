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
        String rule = "iCal paths are relative to the policy's folder (" + folder + ") and stay inside it";
        if (written.indexOf('\0') >= 0 || written.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("iCal path '" + printable(written) + "' holds control characters");
        }
        if (written.startsWith("/") || written.startsWith("\\")
                || (written.length() > 1 && written.charAt(1) == ':')) {
            throw new IllegalArgumentException("iCal path '" + written + "' is absolute: " + rule);
        }
        for (String part : written.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("iCal path '" + written + "' leaves the policy's folder ('..'): " + rule);
            }
        }
        if (!written.toLowerCase(Locale.ROOT).endsWith(".ics")) {
            throw new IllegalArgumentException("iCal path '" + written + "' does not end in .ics: name an iCalendar file"
                    + " (.ics) in the policy's folder");
        }
        Path file;
        try {
            file = folder.resolve(written).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("iCal path '" + written + "' is not a valid path");
        }
        if (!file.startsWith(folder)) {
            throw new IllegalArgumentException("iCal path '" + written + "' leaves the policy's folder: " + rule);
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("iCal file '" + written + "' not found (looked at " + file + ")");
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new IllegalArgumentException("iCal file '" + written + "' is a link to a file outside the policy's"
                        + " folder: " + rule);
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("iCal file '" + written + "' is not a regular file (a directory,"
                        + " device or pipe): name an .ics file");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("iCal file '" + written + "' cannot be opened (" + e.getClass().getSimpleName() + ")");
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
            throw new IllegalArgumentException("cannot read iCal file '" + written + "' (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("iCal file '" + written + "' is larger than " + MAX_BYTES / 1024
                    + " KiB: a holiday calendar is far smaller; is it the right file?");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
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
