package io.slaflow.infra.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * An RT initialdata file (Perl) for {@link RequestTracker#insertData}: users, queues and the rights the ticketing loop
 * needs. Privileged users (agents) get, on every queue, the rights to see, work on, comment on, reply to and own
 * tickets: RT refuses an owner who lacks OwnTicket ("That user may not own tickets in that queue"), and a reassignment of
 * a ticket someone else owns by a user who lacks ReassignTicket ("You can only reassign tickets that you own or that are
 * unowned").
 */
public final class RtInitialData {
    /** What agents may do on every queue; SLAflow's own user is an agent too. */
    static final List<String> AGENT_RIGHTS = List.of(
            "SeeQueue",
            "ShowTicket",
            "CreateTicket",
            "ModifyTicket",
            "OwnTicket",
            "TakeTicket",
            "StealTicket",
            "ReassignTicket",
            "CommentOnTicket",
            "ReplyToTicket",
            "ShowTicketComments",
            "ShowOutgoingEmail",
            "Watch",
            "ModifyCustomField",
            "SeeCustomField");

    private final List<String> users = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> customFields = new ArrayList<>();

    /** A privileged user (agent) with a password (a test or demo password, never a real one). */
    public RtInitialData agent(String name, String email, String password) {
        users.add("{ Name => " + q(name) + ", EmailAddress => " + q(email) + ", RealName => " + q(name)
                + ", Password => " + q(password) + ", Privileged => 1 }");
        return this;
    }

    public RtInitialData queue(String name) {
        queues.add("{ Name => " + q(name) + ", Description => " + q("queue " + name) + ", CorrespondAddress => '', "
                + "CommentAddress => '' }");
        return this;
    }

    /** A single-value free-form ticket custom field on every queue. */
    public RtInitialData ticketCustomField(String name) {
        customFields.add("{ Name => " + q(name) + ", Type => 'FreeformSingle', LookupType => 'RT::Queue-RT::Ticket', "
                + "Description => " + q(name) + ", Queue => 0 }");
        return this;
    }

    public String perl() {
        StringBuilder b = new StringBuilder("# Written by SLAflow's RtInitialData\n");
        b.append("@Users = (\n");
        users.forEach(u -> b.append("  ").append(u).append(",\n"));
        b.append(");\n@Queues = (\n");
        queues.forEach(x -> b.append("  ").append(x).append(",\n"));
        b.append(");\n@CustomFields = (\n");
        customFields.forEach(x -> b.append("  ").append(x).append(",\n"));
        b.append(");\n@ACL = (\n");
        for (String right : AGENT_RIGHTS) {
            b.append("  { GroupDomain => 'SystemInternal', GroupType => 'Privileged', Right => ")
                    .append(q(right))
                    .append(" },\n");
        }
        b.append(");\n1;\n");
        return b.toString();
    }

    private static String q(String text) {
        return "'" + RequestTrackerConfig.perlSingleQuoted(text) + "'";
    }
}
