package io.slaflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsHolidayParserTest {

    /** Fixed base year so open-ended rules expand deterministically (through 2026 + 30). */
    private final IcsHolidayParser parser = new IcsHolidayParser(2026);

    private static Path fixture() throws URISyntaxException {
        return Path.of(IcsHolidayParserTest.class
                .getResource("/calendars/uk-holidays-2026.ics")
                .toURI());
    }

    private Holidays parse(String... lines) throws IOException {
        return parser.parse(new StringReader(String.join("\r\n", lines) + "\r\n"));
    }

    private CalendarDefinitionException parseError(String... lines) throws IOException {
        try {
            parse(lines);
        } catch (CalendarDefinitionException e) {
            return e;
        }
        throw new AssertionError("expected the .ics to be rejected");
    }

    private static String[] event(String... properties) {
        String[] lines = new String[properties.length + 4];
        lines[0] = "BEGIN:VCALENDAR";
        lines[1] = "BEGIN:VEVENT";
        System.arraycopy(properties, 0, lines, 2, properties.length);
        lines[lines.length - 2] = "END:VEVENT";
        lines[lines.length - 1] = "END:VCALENDAR";
        return lines;
    }

    @Test
    void readsTheFixture() throws Exception {
        Holidays holidays = parser.parse(fixture());

        assertThat(holidays.contains(LocalDate.of(2026, 12, 25)))
                .as("all-day event")
                .isTrue();
        assertThat(holidays.contains(LocalDate.of(2026, 12, 26)))
                .as("DTEND is exclusive")
                .isFalse();
        assertThat(holidays.contains(LocalDate.of(2026, 12, 28)))
                .as("UTC date-time event")
                .isTrue();
        assertThat(holidays.contains(LocalDate.of(2026, 12, 29)))
                .as("date-time DTEND at midnight")
                .isFalse();
        assertThat(holidays.contains(LocalDate.of(2026, 4, 2))).isFalse();
        for (int day = 3; day <= 6; day++) {
            assertThat(holidays.contains(LocalDate.of(2026, 4, day)))
                    .as("Easter, 2026-04-0" + day)
                    .isTrue();
        }
        assertThat(holidays.contains(LocalDate.of(2026, 4, 7))).isFalse();
        assertThat(holidays.contains(LocalDate.of(2026, 12, 18)))
                .as("cancelled event")
                .isFalse();
    }

    @Test
    void expandsTheFixturesYearlyRules() throws Exception {
        Holidays holidays = parser.parse(fixture());

        assertThat(holidays.contains(LocalDate.of(2027, 12, 25))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2056, 12, 25)))
                .as("last year of the horizon")
                .isTrue();
        assertThat(holidays.contains(LocalDate.of(2057, 12, 25)))
                .as("past the horizon")
                .isFalse();
        // Last Monday of August, COUNT=3
        assertThat(holidays.contains(LocalDate.of(2026, 8, 31))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2027, 8, 30))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2028, 8, 28))).isTrue();
        assertThat(holidays.contains(LocalDate.of(2029, 8, 27)))
                .as("COUNT=3 is exhausted")
                .isFalse();
        // 31 Christmases + 3 summer holidays + Boxing Day substitute + 4 Easter days
        assertThat(holidays.size()).isEqualTo(31 + 3 + 1 + 4);
    }

    @Test
    void yearlyRuleWithUntilIntervalAndOrdinalWeekday() throws IOException {
        Holidays thanksgiving = parse(event(
                "DTSTART;VALUE=DATE:20261126", "RRULE:FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYDAY=4TH;UNTIL=20310101"));

        assertThat(thanksgiving.dates())
                .containsExactly(LocalDate.of(2026, 11, 26), LocalDate.of(2028, 11, 23), LocalDate.of(2030, 11, 28));
    }

    @Test
    void yearlyRuleSkipsYearsWithoutTheDateAndHonoursExdateAndRdate() throws IOException {
        Holidays leap = parse(event(
                "DTSTART;VALUE=DATE:20240229",
                "RRULE:FREQ=YEARLY;COUNT=3",
                "EXDATE;VALUE=DATE:20280229",
                "RDATE;VALUE=DATE:20250301,20260301"));

        assertThat(leap.dates())
                .containsExactly(
                        LocalDate.of(2024, 2, 29),
                        LocalDate.of(2025, 3, 1),
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2032, 2, 29));
    }

    @Test
    void recurrenceIdOverridesOneOccurrence() throws IOException {
        Holidays holidays = parse(
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "UID:new-year",
                "DTSTART;VALUE=DATE:20260101",
                "RRULE:FREQ=YEARLY;COUNT=3",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:new-year",
                "RECURRENCE-ID;VALUE=DATE:20270101",
                "DTSTART;VALUE=DATE:20270104",
                "END:VEVENT",
                "END:VCALENDAR");

        assertThat(holidays.dates())
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 4), LocalDate.of(2028, 1, 1));
    }

    @Test
    void durationAndDateTimeEndsCoverTheDaysTheyTouch() throws IOException {
        assertThat(parse(event("DTSTART;VALUE=DATE:20260525", "DURATION:P2D")).dates())
                .containsExactly(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 26));
        assertThat(parse(event("DTSTART:20260525T120000", "DURATION:PT18H")).dates())
                .containsExactly(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 26));
        assertThat(parse(event("DTSTART;TZID=Europe/Paris:20260714T000000", "DTEND;TZID=Europe/Paris:20260714T235959"))
                        .dates())
                .containsExactly(LocalDate.of(2026, 7, 14));
        assertThat(parse(event("DTSTART:20260501T000000Z")).dates()).containsExactly(LocalDate.of(2026, 5, 1));
    }

    @Test
    void unfoldsContinuationLinesWithTabsAndLfEndings() throws IOException {
        Holidays holidays = parser.parse(new StringReader(
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DA\n\tTE:2026\n 0704\nEND:VEVENT\nEND:VCALENDAR\n"));

        assertThat(holidays.dates()).containsExactly(LocalDate.of(2026, 7, 4));
    }

    @Test
    void rejectsUnsupportedRecurrenceWithItsLine() throws IOException {
        CalendarDefinitionException e = parseError(event("DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY"));

        assertThat(e).hasMessage("line 4: only FREQ=YEARLY recurrences are supported for holidays, found FREQ=WEEKLY");
        assertThat(e.line()).hasValue(4);
        assertThat(parseError(event("DTSTART;VALUE=DATE:20261126", "RRULE:FREQ=YEARLY;BYDAY=TH"))
                        .getMessage())
                .startsWith("line 4: this RRULE BYDAY is not supported");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20261126", "RRULE:FREQ=YEARLY;BYWEEKNO=20"))
                        .getMessage())
                .startsWith("line 4: RRULE part BYWEEKNO is not supported");
    }

    @Test
    void rejectsBadDatesWithTheLineTheFoldedPropertyStartsOn() throws IOException {
        CalendarDefinitionException e = parseError(
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "SUMMARY:x",
                "DTSTART;VALUE=DATE:2026",
                " 1332",
                "END:VEVENT",
                "END:VCALENDAR");

        assertThat(e)
                .hasMessage("line 4: cannot read the DTSTART value:"
                        + " expected a date like 20261225 or a date-time like 20261225T000000Z");
        assertThat(e.line()).hasValue(4);
    }

    @Test
    void rejectsStructuralProblemsWithTheirLines() throws IOException {
        assertThat(parseError("BEGIN:VEVENT", "END:VEVENT"))
                .hasMessage("line 1: not an iCalendar file: expected BEGIN:VCALENDAR first");
        assertThat(parseError("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260101", "END:VCALENDAR"))
                .hasMessage("line 4: END:VCALENDAR does not match BEGIN:VEVENT on line 2");
        assertThat(parseError("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260101", "END:VEVENT"))
                .hasMessage("line 4: the file ends inside VCALENDAR opened on line 1 (missing END:VCALENDAR)");
        assertThat(parseError(event("SUMMARY:no start"))).hasMessage("line 2: VEVENT without DTSTART");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20260101", "just some text"))
                        .getMessage())
                .startsWith("line 4: not an iCalendar content line");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20260102", "DTEND;VALUE=DATE:20260101")))
                .hasMessage("line 4: DTEND is not after DTSTART (line 3; DTEND is exclusive)");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20260102", "DTSTART;VALUE=DATE:20260103")))
                .hasMessage("line 4: DTSTART appears twice in one VEVENT (first on line 3)");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20260102", "DURATION:two days"))
                        .getMessage())
                .startsWith("line 4: cannot read the DURATION value");
        assertThat(parseError(event("DTSTART;VALUE=DATE:20260102", "RDATE;VALUE=PERIOD:20260101T000000Z/PT1H")))
                .hasMessage("line 4: RDATE with VALUE=PERIOD is not supported");
    }

    @Test
    void ignoresOtherComponentsAndBlankLines() throws IOException {
        Holidays holidays = parse(
                "",
                "BEGIN:VCALENDAR",
                "BEGIN:VTODO",
                "DTSTART;VALUE=DATE:20260303",
                "END:VTODO",
                "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:20260304",
                "X-CUSTOM;X-PARAM=\"a:b;c\":value",
                "END:VEVENT",
                "END:VCALENDAR",
                "");

        assertThat(holidays.dates()).containsExactly(LocalDate.of(2026, 3, 4));
    }

    /** Issue 18, item 1: whatever a file holds, a message names lines and RFC 5545 names, never the file's text. */
    @Test
    void noMessageQuotesTheFilesText() throws IOException {
        String secret = "SLAFLOW_SMTP_PASSWORD=hunter2"; // what /proc/self/environ holds
        List<String[]> files = List.of(
                new String[] {secret},
                new String[] {"BEGIN:VCALENDAR", secret, "END:VCALENDAR"},
                new String[] {"BEGIN:VCALENDAR", "BEGIN:" + secret, "END:VCALENDAR"},
                new String[] {"BEGIN:VCALENDAR", "END:" + secret},
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART;" + secret.replace("=", "-") + ":20260101",
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART;VALUE=" + secret + ":20260101",
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:" + secret, "END:VEVENT", "END:VCALENDAR"},
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "DURATION:" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "RRULE:FREQ=" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "RRULE:FREQ=YEARLY;" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "RRULE:FREQ=YEARLY;X" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "RRULE:FREQ=YEARLY;BYDAY=" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "RRULE:FREQ=YEARLY;INTERVAL=" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {
                    "BEGIN:VCALENDAR",
                    "BEGIN:VEVENT",
                    "DTSTART:20260101",
                    "EXDATE:" + secret,
                    "END:VEVENT",
                    "END:VCALENDAR"
                },
                new String[] {"BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", secret + ":x", "END:VCALENDAR"});
        for (String[] lines : files) {
            assertThat(parseError(lines).getMessage())
                    .as(String.join(" / ", lines))
                    .doesNotContain("hunter2")
                    .doesNotContain("SMTP");
        }
    }
}
