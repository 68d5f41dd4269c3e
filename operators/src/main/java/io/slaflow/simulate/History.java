package io.slaflow.simulate;

/**
 * The history a simulation ran over, as its outputs state it: where it came from, its period and its size.
 *
 * @param input        the events file as the user named it
 * @param lines        its lines
 * @param events       the valid events among them (the rest are dead letters under every policy alike)
 * @param firstEventMs the earliest event time, or 0 without events
 * @param asOfMs       the as-of instant (default: the last event time): open targets are judged up to it
 */
public record History(String input, long lines, long events, long firstEventMs, long asOfMs) {}
