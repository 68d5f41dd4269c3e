package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 18, item 3's class: no outside string may add a header to a report's mail. Client ids and names of any
 * characters (CR, LF, NEL, U+2028, every other control, every plane) with {@code Bcc:}/{@code Cc:} lines in them go
 * into the mail exactly as {@link SmtpChannel} builds it; the bytes on the wire must hold only the headers SLAflow
 * sets, each value on one line (folded lines start with white space), in ASCII (non-ASCII encoded per RFC 2047), and a
 * mail reader must find the client's own contacts and nobody else.
 */
class MailHeaderProperties {
    private static final Set<String> HEADERS =
            Set.of("date", "from", "to", "message-id", "subject", "mime-version", "content-type", "x-slaflow-report");
    private static final SmtpChannel SMTP = new SmtpChannel(SmtpSettings.plain("127.0.0.1", 25, "reports@msp.example"));
    private static final ReportArtifacts ARTIFACTS =
            new ReportArtifacts("<p>report</p>", new byte[] {'%', 'P', 'D', 'F'}, new byte[0], new byte[0]);
    private static final ReportClient ACME = SampleReports.DIR.client("acme");
    private static final ClientReport TEMPLATE = SampleReports.week47(ACME, 3, 1);

    @Property(tries = 300)
    void noOutsideStringAddsAHeaderOrARecipient(@ForAll("hostile") String id, @ForAll("hostile") String name)
            throws Exception {
        ReportClient client = new ReportClient(
                id,
                name,
                ACME.zone(),
                ACME.contacts(),
                true,
                ACME.targets(),
                ACME.clocks(),
                ACME.ticketUrl(),
                ACME.contract());
        ClientReport t = TEMPLATE;
        ClientReport report = new ClientReport(
                client,
                t.period(),
                t.generatedAt(),
                t.goalPercent(),
                t.figures(),
                t.previous(),
                t.trend(),
                t.corrections(),
                t.dataFrom(),
                t.credit(),
                t.msp(),
                t.summary());
        MimeMessage m = SMTP.message(report, ARTIFACTS);
        m.saveChanges();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        m.writeTo(wire);
        byte[] bytes = wire.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String head = text.substring(0, text.indexOf("\r\n\r\n"));

        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            boolean lineEnd = c == '\r' && i + 1 < head.length() && head.charAt(i + 1) == '\n'
                    || c == '\n' && i > 0 && head.charAt(i - 1) == '\r';
            assertThat(lineEnd || c == '\t' || (c >= 0x20 && c < 0x7F))
                    .as("byte %d of the header block: 0x%02x", i, (int) c)
                    .isTrue();
        }
        List<String> names = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) continue; // a folded continuation of the header above
            names.add(line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(HEADERS).containsAll(names);
        assertThat(names).doesNotHaveDuplicates();

        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        assertThat(read.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(read.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(read.getAllRecipients()).extracting(Object::toString).containsExactlyElementsOf(ACME.contacts());
        assertThat(read.getHeader("X-SLAflow-Report")).containsExactly(report.deliveryKey());
        assertThat(read.getSubject()).doesNotContain("\r", "\n");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> injection = Arbitraries.of(
                "\r\nBcc: attacker@evil.example",
                "\nCc: x@evil.example",
                "\rTo: y@evil.example",
                "\u0085Bcc: a@evil.example",
                "\u2028Bcc: b@evil.example",
                "\r\n\r\n<html>",
                "\u0000",
                "=?UTF-8?B?QmNjOg==?=");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(80);
        Arbitrary<String> controls =
                Arbitraries.strings().withCharRange('\u0000', '\u009f').ofMaxLength(20);
        return Arbitraries.oneOf(
                any,
                controls,
                Combinators.combine(any, injection, any).as((a, b, c) -> a + b + c),
                Combinators.combine(Arbitraries.of("acme", "ACME", "Globex Corp"), injection)
                        .as((a, b) -> a + b));
    }
}
