package io.slaflow.connect.rt;

import io.slaflow.connect.ticketing.BoundedCache;
import io.slaflow.connect.ticketing.FeedBatch;
import io.slaflow.connect.ticketing.FeedEvent;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketFeed;
import io.slaflow.connect.ticketing.TicketingException;
import io.slaflow.event.TicketEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request Tracker's transactions as a {@link TicketFeed}: reads transactions after the cursor through REST2, in id
 * order, and maps each ticket transaction ({@link RtEventMapper}); users, queues and the transactions of a ticket are
 * cached between polls.
 *
 * <p><b>Ids that are not there yet.</b> On a database with concurrent writers (PostgreSQL, MySQL) a transaction id can
 * be handed out before a lower one is committed, so "the highest id seen" is not a safe cursor: a missing id below the
 * highest one read holds the cursor back until it appears, or until {@code gapGraceMillis} have passed since it was
 * first missed (then it is taken as rolled back). On SQLite, which serialises writers, ids never skip.
 */
public final class RtFeed implements TicketFeed, RtEventMapper.Lookups {
    private static final Logger LOG = LoggerFactory.getLogger(RtFeed.class);

    private final RtClient client;
    private final RtEventMapper mapper;
    private final long gapGraceMillis;
    private final Clock clock;
    private final BoundedCache<String, Optional<RtUser>> users = new BoundedCache<>(10_000);
    private final BoundedCache<String, String> queues = new BoundedCache<>(1_000);
    private long missingId = -1;
    private long missingSince;

    public RtFeed(RtClient client, RtEventMapper.Settings settings, long gapGraceMillis, Clock clock) {
        this.client = client;
        this.mapper = new RtEventMapper(settings, this);
        this.gapGraceMillis = gapGraceMillis;
        this.clock = clock;
    }

    @Override
    public FeedBatch after(long position, int max) throws TicketingException {
        List<RtTransaction> read;
        try {
            read = client.transactionsAfter(position, max);
        } catch (RefusedException e) {
            throw new TicketingException(e.getMessage(), e);
        }
        List<FeedEvent> events = new ArrayList<>();
        long done = position;
        for (RtTransaction t : read) {
            if (t.id() != done + 1 && !gapMayBeSkipped(done + 1)) {
                break; // wait for the missing id (next poll), delivering what comes before it
            }
            try {
                Optional<TicketEvent> event = mapper.map(t);
                event.ifPresent(e -> events.add(new FeedEvent(t.id(), e)));
            } catch (TicketingException e) {
                if (events.isEmpty() && done == position) throw e;
                LOG.warn("RT failed while reading transaction {} ({}); delivering the {} events before it and retrying from there",
                        t.id(), e.getMessage(), events.size());
                break;
            } catch (RefusedException e) {
                // RT will not tell us about this transaction's ticket (shredded, no right to see it): nothing to deliver
                LOG.warn("skipping RT transaction {} on ticket {}: {}", t.id(), t.objectId(), e.getMessage());
            }
            done = t.id();
        }
        return new FeedBatch(events, done);
    }

    private boolean gapMayBeSkipped(long id) {
        long now = clock.millis();
        if (missingId != id) {
            missingId = id;
            missingSince = now;
        }
        if (now - missingSince < gapGraceMillis) return false;
        LOG.info("RT transaction {} did not appear within {} ms: taken as rolled back", id, gapGraceMillis);
        return true;
    }

    // ---- lookups, cached ----

    @Override
    public Optional<RtTicket> ticket(String number) throws TicketingException, RefusedException {
        return client.rtTicket(number);
    }

    @Override
    public Optional<RtUser> user(String nameOrId) throws TicketingException, RefusedException {
        Optional<RtUser> known = users.get(nameOrId);
        if (known != null) return known;
        Optional<RtUser> user = client.user(nameOrId);
        users.put(nameOrId, user);
        user.ifPresent(u -> {
            users.put(u.name(), Optional.of(u));
            users.put(u.id(), Optional.of(u));
        });
        return user;
    }

    @Override
    public Optional<RtMessage> message(long transactionId) throws TicketingException, RefusedException {
        return client.message(transactionId);
    }

    @Override
    public List<RtTransaction> transactions(String number) throws TicketingException, RefusedException {
        return client.ticketTransactions(number);
    }

    @Override
    public String queueName(String id) throws TicketingException, RefusedException {
        String known = queues.get(id);
        if (known != null) return known;
        String name = client.queueName(id).orElse(id);
        queues.put(id, name);
        return name;
    }
}
