package io.slaflow.connect.ticketing;

import java.util.List;

/**
 * What one poll of a ticketing system gave: events in the order the system recorded the changes, and the position
 * to continue from (changes up to it are done, also those that gave no event).
 */
public record FeedBatch(List<FeedEvent> events, long nextPosition) {}
