package io.slaflow.event;

import java.util.Objects;

/** The outcome of {@link TicketEventDeserializer#parse(byte[])}: exactly one of an event or a rejection. */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    /** The record is a valid contract event. */
    record Accepted(TicketEvent event) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The record was refused; it belongs on the dead-letter topic. */
    record Rejected(Rejection rejection) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
