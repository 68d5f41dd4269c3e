package io.slaflow.connect.kafka;

import io.slaflow.connect.rt.RtClient;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketingException;
import org.apache.kafka.connect.errors.RetriableException;

/** {@code start.transaction=latest}: the highest transaction id RT has now. */
final class RtStart {
    private RtStart() {}

    static long latestTransaction(RtClient client) {
        try {
            return client.latestTransactionId();
        } catch (TicketingException e) {
            throw new RetriableException("cannot read RT's latest transaction id: " + e.getMessage(), e);
        } catch (RefusedException e) {
            throw new org.apache.kafka.connect.errors.ConnectException(e.getMessage());
        }
    }
}
