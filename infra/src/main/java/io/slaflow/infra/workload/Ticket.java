package io.slaflow.infra.workload;

/**
 * A ticket as raised: what its CREATED event says, and what the generator expects the default policy to make of it.
 *
 * @param id                ticket id ({@code INC0000001}...)
 * @param client            the client
 * @param createdAtMillis   creation time
 * @param source            email, phone, portal, chat, api or monitoring
 * @param severity          critical/major/minor for monitoring alerts, else null
 * @param explicitPriority  the priority written on the CREATED event, or null (classification decides)
 * @param subject           subject
 * @param description       description
 * @param reporter          who raised it (a person's address, or the monitoring system)
 * @param expectedTier      the tier the default policy gives it at creation (P1..P3)
 */
record Ticket(
        String id,
        WorkloadClient client,
        long createdAtMillis,
        String source,
        String severity,
        String explicitPriority,
        String subject,
        String description,
        String reporter,
        String expectedTier) {}
