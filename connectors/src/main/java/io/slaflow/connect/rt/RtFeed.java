package io.slaflow.connect.rt;

import io.slaflow.connect.ticketing.BoundedCache;
import io.slaflow.connect.ticketing.FeedBatch;
import io.slaflow.connect.ticketing.FeedEvent;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketFeed;
import io.slaflow.connect.ticketing.TicketingException;
import io.slaflow.event.TicketEvent;
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
 * <p><b>Known limit.</b> The cursor is the highest transaction id delivered. RT's search shows a user only the
 * transactions it may see (ticket transactions; ids in between belong to users, groups, queues or tickets in queues it
 * cannot see), so a hole in the ids cannot be told from a transaction not committed yet. On SQLite writers are
 * serialised and ids are committed in order; on PostgreSQL or MySQL under concurrent writes a transaction could commit
 * after a higher id was read and be missed (module README, "Limits").
 */
public final class RtFeed implements TicketFeed, RtEventMapper.Lookups {
    private static final Logger LOG = LoggerFactory.getLogger(RtFeed.class);

    private final RtClient client;
    private final RtEventMapper mapper;
    private final BoundedCache<String, Optional<RtUser>> users = new BoundedCache<>(10_000);
    private final BoundedCache<String, String> queues = new BoundedCache<>(1_000);

    public RtFeed(RtClient client, RtEventMapper.Settings settings) {
        this.client = client;
        this.mapper = new RtEventMapper(settings, this);
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
            try {
                Optional<TicketEvent> event = mapper.map(t);
                event.ifPresent(e -> events.add(new FeedEvent(t.id(), e)));
            } catch (TicketingException e) {
                if (events.isEmpty() && done == position) throw e;
                LOG.warn(
                        "RT failed while reading transaction {} ({}); delivering the {} events before it and retrying from there",
                        t.id(),
                        e.getMessage(),
                        events.size());
                break;
            } catch (RefusedException e) {
                // RT will not tell us about this transaction's ticket (shredded, no right to see it): nothing to
                // deliver
                LOG.warn("skipping RT transaction {} on ticket {}: {}", t.id(), t.objectId(), e.getMessage());
            }
            done = t.id();
        }
        return new FeedBatch(events, done);
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
