package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.report.ClientReport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run job's report path as {@code slaflow run} builds it ({@link ProveOptions#deliveryConfig()} →
 * {@link ReportSink}'s writer), against a real SMTP server (GreenMail), a webhook that keeps failing and an HTTP
 * server standing in for a secured Elasticsearch (it checks the credentials the way a cluster would: 401 without).
 */
class ReportSinkTest {
    @TempDir
    Path folder;

    GreenMail smtp;
    HttpServer http;
    final AtomicInteger webhookCalls = new AtomicInteger();
    final List<String> esAuth = new CopyOnWriteArrayList<>();
    final List<String> esDocs = new CopyOnWriteArrayList<>();
    final List<String> esPaths = new CopyOnWriteArrayList<>();
    volatile String expectedEsAuth;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", ex -> {
            webhookCalls.incrementAndGet();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
                ex.sendResponseHeaders(503, -1);
            }
            ex.close();
        });
        http.createContext("/sla-reports", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                esAuth.add(String.valueOf(auth));
                boolean allowed = expectedEsAuth.equals(auth);
                if (allowed) {
                    esDocs.add(body);
                    esPaths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
                }
                byte[] answer = (allowed ? "{\"result\":\"created\"}" : "{\"error\":\"security_exception\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(allowed ? 201 : 401, answer.length);
                ex.getResponseBody().write(answer);
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

    String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    ProveOptions options(String esUser, String esPassword, String esApiKey) {
        ReportChannels channels = ReportChannels.none()
                .withSmtp(SmtpSettings.plain("127.0.0.1", smtp.getSmtp().getPort(), "reports@msp.example"))
                .withWebhook(base() + "/hook", "hook-secret")
                .withRetries(3, 5);
        return new ProveOptions(
                List.of(base()), esUser, esPassword, esApiKey, null, folder.resolve("reports"), channels);
    }

    static void write(ProveOptions p, ClientReport r) throws Exception {
        SinkWriter<ClientReport> writer = new ReportSink(p.deliveryConfig()).createWriter(null);
        try {
            writer.write(r, null);
            writer.flush(true); // as Flink does at the end of the input: the sink delivers what it rendered
        } finally {
            writer.close();
        }
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedThenRecordedFailedInTheFolderAndInSlaReportsAndAlerted() throws Exception {
        expectedEsAuth =
                "Basic " + Base64.getEncoder().encodeToString("slaflow:es-pass".getBytes(StandardCharsets.UTF_8));
        ClientReport r = SampleReports.week47("globex");

        write(options("slaflow", "es-pass", null), r);

        assertThat(webhookCalls.get()).as("three attempts").isEqualTo(3);
        assertThat(smtp.getReceivedMessages())
                .as("the mail channel is independent and went out")
                .hasSize(1);
        Path reports = folder.resolve("reports");
        assertThat(Files.readString(reports.resolve("globex/2026-W47.delivery.json")))
                .contains("\"status\":\"FAILED\"")
                .contains("\"attempts\":4")
                .contains("webhook: ")
                .contains("503");
        assertThat(Files.readAllLines(reports.resolve("failed-deliveries.jsonl")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("\"id\":\"globex:WEEK:2026-W47\"")
                        .contains("\"status\":\"FAILED\""));
        assertThat(reports.resolve("globex/2026-W47.smtp.sent")).exists();
        assertThat(reports.resolve("globex/2026-W47.webhook.sent")).doesNotExist();
        // the FAILED record reached sla-reports, authenticated like the Elasticsearch sink
        assertThat(esPaths).containsExactly("PUT /sla-reports-2026.11.01/_doc/globex%3AWEEK%3A2026-W47");
        assertThat(esDocs).singleElement().satisfies(d -> assertThat(d).contains("\"status\":\"FAILED\""));
        assertThat(esAuth).containsOnly(expectedEsAuth);
    }

    @Test
    void slaReportsRecordsUseTheSinksApiKey() throws Exception {
        expectedEsAuth = "ApiKey aWQ6a2V5";
        webhookCalls.set(0);
        write(options(null, null, "aWQ6a2V5"), SampleReports.week47("acme"));

        assertThat(esAuth).containsOnly("ApiKey aWQ6a2V5");
        assertThat(esDocs).singleElement().satisfies(d -> assertThat(d).contains("\"clientId\":\"acme\""));
    }

    @Test
    void aClusterRefusingTheCredentialsDoesNotLoseTheDelivery() throws Exception {
        expectedEsAuth = "Basic nobody";
        write(options("slaflow", "wrong", null), SampleReports.week47("initech"));

        assertThat(esDocs).isEmpty();
        assertThat(esAuth).hasSize(1);
        // the folder keeps the record; the next emission of the report rewrites the index copy
        assertThat(Files.readString(folder.resolve("reports/initech/2026-W47.delivery.json")))
                .contains("\"clientId\":\"initech\"");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }
}
