package io.slaflow.connect.ticketing;

/**
 * The read side of a ticketing system: its changes after a position, as contract events. Positions grow with every
 * change (RT: transaction ids), so a source that stores the last position it delivered resumes exactly. {@code RtFeed}
 * implements it on Request Tracker's REST2; a second system implements this one call with its own mapping.
 */
public interface TicketFeed extends AutoCloseable {

    /** Changes after {@code position}, at most about {@code max}, in order. */
    FeedBatch after(long position, int max) throws TicketingException;

    @Override
    default void close() {}
}
