package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.slaflow.report.ClientReport;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against a real SMTP server (GreenMail, in this JVM) and a real HTTP server for the webhook. */
class ReportDeliveryTest {
    @TempDir
    Path folder;

    GreenMail smtp;
    HttpServer http;
    final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    final List<String> webhookAuth = new CopyOnWriteArrayList<>();
    final List<String> webhookKeys = new CopyOnWriteArrayList<>();
    /** Status codes the webhook answers in turn; 200 once they are used up. */
    final List<Integer> webhookAnswers = new CopyOnWriteArrayList<>();

    final AtomicInteger webhookCalls = new AtomicInteger();
    final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/reports", ex -> {
            webhookCalls.incrementAndGet();
            try (InputStream in = ex.getRequestBody()) {
                int status = webhookAnswers.isEmpty() ? 200 : webhookAnswers.remove(0);
                if (status == 200) {
                    webhookBodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    webhookAuth.add(ex.getRequestHeaders().getFirst("Authorization"));
                    webhookKeys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
                }
                ex.sendResponseHeaders(status, -1);
            }
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        http.stop(0);
    }

    ReportDelivery delivery(int maxAttempts) throws Exception {
        DeliveryConfig config = DeliveryConfig.folderOnly(folder.resolve("reports"))
                .withSmtp(SmtpSettings.plain("127.0.0.1", smtp.getSmtp().getPort(), "reports@msp.example"))
                .withWebhook("http://127.0.0.1:" + http.getAddress().getPort() + "/reports", "s3cret-token")
                .withRetries(maxAttempts, 100);
        ReportDelivery open = config.open();
        return new ReportDelivery(open.files(), channelsOf(config), maxAttempts, 100, null, sleeps::add);
    }

    static List<DeliveryChannel> channelsOf(DeliveryConfig config) {
        // the same channels DeliveryConfig.open() builds, with the test's sleeper instead of Thread.sleep
        return List.of(
                new SmtpChannel(config.smtp()),
                new WebhookChannel(
                        java.net.URI.create(config.webhookUrl()), "s3cret-token", java.time.Duration.ofSeconds(5)));
    }

    @Test
    void eachClientGetsOneMailWithThePdfAndOneWebhookEvenAfterARestart() throws Exception {
        List<ClientReport> reports =
                List.of(SampleReports.week47("acme"), SampleReports.week47("globex"), SampleReports.week47("initech"));
        ReportDelivery first = delivery(3);
        for (ClientReport r : reports) {
            ReportRecord rec = first.deliver(r);
            assertThat(rec.status()).isEqualTo("DELIVERED");
            assertThat(rec.attempts()).isEqualTo(2);
        }

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(3);
        for (ClientReport r : reports) {
            MimeMessage m = Arrays.stream(mails)
                    .filter(x -> {
                        try {
                            return x.getSubject().contains(r.client().name());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .findFirst()
                    .orElseThrow();
            assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactlyElementsOf(r.client().contacts());
            assertThat(m.getSubject()).isEqualTo("SLA report: " + r.client().name() + " 2026-W47");
            assertThat(m.getFrom()[0].toString()).isEqualTo("reports@msp.example");
            MimeMultipart parts = (MimeMultipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            BodyPart html = parts.getBodyPart(0);
            assertThat(html.getContentType()).startsWith("text/html");
            String body = (String) html.getContent();
            assertThat(body).contains("class=\"trend\"").contains(r.summary().replace("'", "&#39;"));
            for (ClientReport other : reports) {
                if (other != r) assertThat(body).doesNotContain(other.client().id() + "-T");
            }
            BodyPart pdf = parts.getBodyPart(1);
            assertThat(pdf.getContentType()).startsWith("application/pdf");
            assertThat(pdf.getFileName())
                    .isEqualTo(r.client().id() + "-2026-W47.pdf"); // an ordinary id is its own safe name
            byte[] bytes = pdf.getInputStream().readAllBytes();
            assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
        assertThat(webhookBodies).hasSize(3);
        assertThat(webhookAuth).containsOnly("Bearer s3cret-token");
        assertThat(webhookKeys).containsExactly("acme:WEEK:2026-W47", "globex:WEEK:2026-W47", "initech:WEEK:2026-W47");
        assertThat(webhookBodies.get(1)).contains("\"clientId\":\"globex\"").doesNotContain("acme-T");

        Path acme = folder.resolve("reports/acme");
        assertThat(acme.resolve("2026-W47.html")).exists();
        assertThat(acme.resolve("2026-W47.pdf")).exists();
        assertThat(acme.resolve("2026-W47.json")).exists();
        assertThat(Files.readString(acme.resolve("2026-W47.delivery.json")))
                .contains("\"status\":\"DELIVERED\"")
                .contains("\"recipients\":[\"it-director@acme.example\",\"http://127.0.0.1:");

        // a restarted job (new delivery, same folder) or a replay emits the same reports again: nothing is re-sent
        ReportDelivery afterRestart = delivery(3);
        for (ClientReport r : reports) assertThat(afterRestart.deliver(r)).isNull();
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        assertThat(webhookCalls.get()).isEqualTo(3);
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoff() throws Exception {
        webhookAnswers.addAll(List.of(503, 502));
        ReportRecord rec = delivery(5).deliver(SampleReports.week47("acme"));
        assertThat(rec.status()).isEqualTo("DELIVERED");
        assertThat(webhookCalls.get()).isEqualTo(3);
        assertThat(sleeps).containsExactly(100L, 200L);
        assertThat(rec.attempts()).isEqualTo(4); // one mail, three webhook calls
    }

    @Test
    void aDeliveryThatKeepsFailingIsRecordedFailedAndAlertedThenCompletedLater() throws Exception {
        webhookAnswers.addAll(List.of(500, 500, 500));
        ClientReport r = SampleReports.week47("initech");
        ReportRecord rec = delivery(3).deliver(r);
        assertThat(rec.status()).isEqualTo("FAILED");
        assertThat(rec.error()).startsWith("webhook: ").contains("500");
        Path reports = folder.resolve("reports");
        assertThat(Files.readString(reports.resolve("initech/2026-W47.delivery.json")))
                .contains("\"status\":\"FAILED\"");
        assertThat(Files.readAllLines(reports.resolve("failed-deliveries.jsonl")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("\"id\":\"initech:WEEK:2026-W47\"")
                        .contains("\"status\":\"FAILED\""));
        assertThat(smtp.getReceivedMessages()).as("the mail went out").hasSize(1);

        // the same report again (restart, replay): only the missing webhook is delivered
        ReportRecord again = delivery(3).deliver(r);
        assertThat(again.status()).isEqualTo("DELIVERED");
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(webhookBodies).hasSize(1);
        assertThat(delivery(3).deliver(r)).isNull();
    }

    /**
     * Issue 18, items 2, 3 and 5: ids that shared a folder, an alias or a ledger marker before (a/b, a?b, a_b; . and ~;
     * acme and ACME), ids that would be paths (.., a 256-character id of 4-byte characters) and one that tried to add
     * a Bcc: header. Every client gets its own folder, report, markers, mail and webhook; nobody else gets mail.
     */
    @Test
    void everyClientGetsItsOwnFolderLedgerAndMailHoweverItsIdIsWritten() throws Exception {
        List<String> ids = List.of(
                "a/b",
                "a?b",
                "a_b",
                ".",
                "~",
                "..",
                "acme",
                "ACME",
                "Acme ",
                "\uD83D\uDE00".repeat(256),
                "acme\r\nBcc: attacker@evil.example",
                "con",
                "a-b--x");
        List<ClientReport> reports = ids.stream()
                .map(id -> SampleReports.week47(SampleReports.DIR.client(id), 3, 1))
                .toList();
        ReportDelivery delivery = delivery(1);
        for (ClientReport r : reports) assertThat(delivery.deliver(r).status()).isEqualTo("DELIVERED");

        Path root = folder.resolve("reports");
        List<Path> clientFolders;
        try (var list = Files.list(root)) {
            clientFolders = list.filter(Files::isDirectory).toList();
        }
        assertThat(clientFolders).hasSize(ids.size());
        for (ClientReport r : reports) {
            Path dir = delivery.files().clientDir(r.client().id());
            assertThat(dir.getParent()).isEqualTo(root);
            assertThat(dir.getFileName().toString())
                    .hasSizeLessThanOrEqualTo(64)
                    .matches("[a-z0-9][a-z0-9._-]*");
            String owner = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir.resolve("2026-W47.json").toFile())
                    .path("clientId")
                    .asText();
            assertThat(owner.equals(r.client().id()))
                    .as("%s holds its own client's report", dir.getFileName())
                    .isTrue();
            assertThat(dir.resolve("2026-W47.smtp.sent")).exists();
            assertThat(dir.resolve("2026-W47.webhook.sent")).exists();
        }
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(ids.size());
        List<String> keys = new ArrayList<>();
        java.util.Map<String, ClientReport> byKey = new java.util.HashMap<>();
        reports.forEach(r -> byKey.put(r.deliveryKey(), r));
        for (MimeMessage m : mails) {
            assertThat(m.getHeader("Bcc")).isNull();
            String key = m.getHeader("X-SLAflow-Report")[0];
            assertThat(key).matches("[a-z0-9._-]+:WEEK:2026-W47");
            keys.add(key);
            assertThat(m.getAllRecipients())
                    .extracting(Object::toString)
                    .containsExactlyElementsOf(
                            byKey.get(key).client().contacts()); // the client's own contacts, nobody else
            assertThat(m.getSubject()).doesNotContain("\r").doesNotContain("\n");
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(smtp.getReceivedMessages()).noneMatch(m -> {
            try {
                return Arrays.toString(m.getAllRecipients()).contains("evil");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(webhookKeys).hasSize(ids.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);

        // the second emission of every report (a restart, a replay) finds its own markers: nothing goes out twice
        for (ClientReport r : reports) assertThat(delivery(1).deliver(r)).isNull();
        assertThat(smtp.getReceivedMessages()).hasSize(ids.size());
    }

    @Test
    void theSmtpPasswordIsNeverPrinted() {
        SmtpSettings s = SmtpSettings.plain("mail", 587, "a@b.example").withLogin("user", "hunter2");
        assertThat(s.toString()).doesNotContain("hunter2").contains("****");
        assertThat(DeliveryConfig.folderOnly(Path.of("x")).withSmtp(s).toString())
                .doesNotContain("hunter2");
    }
}
