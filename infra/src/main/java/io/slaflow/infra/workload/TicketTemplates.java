package io.slaflow.infra.workload;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Subjects and descriptions an MSP's service desk sees, grouped by the tier the default policy's keyword rules
 * give them (infra/policies/default.yaml, classification.keywords): P1 texts contain a p1-outage phrase, P2 texts a
 * p2-degraded phrase and no P1 phrase, P3 texts neither. Placeholders: {user}, {host}, {app}, {floor}, {site}.
 */
final class TicketTemplates {

    /** One text pair and the tier the keyword rules give it (for monitoring: the tier of its severity). */
    record Template(String tier, String subject, String description) {}

    static final List<Template> HUMAN_P1 = List.of(
            new Template(
                    "P1",
                    "Production database down",
                    "The production database on {host} refuses connections; orders cannot be saved and all users affected at {site}."),
            new Template(
                    "P1",
                    "Outage: {app} unavailable at {site}",
                    "Complete outage of {app} at {site} since a few minutes ago. Nobody can work, please call back urgently."),
            new Template(
                    "P1",
                    "Site down - public website returns 503",
                    "Our public website returns HTTP 503 on every page. Site down for customers."),
            new Template(
                    "P1",
                    "Cannot process payments at {site}",
                    "Every card transaction on the tills at {site} fails: we cannot process payments."),
            new Template(
                    "P1",
                    "Possible ransomware on {host}",
                    "Files on the shared drive were renamed to .locked and a ransom note appeared on {host}. Possible security breach."),
            new Template(
                    "P1",
                    "Email server down for the whole office",
                    "Mail server down at {site}: nobody can send or receive mail, all users affected."),
            new Template(
                    "P1",
                    "ERP system down",
                    "The ERP system down since {floor}:00, the warehouse has stopped shipping."));

    static final List<Template> HUMAN_P2 = List.of(
            new Template(
                    "P2",
                    "Cannot log in to {app}",
                    "Several people at {site} cannot log in to {app} since this morning; the error says the session expired."),
            new Template(
                    "P2",
                    "VPN down for the sales team",
                    "Sales team reports VPN down when working from home; the client times out on connect."),
            new Template(
                    "P2",
                    "{app} very slow",
                    "{app} has been very slow all morning, screens take a minute to load for everyone on floor {floor}."),
            new Template(
                    "P2",
                    "Intermittent Wi-Fi drops on floor {floor}",
                    "Wi-Fi is intermittent on floor {floor}: video calls keep dropping every few minutes."),
            new Template(
                    "P2",
                    "Email not working on mobile phones",
                    "Email not working on our phones since yesterday's password change. Desktop Outlook is fine."),
            new Template(
                    "P2",
                    "Backup failed last night on {host}",
                    "The nightly job reports backup failed for {host}; please check before tonight's run."),
            new Template(
                    "P2",
                    "Printer down for department: Finance",
                    "Finance on floor {floor} has the printer down for department use; invoices cannot be printed today."),
            new Template(
                    "P2",
                    "File share performance degraded",
                    "Opening files on the {site} file share is degraded, saving a spreadsheet takes 30 seconds."));

    static final List<Template> HUMAN_P3 = List.of(
            new Template(
                    "P3",
                    "VPN slow for one user",
                    "{user} reports the VPN slow when connecting from home; everyone else is fine."),
            new Template(
                    "P3",
                    "Printer out of toner",
                    "The printer on floor {floor} is out of toner, please send a replacement cartridge."),
            new Template(
                    "P3",
                    "Password reset for {user}",
                    "{user} forgot the password after the holidays and is locked out; please reset it."),
            new Template(
                    "P3",
                    "New starter laptop setup",
                    "A new starter joins on Monday: please prepare a laptop with the standard image for {user}."),
            new Template(
                    "P3",
                    "Access request: Marketing shared drive",
                    "Please give {user} read access to the Marketing shared drive."),
            new Template(
                    "P3",
                    "Install {app} for {user}",
                    "Please install the current version of {app} on the laptop of {user}."),
            new Template(
                    "P3",
                    "Update the e-mail signature",
                    "Please update the company e-mail signature with the new office address at {site}."),
            new Template(
                    "P3",
                    "Mailbox almost full",
                    "{user} gets a warning that the mailbox is almost full; can the quota be raised?"),
            new Template(
                    "P3", "Second monitor flickering", "The second monitor on desk {floor}-12 flickers now and then."),
            new Template(
                    "P3", "Add {user} to a distribution list", "Please add {user} to the all-staff distribution list."),
            new Template(
                    "P3",
                    "Headset microphone not detected in Teams",
                    "The headset microphone of {user} is not detected in Teams calls."),
            new Template(
                    "P3",
                    "Keyboard replacement",
                    "Some keys on the keyboard of {user} stopped working; please send a new one."));

