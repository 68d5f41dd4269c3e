package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.WorkingHoursCalendar;
import io.slaflow.classify.ClassificationRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    static final Path DEFAULT_POLICY = Path.of("../infra/policies/default.yaml");

    /** A small valid policy; the error tests change one line of it. Line numbers on the right. */
    static final String MIN = """
            version: test-1
            roles: [team-lead, account-director]
            calendars:
              24x7: {timeZone: UTC, hours: always}
              office:
                timeZone: Europe/Paris
                hours:
                  mon-fri: "09:00-17:00"
            tiers:
              - id: P1
                calendar: 24x7
                response: 15m
                resolution: 4h
                escalation:
                  - when: 30m after breach
                    role: account-director
              - id: P2
                calendar: client
                response: 4h
                resolution: 3 business days
                escalation:
                  - when: next business day after breach
                    role: team-lead
            defaultClient:
              tier: standard
              calendar: office
            clients:
              - id: acme
                tier: enterprise
                timeZone: America/New_York
                calendar: office
                contacts: [it@acme.example]
                roster: {team-lead: sam, account-director: dana}
            classification:
              default: P2
            """;
    //  1 version            10 - id: P1           19 response: 4h        28 - id: acme
    //  2 roles              11 calendar: 24x7     20 resolution          29 tier: enterprise
    //  3 calendars          12 response: 15m      21 escalation          30 timeZone
    //  4 24x7               13 resolution: 4h     22 - when: next ...    31 calendar: office
    //  5 office             14 escalation         23 role: team-lead     32 contacts
    //  6 timeZone           15 - when: 30m ...    24 defaultClient       33 roster
    //  7 hours              16 role: account-dir  25 tier: standard      34 classification
    //  8 mon-fri            17 - id: P2           26 calendar: office    35 default: P2
    //  9 tiers              18 calendar: client   27 clients

    @TempDir
    Path dir;

    private SlaPolicy parse(String yaml) throws InvalidPolicyException {
        return new PolicyLoader(dir).parse(yaml, "test.yaml");
    }

    private List<PolicyProblem> problems(String yaml) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> parse(yaml));
        assertThat(e).as("the policy must be refused").isNotNull();
        return e.problems();
    }

    /** The policy has exactly one problem, at this line, field and with this message. */
    private PolicyProblem single(String yaml, int line, String field, String message) {
        List<PolicyProblem> problems = problems(yaml);
        assertThat(problems).as(problems.toString()).hasSize(1);
        PolicyProblem p = problems.get(0);
        assertThat(p.source()).isEqualTo("test.yaml");
        assertThat(p.line()).as(p.toString()).isEqualTo(line);
        assertThat(p.field()).as(p.toString()).isEqualTo(field);
        assertThat(p.message()).as(p.toString()).isEqualTo(message);
        return p;
    }

    private static String edit(String from, String to) {
        assertThat(MIN).contains(from);
        return MIN.replace(from, to);
    }

    @Test
    void theSmallPolicyIsValid() throws Exception {
        SlaPolicy p = parse(MIN);
        assertThat(p.version()).isEqualTo("test-1");
        assertThat(p.source()).isEqualTo("test.yaml");
        assertThat(p.tiers()).extracting(TierPolicy::id).containsExactly("P1", "P2");
    }

    // ------------------------------------------------------------------ the shipped default policy

    @Nested
    class DefaultPolicy {
        final SlaPolicy policy;

        DefaultPolicy() throws InvalidPolicyException {
            policy = PolicyLoader.load(DEFAULT_POLICY);
        }

        @Test
        void versionAndRoles() {
            assertThat(policy.version()).isEqualTo("default-2026.11");
            assertThat(policy.source()).isEqualTo(DEFAULT_POLICY.toString());
            assertThat(policy.roles()).containsExactly("account-director", "senior-engineer", "team-lead");
        }

        @Test
        void theSeedTable() {
            assertThat(policy.tiers())
                    .extracting(TierPolicy::id, TierPolicy::name, TierPolicy::rank, TierPolicy::calendarId)
                    .containsExactly(
                            tuple("P1", "Critical", 0, "24x7"),
                            tuple("P2", "High", 1, "24x7"),
                            tuple("P3", "Standard", 2, "client"));
            assertThat(policy.tiers())
                    .extracting(TierPolicy::response, TierPolicy::resolution)
                    .containsExactly(
                            tuple(
                                    new SlaTarget.Span(Duration.ofMinutes(15), "15m"),
                                    new SlaTarget.Span(Duration.ofHours(4), "4h")),
                            tuple(
                                    new SlaTarget.Span(Duration.ofHours(1), "1h"),
                                    new SlaTarget.Span(Duration.ofHours(8), "8h")),
                            tuple(
                                    new SlaTarget.Span(Duration.ofHours(4), "4h"),
                                    new SlaTarget.BusinessDays(3, "3 business days")));
            Set<Metric> both = Set.of(Metric.RESPONSE, Metric.RESOLUTION);
            assertThat(policy.tier("P1").ladder())
                    .containsExactly(new EscalationStep(
                            1,
                            new EscalationTrigger.AfterBreach(Duration.ofMinutes(30), "30m after breach"),
                            "account-director",
                            both));
            assertThat(policy.tier("P2").ladder())
                    .containsExactly(new EscalationStep(
                            1,
                            new EscalationTrigger.AfterBreach(Duration.ofHours(2), "2h after breach"),
                            "senior-engineer",
                            both));
            assertThat(policy.tier("P3").ladder())
                    .containsExactly(new EscalationStep(
                            1,
                            new EscalationTrigger.NextBusinessDayAfterBreach("next business day after breach"),
                            "team-lead",
                            both));
            assertThat(policy.tiers()).allSatisfy(t -> assertThat(t.warnAt()).containsExactly(0.5, 0.75, 0.9));
        }

        @Test
        void calendars() {
            BusinessCalendar always = policy.calendars().get("24x7");
            assertThat(always.isAlwaysOpen()).isTrue();
            assertThat(always.zone()).isEqualTo(ZoneId.of("UTC"));
            BusinessCalendar office = policy.calendars().get("business-hours");
            assertThat(office.isAlwaysOpen()).isFalse();
            assertThat(office.zone()).isEqualTo(ZoneId.of("UTC"));
            // Monday 2026-11-02 09:00-17:00 UTC is working time, 08:59 and Saturday are not
            assertThat(office.isWorkingTime(Instant.parse("2026-11-02T09:00:00Z")))
                    .isTrue();
            assertThat(office.isWorkingTime(Instant.parse("2026-11-02T16:59:59Z")))
                    .isTrue();
            assertThat(office.isWorkingTime(Instant.parse("2026-11-02T08:59:00Z")))
                    .isFalse();
            assertThat(office.isWorkingTime(Instant.parse("2026-11-07T12:00:00Z")))
                    .isFalse();
        }

        @Test
        void pauses() {
            assertThat(policy.pauses()).containsOnlyKeys("waiting-on-customer", "pending-customer", "pending-vendor");
            assertThat(policy.pausedBy("waiting-on-customer")).containsExactly(Metric.RESOLUTION);
            assertThat(policy.pausedBy("Pending-Vendor")).containsExactly(Metric.RESOLUTION);
            assertThat(policy.pausedBy("PENDING-CUSTOMER")).containsExactly(Metric.RESOLUTION);
            assertThat(policy.pausedBy("in-progress")).isEmpty();
            assertThat(policy.pausedBy(null)).isEmpty();
        }

        @Test
        void clients() {
            assertThat(policy.clients()).containsOnlyKeys("acme", "globex", "initech");
            assertThat(policy.clients().values())
                    .extracting(
                            ClientProfile::id,
                            ClientProfile::name,
                            ClientProfile::clientTier,
                            ClientProfile::zone,
                            ClientProfile::contacts,
                            ClientProfile::unlisted)
                    .containsExactly(
                            tuple(
                                    "acme",
                                    "ACME Manufacturing",
                                    "enterprise",
                                    ZoneId.of("America/New_York"),
                                    List.of("it-director@acme.example"),
                                    false),
                            tuple(
                                    "globex",
                                    "Globex Outsourcing",
                                    "business",
                                    ZoneId.of("Asia/Manila"),
                                    List.of("ops@globex.example"),
                                    false),
                            tuple(
                                    "initech",
                                    "Initech",
                                    "standard",
                                    ZoneId.of("Europe/London"),
                                    List.of("it@initech.example"),
                                    false));
            assertThat(policy.client("acme").roster())
                    .containsExactly(
                            Map.entry("account-director", "dana.lee"),
                            Map.entry("senior-engineer", "kim.park"),
                            Map.entry("team-lead", "sam.ortiz"));
            assertThat(policy.client("globex").personFor("senior-engineer")).isEqualTo("ana.santos");
            assertThat(policy.client("initech").personFor("team-lead")).isEqualTo("tom.baker");
            assertThat(policy.clients().values())
                    .allSatisfy(c -> assertThat(c.overrides()).isEmpty());
        }

        @Test
        void theClientCalendarIsTheTemplateReZonedPerClient() {
            TierPolicy p3 = policy.tier("P3");
            BusinessCalendar acme = policy.calendarFor(p3, policy.client("acme"));
            assertThat(acme.zone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(acme.isAlwaysOpen()).isFalse();
            assertThat(((WorkingHoursCalendar) acme).weeklyHours())
                    .isEqualTo(((WorkingHoursCalendar) policy.calendars().get("business-hours")).weeklyHours());
            // 09:00 in New York, not in UTC
            assertThat(acme.isWorkingTime(ZonedDateTime.parse("2026-11-02T09:00:00-05:00[America/New_York]")
                            .toInstant()))
                    .isTrue();
            assertThat(acme.isWorkingTime(Instant.parse("2026-11-02T09:00:00Z")))
                    .isFalse();
            assertThat(policy.calendarFor(p3, policy.client("globex")).zone()).isEqualTo(ZoneId.of("Asia/Manila"));
            assertThat(policy.calendarFor(p3, policy.client("initech")).zone()).isEqualTo(ZoneId.of("Europe/London"));
            // 24x7 tiers do not depend on the client
            assertThat(policy.calendarFor(policy.tier("P1"), policy.client("acme")))
                    .isSameAs(policy.calendars().get("24x7"));
        }

        @Test
        void aTicketFromAnUnlistedClientGetsTheDefaultProfileFlaggedUnlisted() {
            ClientProfile d = policy.client("nobody-we-know");
            assertThat(d).isSameAs(policy.defaultClient());
            assertThat(d.unlisted()).isTrue();
            assertThat(d.name()).isEqualTo("Unlisted client");
            assertThat(d.clientTier()).isEqualTo("standard");
            assertThat(d.zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(d.calendarId()).isEqualTo("business-hours");
            assertThat(d.contacts()).containsExactly("service-desk@msp.example");
            assertThat(d.personFor("account-director")).isEqualTo("duty-account-director");
            assertThat(d.personFor("senior-engineer")).isEqualTo("on-call-senior-engineer");
            assertThat(d.personFor("team-lead")).isEqualTo("service-desk-lead");
            assertThat(policy.client("acme").unlisted()).isFalse();
        }

        @Test
        void p3ResolutionIsThreeBusinessDaysInTheClientsZone() {
            TierPolicy p3 = policy.effectiveTier("P3", policy.client("acme"));
            BusinessCalendar cal = policy.calendarFor(p3, policy.client("acme"));
            Instant friday10 = ZonedDateTime.parse("2026-11-06T10:00:00-05:00[America/New_York]")
                    .toInstant();
            Duration budget = p3.resolution().budget(friday10, cal);
            assertThat(cal.addBusinessTime(friday10, budget))
                    .isEqualTo(ZonedDateTime.parse("2026-11-11T10:00:00-05:00[America/New_York]")
                            .toInstant());
            assertThat(p3.ladder().get(0).trigger().fireAt(friday10, cal))
                    .isEqualTo(ZonedDateTime.parse("2026-11-09T09:00:00-05:00[America/New_York]")
                            .toInstant());
        }

        @Test
        void classification() {
            ClassificationRules c = policy.classification();
            assertThat(c.defaultTier()).isEqualTo("P3");
            assertThat(c.honorExplicitPriority()).isTrue();
            assertThat(c.keywordRules())
                    .extracting(ClassificationRules.KeywordRule::id, ClassificationRules.KeywordRule::tier)
                    .containsExactly(tuple("p1-outage", "P1"), tuple("p2-degraded", "P2"));
            assertThat(c.keywordRules().get(0).phrases())
                    .contains("production down", "cannot process payments")
                    .hasSize(12);
            assertThat(c.keywordRules().get(0).fields())
                    .containsExactly(ClassificationRules.Field.SUBJECT, ClassificationRules.Field.DESCRIPTION);
            assertThat(c.sourceRules())
                    .containsExactly(
                            new ClassificationRules.SourceRule(
                                    "monitoring-critical", "P1", "monitoring", Map.of("severity", "critical")),
                            new ClassificationRules.SourceRule(
                                    "monitoring-major", "P2", "monitoring", Map.of("severity", "major")));
            assertThat(c.floors())
                    .containsExactly(new ClassificationRules.TierFloor(
                            "enterprise-monitoring-floor", "enterprise", "monitoring", "P2"));
        }
    }

    // ------------------------------------------------------------------ features

    @Test
    void anExtraTierP4Works() throws Exception {
        SlaPolicy p = parse(edit("defaultClient:\n", """
                  - id: P4
                    name: Planning
                    calendar: office
                    response: 1 business day
                    resolution: 10 business days
                    warnings: [80%]
                defaultClient:
                """).replace("  default: P2", "  default: P4"));
        assertThat(p.tiers())
                .extracting(TierPolicy::id, TierPolicy::rank)
                .containsExactly(tuple("P1", 0), tuple("P2", 1), tuple("P4", 2));
        TierPolicy p4 = p.tier("P4");
        assertThat(p4.response()).isEqualTo(new SlaTarget.BusinessDays(1, "1 business day"));
        assertThat(p4.warnAt()).containsExactly(0.8);
        assertThat(p4.ladder()).isEmpty();
        assertThat(p.classification().defaultTier()).isEqualTo("P4");
        assertThat(p.calendarFor(p4, p.client("acme")).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void clientOverridesApplyToTheirTierOnly() throws Exception {
        SlaPolicy p = parse(edit("    roster: {team-lead: sam, account-director: dana}\n", """
                    roster: {team-lead: sam, account-director: dana}
                    overrides:
                      P1: {response: 10m}
                      P2:
                        resolution: 2 business days
                """));
        ClientProfile acme = p.client("acme");
        TierPolicy p1 = p.effectiveTier("P1", acme);
        assertThat(p1.response()).isEqualTo(new SlaTarget.Span(Duration.ofMinutes(10), "10m"));
        assertThat(p1.resolution()).isEqualTo(new SlaTarget.Span(Duration.ofHours(4), "4h"));
        TierPolicy p2 = p.effectiveTier("P2", acme);
        assertThat(p2.response()).isEqualTo(new SlaTarget.Span(Duration.ofHours(4), "4h"));
        assertThat(p2.resolution()).isEqualTo(new SlaTarget.BusinessDays(2, "2 business days"));
        assertThat(p2.ladder()).isEqualTo(p.tier("P2").ladder());
        // the unlisted profile has no overrides
        assertThat(p.effectiveTier("P1", p.client("other"))).isEqualTo(p.tier("P1"));
        assertThat(p.effectiveTier("P9", acme)).isNull();
    }

    @Test
    void pausedByIsCaseInsensitive() throws Exception {
        SlaPolicy p = parse(MIN + """
                pauses:
                  Waiting-On-Customer: [resolution]
                  on-hold: [Response, RESOLUTION]
                """);
        assertThat(p.pausedBy("waiting-on-customer")).containsExactly(Metric.RESOLUTION);
        assertThat(p.pausedBy("WAITING-ON-CUSTOMER")).containsExactly(Metric.RESOLUTION);
        assertThat(p.pausedBy("On-Hold")).containsExactlyInAnyOrder(Metric.RESPONSE, Metric.RESOLUTION);
        assertThat(p.pausedBy("open")).isEmpty();
    }

    @Test
    void statusesListedTwiceIgnoringCaseAreRefused() {
        single(
                MIN + """
                pauses:
                  on-hold: [resolution]
                  On-Hold: [response]
                """,
                38,
                "pauses.On-Hold",
                "status 'On-Hold' is listed twice (statuses compare case-insensitively)");
    }

    @Test
    void holidaysFromAnIcsFileAndDatesMakeTheCalendarSkipThoseDays() throws Exception {
        Files.writeString(
                dir.resolve("fr.ics"),
                String.join(
                        "\r\n",
                        "BEGIN:VCALENDAR",
                        "VERSION:2.0",
                        "PRODID:-//test//EN",
                        "BEGIN:VEVENT",
                        "UID:xmas@test",
                        "DTSTART;VALUE=DATE:20261225",
                        "DTEND;VALUE=DATE:20261226",
                        "SUMMARY:Noel",
                        "END:VEVENT",
                        "END:VCALENDAR",
                        ""));
        SlaPolicy p = parse(edit("      mon-fri: \"09:00-17:00\"\n", """
                      mon-fri: "09:00-17:00"
                    holidays:
                      dates: [2026-12-24]
                      ical: fr.ics
                """));
        WorkingHoursCalendar office = (WorkingHoursCalendar) p.calendars().get("office");
        assertThat(office.holidays().dates()).containsExactly(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant wed23at16 = ZonedDateTime.of(2026, 12, 23, 16, 0, 0, 0, paris).toInstant();
        // 2 business hours from Wednesday 16:00: Thursday 24 and Friday 25 are holidays -> Monday 28 at 10:00
        assertThat(office.addBusinessTime(wed23at16, Duration.ofHours(2)))
                .isEqualTo(ZonedDateTime.of(2026, 12, 28, 10, 0, 0, 0, paris).toInstant());
        assertThat(office.isWorkingTime(
                        ZonedDateTime.of(2026, 12, 25, 12, 0, 0, 0, paris).toInstant()))
                .isFalse();
        // the re-zoned copy for acme keeps the holidays
        WorkingHoursCalendar acme = (WorkingHoursCalendar) p.calendarFor(p.tier("P2"), p.client("acme"));
        assertThat(acme.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(acme.holidays()).isEqualTo(office.holidays());
    }

    @Test
    void loadingAMissingFileNamesTheFile() {
        Path missing = dir.resolve("nope.yaml");
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(missing));
        assertThat(e.problems())
                .containsExactly(new PolicyProblem(
                        missing.toString(),
                        0,
                        0,
                        "",
                        "policy file not found (looked at " + missing.toAbsolutePath() + ")"));
        assertThat(e.getMessage())
                .isEqualTo("the policy has 1 problem:\n" + missing + ": policy file not found (looked at "
                        + missing.toAbsolutePath() + ")");
    }

    @Test
    void loadingADirectoryOrNonUtf8IsRefusedClearly() throws IOException {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(dir));
        assertThat(e.problems().get(0).message())
                .isEqualTo("cannot read the policy file: it is a directory, expected a YAML file");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'v', ':', ' ', (byte) 0xE9, '\n'});
        e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(latin1));
        assertThat(e.problems().get(0).message()).isEqualTo("the policy file is not UTF-8 text");
    }

    @Test
    void aDeviceOrAnOversizedFileIsRefusedBeforeItIsRead() throws IOException {
        // /dev/zero never ends: reading it whole used to fill the heap (OutOfMemoryError)
        InvalidPolicyException e =
                catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(Path.of("/dev/zero")));
        assertThat(e.problems())
                .containsExactly(new PolicyProblem(
                        "/dev/zero", 0, 0, "", "not a regular file (a device or a pipe): expected a YAML file"));
        Path huge = dir.resolve("huge.yaml");
        try (var out = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            out.setLength(PolicyLoader.MAX_POLICY_BYTES + 1); // sparse: no disk used
        }
        e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(huge));
        assertThat(e.problems().get(0).message()).startsWith("the file has 16777217 bytes: a policy is at most");
    }

    @Test
    void icalPathsResolveAgainstThePolicyFilesDirectory() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(
                sub.resolve("h.ics"),
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\n"
                        + "END:VEVENT\r\nEND:VCALENDAR\r\n");
        Path file = sub.resolve("p.yaml");
        Files.writeString(
                file,
                edit(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: [h.ics]}\n"));
        SlaPolicy p = PolicyLoader.load(file);
        assertThat(((WorkingHoursCalendar) p.calendars().get("office"))
                        .holidays()
                        .dates())
                .containsExactly(LocalDate.of(2027, 1, 1));
    }

    // ------------------------------------------------------------------ one test per error class

    @Test
    void yamlSyntaxError() {
        PolicyProblem p = problems("""
                version: x
                roles: [a, b
                calendars: {}
                """).get(0);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.field()).isEmpty();
        assertThat(p.message()).startsWith("not valid YAML: ");
        assertThat(problems("version: x\n  tiers: [\n").get(0).message()).startsWith("not valid YAML: ");
        // tabs are not YAML indentation
        PolicyProblem tab = problems("version: x\ntiers:\n\t- id: P1\n").get(0);
        assertThat(tab.line()).isEqualTo(3);
        assertThat(tab.column()).isEqualTo(1);
        assertThat(tab.message())
                .isEqualTo("not valid YAML: found character '\\t(TAB)' that cannot start any token."
                        + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)");
    }

    @Test
    void emptyFile() {
        String empty = "the policy is empty: expected a mapping with version, roles, calendars, tiers, defaultClient"
                + " and classification";
        single("", 1, "", empty);
        single("# nothing but a comment\n\n", 1, "", empty);
    }

    @Test
    void notAMapping() {
        List<PolicyProblem> ps = problems("- just\n- a list\n");
        assertThat(ps)
                .extracting(PolicyProblem::line, PolicyProblem::field, PolicyProblem::message)
                .containsExactly(tuple(1, "", "expected a mapping (key: value lines), found a list"));
    }

    @Test
    void missingRequiredField() {
        PolicyProblem p = single(
                edit("    resolution: 4h\n", ""), 10, "tiers[P1].resolution", "missing required field 'resolution'");
        assertThat(p.column()).isEqualTo(5);
        single(MIN.replace("version: test-1\n", ""), 1, "version", "missing required field 'version'");
        single(
                edit(
                        "      - when: 30m after breach\n        role: account-director\n",
                        "      - when: 30m after breach\n"),
                15,
                "tiers[P1].escalation[0].role",
                "missing required field 'role'");
    }

    @Test
    void unknownField() {
        PolicyProblem p = single(
                edit("    response: 15m\n", "    response: 15m\n    respnse: 20m\n"),
                13,
                "tiers[P1].respnse",
                "unknown field 'respnse'; allowed here: id, name, calendar, response, resolution, warnings, escalation");
        assertThat(p.column()).isEqualTo(5);
        single(
                MIN + "owner: me\n",
                36,
                "owner",
                "unknown field 'owner'; allowed here: version, roles, calendars, "
                        + "warnings, tiers, pauses, defaultClient, clients, classification, chains, routing, msp");
        single(
                edit("    timeZone: America/New_York\n", "    timezone: America/New_York\n"),
                30,
                "clients[acme].timezone",
                "unknown field 'timezone'; allowed here: id, name, tier, timeZone, calendar, contacts, roster, overrides, ticketUrl, contract");
    }

    @Test
    void duplicateKeyIsReportedOnce() {
        PolicyProblem p = single(
                edit("    response: 15m\n", "    response: 15m\n    response: 20m\n"),
                13,
                "tiers[P1].response",
                "duplicate key 'response'");
        assertThat(p.column()).isEqualTo(5);
        single(
                edit("    tier: enterprise\n", "    tier: enterprise\n    tier: business\n"),
                30,
                "clients[acme].tier",
                "duplicate key 'tier'");
    }

    @Test
    void unknownCalendarInTier() {
        PolicyProblem p = single(
                edit("    calendar: 24x7\n", "    calendar: 24-7\n"),
                11,
                "tiers[P1].calendar",
                "unknown calendar '24-7'; calendars: 24x7, office (or 'client' for the client's own calendar)");
        assertThat(p.column()).isEqualTo(15);
    }

    @Test
    void unknownCalendarInClient() {
        single(
                edit("    calendar: office\n    contacts", "    calendar: ofice\n    contacts"),
                31,
                "clients[acme].calendar",
                "unknown calendar 'ofice'; calendars: 24x7, office");
        single(
                edit("  calendar: office\nclients", "  calendar: nine-to-five\nclients"),
                26,
                "defaultClient.calendar",
                "unknown calendar 'nine-to-five'; calendars: 24x7, office");
    }

    @Test
    void aBrokenCalendarIsReportedOnceNotAtEveryReference() {
        // the zone is wrong; tiers and clients naming 'office' must not also say "unknown calendar"
        single(
                edit("Europe/Paris", "Europe/Pariss"),
                6,
                "calendars.office.timeZone",
                "unknown time zone 'Europe/Pariss': use an IANA id such as Europe/London or Asia/Manila");
    }

    @Test
    void negativeOrZeroDuration() {
        PolicyProblem p = single(
                edit("    response: 15m\n", "    response: -15m\n"),
                12,
                "tiers[P1].response",
                "negative duration '-15m': a target must be positive");
        assertThat(p.column()).isEqualTo(15);
        single(
                edit("    resolution: 4h\n", "    resolution: 0h\n"),
                13,
                "tiers[P1].resolution",
                "'0h' is zero: a target must be positive");
        single(
                edit("3 business days", "0 business days"),
                20,
                "tiers[P2].resolution",
                "'0 business days' is zero: a target must be at least 1 business day");
        single(
                edit("30m after breach", "-30m after breach"),
                15,
                "tiers[P1].escalation[0].when",
                "negative delay in '-30m after breach': an escalation fires at or after the breach, e.g. '30m after breach'");
    }

    @Test
    void unparseableDuration() {
        single(
                edit("    response: 15m\n", "    response: quickly\n"),
                12,
                "tiers[P1].response",
                "'quickly' is not a duration: write e.g. 15m, 4h, 1h 30m, 90s, 4 hours or 8 business hours"
                        + " (or, for a target, 3 business days)");
        single(
                edit("3 business days", "3 business day"),
                20,
                "tiers[P2].resolution",
                "'3 business day': write '3 business days'");
        single(
                edit("    response: 15m\n", "    response:\n"),
                12,
                "tiers[P1].response",
                "must not be empty: a value is expected here");
        single(
                edit("30m after breach", "30m later"),
                15,
                "tiers[P1].escalation[0].when",
                "'30m later' is not an escalation trigger: write e.g. '30m after breach', 'at breach' or"
                        + " 'next business day after breach'");
    }

    @Test
    void overlappingWorkingHours() {
        PolicyProblem p = single(
                edit("\"09:00-17:00\"", "\"09:00-13:00, 12:00-17:00\""),
                8,
                "calendars.office.hours.mon-fri",
                "09:00-13:00 overlaps 12:00-17:00 on MONDAY");
        assertThat(p.column()).isEqualTo(16);
        single(
                edit(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n      wed: \"18:00-20:00\"\n"),
                9,
                "calendars.office.hours.wed",
                "WEDNESDAY is listed twice: in \"mon-fri\" and in \"wed\"");
    }

    @Test
    void workingHoursMayBeAList() throws Exception {
        SlaPolicy p = parse(edit("\"09:00-17:00\"", "[\"08:00-12:00\", \"13:00-17:00\"]"));
        BusinessCalendar office = p.calendars().get("office");
        assertThat(office.isWorkingTime(ZonedDateTime.parse("2026-11-02T12:30:00+01:00[Europe/Paris]")
                        .toInstant()))
                .isFalse();
        assertThat(office.isWorkingTime(ZonedDateTime.parse("2026-11-02T13:30:00+01:00[Europe/Paris]")
                        .toInstant()))
                .isTrue();
    }

    @Test
    void badWorkingHours() {
        single(
                edit("\"09:00-17:00\"", "\"9 to 5\""),
                8,
                "calendars.office.hours.mon-fri",
                problemsMessage("\"9 to 5\""));
        single(
                edit("    hours:\n      mon-fri: \"09:00-17:00\"\n", "    hours: office-hours\n"),
                7,
                "calendars.office.hours",
                "'office-hours' is not working hours: write 'always' for 24x7 or a mapping such as mon-fri: \"09:00-17:30\"");
        single(
                edit("\"09:00-17:00\"", "closed"),
                8,
                "calendars.office.hours",
                "calendar 'office' has no working time on any day: give it working hours or write hours: always for 24x7");
    }

    /** Whatever LocalTimeRange says about a bad range, it reaches the user verbatim. */
    private static String problemsMessage(String value) {
        try {
            io.slaflow.calendar.WeeklyHours.parse(Map.of("mon-fri", value.replace("\"", "")));
            throw new AssertionError("expected a bad range");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void unknownDayName() {
        single(
                edit("mon-fri:", "mon-fry:"),
                8,
                "calendars.office.hours.mon-fry",
                "unknown day name \"fry\" in \"mon-fry\"; expected mon, tue, wed, thu, fri, sat, sun (or a range such as mon-fri)");
    }

    @Test
    void badTimeZone() {
        PolicyProblem p = single(
                edit("America/New_York", "Eastern"),
                30,
                "clients[acme].timeZone",
                "unknown time zone 'Eastern': use an IANA id such as Europe/London or Asia/Manila");
        assertThat(p.column()).isEqualTo(15);
    }

    @Test
    void unknownRoleInLadder() {
        single(
                edit("        role: account-director\n", "        role: account-manager\n"),
                16,
                "tiers[P1].escalation[0].role",
                "unknown role 'account-manager'; roles: team-lead, account-director (declare it under roles)");
    }

    @Test
    void unknownRoleInRoster() {
        PolicyProblem p = single(
                edit("{team-lead: sam, account-director: dana}", "{team-lead: sam, director: dana}"),
                33,
                "clients[acme].roster.director",
                "unknown role 'director'; roles: team-lead, account-director (declare it under roles)");
        assertThat(p.column()).isEqualTo(40);
    }

    @Test
    void duplicateClient() {
        PolicyProblem p = single(
                edit("classification:\n", """
                  - id: acme
                    tier: standard
                    calendar: office
                classification:
                """),
                34,
                "clients[acme].id",
                "duplicate client 'acme': each client is listed once");
        assertThat(p.column()).isEqualTo(9);
    }

    @Test
    void clientWithoutIdAndReservedId() {
        single(edit("  - id: acme\n", "  - name: acme\n"), 28, "clients[0].id", "missing required field 'id'");
        single(
                edit("  - id: acme\n", "  - id: _default\n"),
                28,
                "clients[_default].id",
                "client id '_default' is reserved for the default client profile");
    }

    @Test
    void duplicateTier() {
        String noP2 = MIN.replace("  default: P2", "  default: P1");
        single(
                noP2.replace("  - id: P2\n", "  - id: P1\n"),
                17,
                "tiers[P1].id",
                "duplicate tier 'P1': each tier is listed once");
        single(
                noP2.replace("  - id: P2\n", "  - id: p1\n"),
                17,
                "tiers[p1].id",
                "duplicate tier 'p1': tier ids compare ignoring case and 'P1' exists");
    }

    @Test
    void unknownTierInOverrideAndClassification() {
        single(
                edit(
                        "    roster: {team-lead: sam, account-director: dana}\n",
                        "    roster: {team-lead: sam, account-director: dana}\n    overrides:\n      P7: {response: 1h}\n"),
                35,
                "clients[acme].overrides.P7",
                "unknown tier 'P7'; tiers: P1, P2");
        single(
                edit("  default: P2", "  default: P3"),
                35,
                "classification.default",
                "unknown tier 'P3'; tiers: P1, P2");
        single(MIN + """
                  floors:
                    - {id: f, clientTier: enterprise, atLeast: P0}
                """, 37, "classification.floors[0].atLeast", "unknown tier 'P0'; tiers: P1, P2");
    }

    @Test
    void badPercentage() {
        List<PolicyProblem> ps = problems(MIN + "warnings: [50%, 150%, soon, 0%, 0.5]\n");
        assertThat(ps)
                .extracting(PolicyProblem::line, PolicyProblem::column, PolicyProblem::field, PolicyProblem::message)
                .containsExactly(
                        tuple(
                                36,
                                17,
                                "warnings[1]",
                                "'150%' is out of range: a warning point is above 0% and below 100%"),
                        tuple(36, 23, "warnings[2]", "'soon' is not a percentage: write e.g. 75%"),
                        tuple(
                                36,
                                29,
                                "warnings[3]",
                                "'0%' is out of range: a warning point is above 0% and below 100%"),
                        tuple(
                                36,
                                33,
                                "warnings[4]",
                                "'0.5' is ambiguous: write percentages with a % sign, e.g. 50% for half"));
    }

    @Test
    void warningsDefaultAndOverride() throws Exception {
        SlaPolicy p = parse(edit("    resolution: 4h\n", "    resolution: 4h\n    warnings: [80%, 95.5%]\n")
                + "warnings: [60, 70%]\n");
        assertThat(p.tier("P1").warnAt()).containsExactly(0.8, 0.955);
        assertThat(p.tier("P2").warnAt()).containsExactly(0.6, 0.7);
        assertThat(parse(MIN).tier("P2").warnAt()).containsExactly(0.5, 0.75, 0.9);
    }

    @Test
    void nonAscendingWarnings() {
        single(
                MIN + "warnings: [50%, 90%, 75%]\n",
                36,
                "warnings[2]",
                "warning points must be ascending and distinct: 75% does not come after 90%");
        single(
                MIN + "warnings: [50%, 50%]\n",
                36,
                "warnings[1]",
                "warning points must be ascending and distinct: 50% does not come after 50%");
    }

    @Test
    void escalationLevelsOutOfOrder() {
        single(
                edit("        role: account-director\n", """
                        role: account-director
                      - when: 10m after breach
                        role: team-lead
                """),
                17,
                "tiers[P1].escalation[1].when",
                "level 2 ('10m after breach') fires before level 1 ('30m after breach'): list escalation levels in firing order");
    }

    @Test
    void aLadderWithSeveralLevels() throws Exception {
        SlaPolicy p = parse(edit("        role: account-director\n", """
                        role: account-director
                      - when: 2h after breach
                        role: team-lead
                        metrics: resolution
                """));
        assertThat(p.tier("P1").ladder())
                .extracting(EscalationStep::level, EscalationStep::role, EscalationStep::metrics)
                .containsExactly(
                        tuple(1, "account-director", Set.of(Metric.RESPONSE, Metric.RESOLUTION)),
                        tuple(2, "team-lead", Set.of(Metric.RESOLUTION)));
        single(
                edit("        role: account-director\n", "        role: account-director\n        metrics: []\n"),
                17,
                "tiers[P1].escalation[0].metrics",
                "at least one metric is required: response, resolution");
    }

    @Test
    void missingIcalFile() {
        PolicyProblem p = single(
                edit(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n    holidays:\n      ical: [holidays/fr-2026.ics]\n"),
                10,
                "calendars.office.holidays.ical[0]",
                "iCal file 'holidays/fr-2026.ics' not found (looked at " + dir.resolve("holidays/fr-2026.ics") + ")");
        assertThat(p.column()).isEqualTo(14);
    }

    @Test
    void brokenIcalFile() throws IOException {
        Files.writeString(
                dir.resolve("bad.ics"),
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-12-25\r\n"
                        + "END:VEVENT\r\nEND:VCALENDAR\r\n");
        List<PolicyProblem> ps = problems(edit(
                "      mon-fri: \"09:00-17:00\"\n", "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: bad.ics}\n"));
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).line()).isEqualTo(9);
        assertThat(ps.get(0).field()).isEqualTo("calendars.office.holidays.ical");
        assertThat(ps.get(0).message()).startsWith("iCal file 'bad.ics': line 3: ");
    }

    @Test
    void badHolidayDate() {
        List<PolicyProblem> ps = problems(edit(
                "      mon-fri: \"09:00-17:00\"\n",
                "      mon-fri: \"09:00-17:00\"\n    holidays:\n      dates: [2026-02-30, 25/12/2026, 2026-12-24]\n"));
        assertThat(ps)
                .extracting(PolicyProblem::line, PolicyProblem::column, PolicyProblem::field, PolicyProblem::message)
                .containsExactly(
                        tuple(
                                10,
                                15,
                                "calendars.office.holidays.dates[0]",
                                "'2026-02-30' is not a date: no such day in the calendar"),
                        tuple(
                                10,
                                27,
                                "calendars.office.holidays.dates[1]",
                                "'25/12/2026' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-25"));
        single(
                edit(
                        "  24x7: {timeZone: UTC, hours: always}",
                        "  24x7: {timeZone: UTC, hours: always, holidays: {dates: [2026-12-25]}}"),
                4,
                "calendars.24x7.holidays",
                "a 24x7 calendar has no holidays: remove them or give working hours");
    }

    @Test
    void badEmailContact() {
        List<PolicyProblem> ps =
                problems(edit("[it@acme.example]", "[it@acme.example, it-director, ops@acme, a@@b.example]"));
        assertThat(ps)
                .extracting(PolicyProblem::line, PolicyProblem::field, PolicyProblem::message)
                .containsExactly(
                        tuple(
                                32,
                                "clients[acme].contacts[1]",
                                "'it-director' is not an e-mail address (expected e.g. it-director@acme.example)"),
                        tuple(
                                32,
                                "clients[acme].contacts[2]",
                                "'ops@acme' is not an e-mail address (expected e.g. it-director@acme.example)"),
                        tuple(
                                32,
                                "clients[acme].contacts[3]",
                                "'a@@b.example' is not an e-mail address (expected e.g. it-director@acme.example)"));
        assertThat(ps).extracting(PolicyProblem::column).containsExactly(33, 46, 56);
    }

    /** Issue 18, item 3's class: an address goes into a To: header, so no control character or separator may be in it. */
    @Test
    void aContactWithAControlCharacterOrSeparatorIsRefused() {
        for (String escaped : List.of("\\x85", "\\r\\n", "\\t", "\\x7f", "\\u2028", "\\x00", "\\u00a0")) {
            List<PolicyProblem> ps = problems(edit("[it@acme.example]", "[\"it@acme" + escaped + ".example\"]"));
            assertThat(ps).as(escaped).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("clients[acme].contacts[0]");
                assertThat(p.message()).endsWith("is not an e-mail address (expected e.g. it-director@acme.example)");
            });
        }
    }

    @Test
    void reservedRuleId() {
        single(MIN + """
                  keywords:
                    - id: default
                      tier: P1
                      phrases: [outage]
                """, 37, "classification.keywords[0].id", "'default' is reserved for the built-in rule");
        single(MIN + """
                  sources:
                    - {id: explicit-priority, tier: P1, source: monitoring}
                """, 37, "classification.sources[0].id", "'explicit-priority' is reserved for the built-in rule");
        single(MIN + """
                  keywords:
                    - {id: r, tier: P1, phrases: [outage]}
                  floors:
                    - {id: r, clientTier: enterprise, atLeast: P1}
                """, 39, "classification.floors[0].id", "duplicate rule id 'r'");
    }

    @Test
    void unknownSource() {
        single(
                MIN + """
                  sources:
                    - id: pager
                      tier: P1
                      source: pagerduty
                """,
                39,
                "classification.sources[0].source",
                "unknown source 'pagerduty'; sources: email, phone, portal, chat, monitoring, api");
    }

    @Test
    void keywordRulesSearchAtLeastOneField() {
        single(
                MIN + """
                  keywords:
                    - {id: k, tier: P1, phrases: [outage], fields: []}
                """,
                37,
                "classification.keywords[0].fields",
                "at least one field is required: subject, description");
    }

    @Test
    void reservedCalendarIds() {
        single(
                edit(
                        "  24x7: {timeZone: UTC, hours: always}",
                        "  24x7: {timeZone: UTC, hours: always}\n  client: {timeZone: UTC, hours: always}"),
                5,
                "calendars.client",
                "'client' cannot be a calendar id: 'client' is reserved for the client's own calendar"
                        + " and '@' for calendars re-zoned per client");
    }

    @Test
    void severalProblemsAreAllReportedInOnePassInFileOrder() {
        String yaml = MIN.replace("Europe/Paris", "Mars/Olympus")
                .replace("    response: 15m\n", "    response: -15m\n")
                .replace("        role: account-director\n", "        role: ceo\n")
                .replace("[it@acme.example]", "[nobody]")
                .replace("  default: P2", "  default: P5");
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> parse(yaml));
        assertThat(e.problems())
                .extracting(PolicyProblem::line, PolicyProblem::field)
                .containsExactly(
                        tuple(6, "calendars.office.timeZone"),
                        tuple(12, "tiers[P1].response"),
                        tuple(16, "tiers[P1].escalation[0].role"),
                        tuple(32, "clients[acme].contacts[0]"),
                        tuple(35, "classification.default"));
        assertThat(e.getMessage()).isEqualTo("""
                the policy has 5 problems:
                test.yaml:6:15: calendars.office.timeZone: unknown time zone 'Mars/Olympus': use an IANA id such as Europe/London or Asia/Manila
                test.yaml:12:15: tiers[P1].response: negative duration '-15m': a target must be positive
                test.yaml:16:15: tiers[P1].escalation[0].role: unknown role 'ceo'; roles: team-lead, account-director (declare it under roles)
                test.yaml:32:16: clients[acme].contacts[0]: 'nobody' is not an e-mail address (expected e.g. it-director@acme.example)
                test.yaml:35:12: classification.default: unknown tier 'P5'; tiers: P1, P2""");
    }

    @Test
    void everyLineOfTheMessageIsFileLineColumnFieldMessage() {
        InvalidPolicyException e = catchThrowableOfType(
                InvalidPolicyException.class, () -> parse(MIN.replace("    calendar: 24x7\n", "    calendar: 24-7\n")));
        assertThat(e.getMessage().lines().skip(1)).allMatch(l -> l.matches("test\\.yaml:\\d+:\\d+: [^ :]+: .+"));
        assertThat(e.getMessage().lines()).hasSize(2);
    }

    // ---- client reports: contract terms, ticket links, branding ----

    static final String CONTRACT = """
                ticketUrl: "https://helpdesk.acme.example/Ticket/Display.html?id={ticketId}"
                contract:
                  monthlyFee: 24000 USD
                  creditCap: 15%
                  tiers:
                    P1: {goal: 99.5%, credit: 10%}
                    P2: {goal: 95%}
            """;

    @Test
    void aClientsContractTermsAndTicketLinkAreRead() throws Exception {
        SlaPolicy p = parse(edit(
                "    roster: {team-lead: sam, account-director: dana}\n",
                "    roster: {team-lead: sam, account-director: dana}\n" + CONTRACT));
        ClientProfile acme = p.client("acme");
        assertThat(acme.ticketUrl()).isEqualTo("https://helpdesk.acme.example/Ticket/Display.html?id={ticketId}");
        assertThat(acme.contract().monthlyFee().display()).isEqualTo("USD 24,000.00");
        assertThat(acme.contract().creditCapPercent()).isEqualByComparingTo("15");
        assertThat(acme.contract().goalFor("P1", 95)).isEqualTo(99.5);
        assertThat(acme.contract().tiers().get("P1").creditPercent()).isEqualByComparingTo("10");
        assertThat(acme.contract().goalFor("P2", 90)).isEqualTo(95.0);
        assertThat(p.defaultClient().contract()).isEqualTo(io.slaflow.contract.ContractTerms.NONE);
    }

    @Test
    void badContractTermsAreRefusedWithTheirLine() {
        String base = "    roster: {team-lead: sam, account-director: dana}\n";
        single(
                edit(base, base + "    contract: {tiers: {P9: {goal: 99%}}}\n"),
                34,
                "clients[acme].contract.tiers.P9",
                "unknown tier 'P9'; tiers: P1, P2");
        single(
                edit(base, base + "    contract: {tiers: {P1: {goal: 101%}}}\n"),
                34,
                "clients[acme].contract.tiers.P1.goal",
                "'101%' is out of range: at most 100%");
        single(
                edit(base, base + "    contract: {monthlyFee: 24000 dollars}\n"),
                34,
                "clients[acme].contract.monthlyFee",
                "'dollars' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)");
        single(
                edit(base, base + "    contract: {tiers: {P1: {goal: 99%, credit: 5%}}}\n"),
                34,
                "clients[acme].contract",
                "service credits are a share of the monthly fee: give contract.monthlyFee (e.g. 24000 USD)");
        single(
                edit(base, base + "    ticketUrl: https://helpdesk.example/ticket\n"),
                34,
                "clients[acme].ticketUrl",
                "'https://helpdesk.example/ticket' has no {ticketId}: write where the ticket id goes, e.g. "
                        + "https://helpdesk.example/Ticket/Display.html?id={ticketId}");
        single(
                edit(base, base + "    ticketUrl: \"javascript:alert(1)//{ticketId}\"\n"),
                34,
                "clients[acme].ticketUrl",
                "'javascript:alert(1)//{ticketId}' is not an http(s) URL");
    }

    @Test
    void theMspLogoIsInlinedFromThePolicysFolderAndNothingOutsideItIsRead() throws Exception {
        Files.copy(Path.of("src/test/resources/northwind-logo.png"), dir.resolve("logo.png"));
        SlaPolicy p = parse(MIN + "msp: {name: Northwind, logo: logo.png}\n");
        assertThat(p.msp().name()).isEqualTo("Northwind");
        assertThat(p.msp().logoDataUri()).startsWith("data:image/png;base64,iVBOR");
        String rule = "logo paths are relative to the policy's folder ("
                + dir.toAbsolutePath().normalize() + ") and stay inside it";
        single(
                MIN + "msp: {name: Northwind, logo: ../outside.png}\n",
                36,
                "msp.logo",
                "logo path '../outside.png' leaves the policy's folder ('..'): " + rule);
        single(
                MIN + "msp: {logo: logo.svg}\n",
                36,
                "msp.logo",
                "logo path 'logo.svg' does not end in .png or .jpg or .jpeg:"
                        + " name a .png or .jpg file in the policy's folder (the PDF renderer draws no SVG)");
        // issue 18, item 1's class: the logo's bytes go into every report, so a link out of the folder or an absolute
        // path must not be followed (a secret would be mailed to the clients as an image)
        Path secret = Files.writeString(
                dir.getParent().resolve("secret-" + dir.getFileName() + ".png"), "SLAFLOW_SMTP_PASSWORD=hunter2");
        Files.createSymbolicLink(dir.resolve("linked.png"), secret);
        single(
                MIN + "msp: {logo: linked.png}\n",
                36,
                "msp.logo",
                "logo file 'linked.png' is a link to a file outside the" + " policy's folder: " + rule);
        single(
                MIN + "msp: {logo: " + secret + "}\n",
                36,
                "msp.logo",
                "logo path '" + secret + "' is absolute: " + rule);
        Files.createDirectories(dir.resolve("dir.png"));
        single(
                MIN + "msp: {logo: dir.png}\n",
                36,
                "msp.logo",
                "logo file 'dir.png' is not a regular file (a directory,"
                        + " device or pipe): name a .png or .jpg file");
        Files.delete(secret);
        assertThat(new PolicyLoader(IcalFiles.none("a version from the policy topic"))
                        .parse(MIN + "msp: {name: N, logo: logo.png}\n", "topic")
                        .msp()
                        .logoDataUri())
                .as("a version from the policy topic has no folder: no logo, not refused")
                .isNull();
    }

    @Test
    void theDefaultPolicyFileIsStillValidWhenCopiedAndEditedBadly() throws IOException {
        // sanity: a bad edit of the real file is reported with the real file name
        Path copy = dir.resolve("default.yaml"); // the default policy names no file, so it can be copied anywhere
        Files.writeString(copy, Files.readString(DEFAULT_POLICY).replace("response: 15m", "response: 15"));
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(copy));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(copy.toString());
            assertThat(p.field()).isEqualTo("tiers[P1].response");
            assertThat(Files.readAllLines(copy).get(p.line() - 1)).contains("response: 15");
        });
    }

    // ------------------------------------------------------------------ chains (CEP patterns)

    @Test
    void withoutAChainsSectionTheDefaultsApply() throws Exception {
        ChainSettings c = parse(MIN).chains();
        assertThat(c).isEqualTo(ChainSettings.defaults("P1"));
        assertThat(c.escalationIgnoredAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.breachStormCount()).isEqualTo(3);
        assertThat(c.breachStormWithin()).isEqualTo(Duration.ofHours(24));
        assertThat(c.reopenLoopCount()).isEqualTo(2);
        assertThat(c.reopenLoopWithin()).isEqualTo(Duration.ofDays(7));
        assertThat(c.atRiskSurgeTier()).as("the most severe tier").isEqualTo("P1");
        assertThat(c.atRiskSurgeWithin()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aChainsSectionOverridesWhatItNamesAndKeepsTheRest() throws Exception {
        ChainSettings c = parse(MIN + """
                chains:
                  escalationIgnored: {after: 45m, fallbackRole: team-lead}
                  breachStorm: {count: 5, within: 12h}
                  reopenLoop: {within: 3 days}
                  atRiskSurge: {count: 4, tier: P2, within: 2h, role: account-director}
                  doubleBreach: {within: 10d}
                """).chains();
        assertThat(c)
                .isEqualTo(new ChainSettings(
                        Duration.ofDays(10),
                        Duration.ofMinutes(45),
                        "team-lead",
                        5,
                        Duration.ofHours(12),
                        "account-director",
                        2,
                        Duration.ofDays(3),
                        4,
                        "P2",
                        Duration.ofHours(2),
                        "account-director"));
    }

    @Test
    void theDefaultPolicySpellsOutTheChainDefaults() throws Exception {
        assertThat(PolicyLoader.load(DEFAULT_POLICY).chains()).isEqualTo(ChainSettings.defaults("P1"));
    }

    @Test
    void aClientsTicketUrlIsAnHttpTemplateWithTheTicketId() throws Exception {
        String roster = "    roster: {team-lead: sam, account-director: dana}\n";
        SlaPolicy p = parse(edit(
                roster,
                roster + "    ticketUrl: \"https://helpdesk.acme.example/Ticket/Display.html?id={ticketId}\"\n"));
        assertThat(p.client("acme").ticketUrl())
                .isEqualTo("https://helpdesk.acme.example/Ticket/Display.html?id={ticketId}");
        assertThat(p.client("acme").ticketLink("T 1&x=2"))
                .isEqualTo("https://helpdesk.acme.example/Ticket/Display.html?id=T%201%26x%3D2");
        assertThat(p.client("unknown").ticketLink("T1"))
                .as("no template: no link")
                .isNull();
        single(
                edit(roster, roster + "    ticketUrl: https://helpdesk.example/ticket\n"),
                34,
                "clients[acme].ticketUrl",
                "'https://helpdesk.example/ticket' has no {ticketId}: write where the ticket id goes, e.g. "
                        + "https://helpdesk.example/Ticket/Display.html?id={ticketId}");
        single(
                edit(roster, roster + "    ticketUrl: \"javascript:alert(1)//{ticketId}\"\n"),
                34,
                "clients[acme].ticketUrl",
                "'javascript:alert(1)//{ticketId}' is not an http(s) URL");
    }

    @Test
    void badChainSettingsAreReportedWithLineAndField() {
        String yaml = MIN + """
                chains:
                  escalationIgnored: {after: 0m, fallbackRole: ceo}
                  breachStorm: {count: three, within: 8 business hours}
                  reopenLoop: {count: 0, within: -1d}
                  atRiskSurge: {tier: P9, every: 1h}
                """;
        // lines: 36 chains, 37 escalationIgnored, 38 breachStorm, 39 reopenLoop, 40 atRiskSurge
        assertThat(problems(yaml))
                .extracting(PolicyProblem::line, PolicyProblem::field, PolicyProblem::message)
                .containsExactly(
                        tuple(37, "chains.escalationIgnored.after", "'0m' is zero: a chain window must be positive"),
                        tuple(
                                37,
                                "chains.escalationIgnored.fallbackRole",
                                "unknown role 'ceo'; roles: team-lead, account-director (declare it under roles)"),
                        tuple(38, "chains.breachStorm.count", "'three' is not a count: write a whole number such as 3"),
                        tuple(
                                38,
                                "chains.breachStorm.within",
                                "'8 business hours': a chain window is wall-clock time, not business time; write e.g. 30m, 24h or 7d"),
                        tuple(39, "chains.reopenLoop.count", "count 0 is out of range: 1 to 100"),
                        tuple(39, "chains.reopenLoop.within", "negative duration '-1d': a duration must be positive"),
                        tuple(40, "chains.atRiskSurge.tier", "unknown tier 'P9'; tiers: P1, P2"),
                        tuple(
                                40,
                                "chains.atRiskSurge.every",
                                "unknown field 'every'; allowed here: count, tier, within, role"));
        single(
                MIN + "chains:\n  stampede: {count: 3}\n",
                37,
                "chains.stampede",
                "unknown field 'stampede'; allowed here: doubleBreach, escalationIgnored, breachStorm, reopenLoop, atRiskSurge");
    }
}
