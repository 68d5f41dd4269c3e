package io.slaflow.enforce;

class InMemoryTicketStoreTest extends TicketStoreContract {
    private final InMemoryTicketStore store = new InMemoryTicketStore();

    @Override
    TicketStore store() {
        return store;
    }

    @Override
    void underKey(String ticket) {}

    @Override
    EnforcedTicket inState(String ticket) {
        return store.load(ticket);
    }
}
