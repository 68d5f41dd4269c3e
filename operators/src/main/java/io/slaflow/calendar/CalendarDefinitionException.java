package io.slaflow.calendar;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A calendar definition (working hours, holiday dates, an iCalendar file) that cannot be used, with a message
 * that says exactly what is wrong.
 *
 * <p>The message never names a file: the policy loader that reads the definition knows the file, line and field
 * and adds them. To help it point at the right place, the exception carries the sub-field of the definition that
 * is wrong (e.g. the working-hours key {@code "mon-fri"}) and, for iCalendar input, the 1-based line number
 * inside the {@code .ics} file.
 */
public class CalendarDefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String detailField;
    private final int line;

    public CalendarDefinitionException(String message) {
        this(message, null, 0, null);
    }

    private CalendarDefinitionException(String message, String detailField, int line, Throwable cause) {
        super(message, cause);
        this.detailField = detailField;
        this.line = line;
    }

    /** A problem with one entry of a definition, e.g. the working-hours entry whose key is {@code "mon-fri"}. */
    public static CalendarDefinitionException inField(String detailField, String message) {
        return new CalendarDefinitionException(message, detailField, 0, null);
    }

    /** A problem on one line (1-based) of an iCalendar file; the line number is also put in the message. */
    public static CalendarDefinitionException atLine(int line, String message) {
        return atLine(line, message, null);
    }

    static CalendarDefinitionException atLine(int line, String message, Throwable cause) {
        return new CalendarDefinitionException("line " + line + ": " + message, null, line, cause);
    }

    /** The entry of the definition that is wrong (e.g. {@code "mon-fri"}), when known. */
    public Optional<String> detailField() {
        return Optional.ofNullable(detailField);
    }

    /** The 1-based line of the iCalendar input that is wrong, when the problem came from one. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
