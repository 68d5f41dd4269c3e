package io.slaflow.jobs.demo;

import io.slaflow.infra.stack.RtConnectLoop;
import io.slaflow.infra.stack.RtPerson;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tickets {@code slaflow demo --ticketing rt} opens in Request Tracker, as the clients' people would: a cycle of
 * subjects that the policy classifies into different tiers, some answered by an agent after a while and some left
 * alone, so the console and RT's web UI show both outcomes.
 */
final class DemoTickets implements AutoCloseable {
    /** What to open: the client, the subject, and after how long an agent answers (null: nobody does). */
    private record Plan(String client, String subject, Duration answerAfter) {}

    private static final List<Plan> CYCLE = List.of(
            new Plan("acme", "Production down in plant 4", null),
            new Plan("globex", "Website outage for all customers", Duration.ofSeconds(40)),
            new Plan("initech", "VPN very slow from the London office", null),
            new Plan("acme", "New laptop for a starter on Monday", null),
            new Plan("globex", "Database down on the billing cluster", null),
            new Plan("initech", "Printer jammed on floor 2", Duration.ofSeconds(60)));

    private record Pending(String number, long answerAt) {}

    private final RtPerson requester;
    private final RtPerson agent;
    private final Map<String, String> queueOfClient;
    private final String fallbackQueue;
    private final PrintStream console;
    private final List<Pending> toAnswer = new ArrayList<>();
    private int opened;

    DemoTickets(RtConnectLoop loop, Map<String, String> queues, PrintStream console) {
        this.requester = loop.root();
        this.agent = loop.person(RtLoopDemo.AGENT);
        this.console = console;
        // each client's own queue is its first (routing queues come after)
        Map<String, String> byClient = new LinkedHashMap<>();
        queues.forEach((queue, client) -> byClient.putIfAbsent(client, queue));
        if (byClient.isEmpty())
            throw new IllegalArgumentException("the demo needs a policy that lists at least one client");
        this.queueOfClient = byClient;
        // another policy's clients: the cycle's tickets go to its first client's queue
        this.fallbackQueue = byClient.values().iterator().next();
    }

    /** Opens the next ticket of the cycle. */
    void openNext() {
        Plan p = CYCLE.get(opened % CYCLE.size());
        String subject = opened < CYCLE.size() ? p.subject() : p.subject() + " (" + (opened / CYCLE.size() + 1) + ")";
        String queue = queueOfClient.getOrDefault(p.client(), fallbackQueue);
        String number = requester.createTicket(
                queue, subject, "it@" + p.client() + ".example", null, subject + ", since this morning.");
        opened++;
        String fate = p.answerAfter() == null
                ? "nobody will answer it"
                : RtLoopDemo.AGENT + " answers it in " + p.answerAfter().toSeconds() + " s";
        console.printf("[demo] RT #%s opened in %s: \"%s\" (%s)%n", number, queue, subject, fate);
        if (p.answerAfter() != null)
            toAnswer.add(new Pending(number, System.nanoTime() + p.answerAfter().toNanos()));
    }

    /** The agent answers the tickets whose time has come. */
    void answerDue() {
        long now = System.nanoTime();
        for (var it = toAnswer.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.answerAt() > now) continue;
            agent.reply(p.number(), "Thanks, we are on it.");
            console.printf("[demo] RT #%s answered by %s%n", p.number(), RtLoopDemo.AGENT);
            it.remove();
        }
    }

    @Override
    public void close() {
        toAnswer.clear();
    }
}
