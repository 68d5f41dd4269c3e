package io.slaflow.connect.ticketing;

import java.util.regex.Pattern;

/**
 * Ticket and event ids for one ticketing-system instance: ticket {@code 42} of instance {@code rt} is ticket id
 * {@code rt-42} in SLAflow, and the change at position {@code 4711} is event id {@code rt:4711}. Deterministic, so a
 * change read twice (a re-poll after a crash) is the same event and is deduplicated downstream; distinct per
 * instance, so two systems feeding one SLAflow never collide.
 */
public final class TicketIds {
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._]{0,31}");
    private final String instance;

    public TicketIds(String instance) {
        if (instance == null || !INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException(
                    "instance name '" + instance + "' must be 1-32 letters, digits, '.' or '_' "
                            + "(no '-' or ':': they separate it from the ticket number and the change position)");
        }
        this.instance = instance;
    }

    public String instance() {
        return instance;
    }

    public String ticketId(String number) {
        return instance + "-" + number;
    }

    public String eventId(long position) {
        return instance + ":" + position;
    }

    /** The system's ticket number for one of our ticket ids, or null when the id belongs to another instance. */
    public String numberOf(String ticketId) {
        if (ticketId == null || !ticketId.startsWith(instance + "-")) return null;
        String number = ticketId.substring(instance.length() + 1);
        return number.isEmpty() || !number.chars().allMatch(Character::isDigit) || number.length() > 18 ? null : number;
    }
}
