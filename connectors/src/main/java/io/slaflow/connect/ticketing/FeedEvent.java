package io.slaflow.connect.ticketing;

import io.slaflow.event.TicketEvent;

/** A contract event read from a ticketing system, with the position of the change it came from. */
public record FeedEvent(long position, TicketEvent event) {}