    static final List<Template> MONITORING_CRITICAL = List.of(
            new Template(
                    "P1",
                    "CRITICAL: {host} server down",
                    "Host {host} does not answer ping (3/3 checks failed over 5 minutes)."),
            new Template(
                    "P1",
                    "CRITICAL: database down on {host}",
                    "Database service on {host} stopped; health check failed 3 times."),
            new Template(
                    "P1",
                    "CRITICAL: website unreachable",
                    "HTTP check of the public website returned 503 for 3 consecutive checks."));

    static final List<Template> MONITORING_MAJOR = List.of(
            new Template(
                    "P2",
                    "MAJOR: CPU above 95% on {host}",
                    "CPU utilisation on {host} above 95% for 15 minutes; performance degraded."),
            new Template(
                    "P2",
                    "MAJOR: backup job failed on {host}",
                    "Job nightly-{host} ended in error: backup failed (0x80070005)."),
            new Template("P2", "MAJOR: disk 95% full on {host}", "Volume D: on {host} is 95% full and growing."));

    static final List<Template> MONITORING_MINOR = List.of(
            new Template("P3", "MINOR: disk usage 82% on {host}", "Volume D: on {host} is 82% full."),
            new Template(
                    "P3",
                    "MINOR: certificate expires in 21 days",
                    "The TLS certificate of the intranet on {host} expires in 21 days."),
            new Template(
                    "P3",
                    "MINOR: Windows updates pending on {host}",
                    "{host} has 7 updates pending and needs a restart."));

    static List<Template> all() {
        return java.util.stream.Stream.of(
                        HUMAN_P1, HUMAN_P2, HUMAN_P3, MONITORING_CRITICAL, MONITORING_MAJOR, MONITORING_MINOR)
                .flatMap(List::stream)
                .toList();
    }

    static List<Template> human(String tier) {
        return switch (tier) {
            case "P1" -> HUMAN_P1;
            case "P2" -> HUMAN_P2;
            default -> HUMAN_P3;
        };
    }

    static List<Template> monitoring(String severity) {
        return switch (severity) {
            case "critical" -> MONITORING_CRITICAL;
            case "major" -> MONITORING_MAJOR;
            default -> MONITORING_MINOR;
        };
    }

    private static final String[] USERS = {
        "Zoë Martin",
        "José Ramos",
        "Ngozi Okafor",
        "Siobhán Kelly",
        "Rizal Dela Cruz",
        "Hannah Becker",
        "Li Wei",
        "Priya Nair",
        "Tom Fischer",
        "Ana Lima",
        "Kenji Sato",
        "Maria Santos"
    };
    private static final String[] APPS = {
        "SAP",
        "Salesforce",
        "the CRM",
        "Microsoft Teams",
        "the payroll portal",
        "SharePoint",
        "Power BI",
        "Adobe Acrobat",
        "Zoom",
        "Visio"
    };
    private static final String[] SITES = {
        "head office", "the warehouse", "the Makati office", "the Leeds branch", "the Boston office", "the call centre"
    };
    private static final String[] HOST_ROLES = {"db01", "db02", "app01", "app02", "fs01", "web01", "dc01", "mail01"};

    /** One ticket's placeholder values, so that its subject and description speak of the same user and host. */
    record Fillers(String user, String host, String app, String floor, String site) {
        static Fillers pick(String clientId, SplittableRandom rnd) {
            return new Fillers(
                    USERS[rnd.nextInt(USERS.length)],
                    clientId + "-" + HOST_ROLES[rnd.nextInt(HOST_ROLES.length)],
                    APPS[rnd.nextInt(APPS.length)],
                    Integer.toString(1 + rnd.nextInt(9)),
                    SITES[rnd.nextInt(SITES.length)]);
        }

        String fill(String text) {
            if (text.indexOf('{') < 0) {
                return text;
            }
            return text.replace("{user}", user)
                    .replace("{host}", host)
                    .replace("{app}", app)
                    .replace("{floor}", floor)
                    .replace("{site}", site);
        }
    }

    private TicketTemplates() {}
}
