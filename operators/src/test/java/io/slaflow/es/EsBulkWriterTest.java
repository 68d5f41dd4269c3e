package io.slaflow.es;

import static io.slaflow.es.ScriptedElasticsearch.items;
import static io.slaflow.es.ScriptedElasticsearch.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EsBulkWriterTest {

    private ScriptedElasticsearch es;
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        es = new ScriptedElasticsearch();
    }

    @AfterEach
    void stop() {
        es.close();
    }

    private EsBulkWriter writer(EsSinkConfig.Builder config) {
        EsSinkConfig c =
                config.backoff(Duration.ofMillis(100), Duration.ofSeconds(5)).build();
        EsBulkWriter.Listener listener = new EsBulkWriter.Listener() {
            @Override
            public void sent(int documents, long bytes, long latencyMillis) {
                sent.addAndGet(documents);
            }

            @Override
            public void retried(int documents) {
                retried.addAndGet(documents);
            }
        };
        return new EsBulkWriter(
                EsClients.create(c),
                c,
                (EsDeadLetterHandler) deadLetters::add,
                listener,
                sleeps::add,
                System::currentTimeMillis);
    }

    private static EsDocument doc(int i) {
        return EsDocument.index("sla-events", "e" + i, "{\"n\":" + i + "}");
    }

    @Test
    void sendsABulkRequestPerMaxActionsAndTheRestOnFlush() throws Exception {
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).maxActions(3))) {
            for (int i = 0; i < 7; i++) {
                w.add(doc(i));
            }
            assertThat(es.requests()).isEqualTo(2);
            assertThat(w.bufferedDocuments()).isEqualTo(1);
            w.flush();
        }
        assertThat(es.requests()).isEqualTo(3);
        assertThat(es.bodies.get(0)).isEqualTo("""
                {"index":{"_index":"sla-events","_id":"e0"}}
                {"n":0}
                {"index":{"_index":"sla-events","_id":"e1"}}
                {"n":1}
                {"index":{"_index":"sla-events","_id":"e2"}}
                {"n":2}
                """);
        assertThat(es.queries.get(0)).startsWith("/_bulk?filter_path=errors,items.*.status");
        assertThat(sent).hasValue(7);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sendsWhenTheBufferReachesMaxBytes() throws Exception {
        try (EsBulkWriter w =
                writer(EsSinkConfig.builder(es.url()).maxActions(1000).maxBytes(100))) {
            w.add(doc(1)); // 60 bytes of NDJSON
            assertThat(es.requests()).isZero();
            w.add(doc(2));
            assertThat(es.requests()).isEqualTo(1);
            assertThat(w.bufferedBytes()).isZero();
        }
    }

    @Test
    void retries429And5xxForTheWholeRequestWithGrowingBackoff() throws Exception {
        es.then(status(429)).then(status(503)).then(status(502));
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).maxActions(2))) {
            w.add(doc(1));
            w.add(doc(2));
        }
        assertThat(es.requests()).isEqualTo(4);
        assertThat(es.bodies).allMatch(b -> b.equals(es.bodies.get(0)));
        assertThat(sent).hasValue(2);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(50L, 100L);
        assertThat(sleeps.get(1)).isBetween(100L, 200L);
        assertThat(sleeps.get(2)).isBetween(200L, 400L);
    }

    @Test
    void resendsOnlyTheItemsRefusedForNowAndDeadLettersThePermanentlyRefused() throws Exception {
        es.then(items(List.of(201, 429, 400, 503, 200)));
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).maxActions(5))) {
            for (int i = 0; i < 5; i++) {
                w.add(doc(i));
            }
        }
        assertThat(es.requests()).isEqualTo(2);
        assertThat(es.bodies.get(1)).isEqualTo("""
                {"index":{"_index":"sla-events","_id":"e1"}}
                {"n":1}
                {"index":{"_index":"sla-events","_id":"e3"}}
                {"n":3}
                """);
        assertThat(sent).hasValue(4);
        assertThat(retried).hasValue(2);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.ES_REJECTED);
            assertThat(d.message())
                    .contains("sla-events/e2", "400", "document_parsing_exception", "failed to parse field [n]");
            assertThat(d.originalText())
                    .isEqualTo("{\"index\":{\"_index\":\"sla-events\",\"_id\":\"e2\"}}\n{\"n\":2}\n");
            assertThat(d.id()).isEqualTo(DeadLetter.idOf(d.originalBytes(), null));
        });
    }

    @Test
    void aWholeRequestRefusedForGoodFailsInsteadOfRetryingAndNeverShowsTheCredentials() throws Exception {
        es.then(status(401));
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).basicAuth("elastic", "s3cr3t-pw"))) {
            w.add(doc(1));
            assertThatThrownBy(w::flush)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP 401")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cr3t-pw"));
        }
        assertThat(es.queries.get(0)).endsWith("auth=Basic ZWxhc3RpYzpzM2NyM3QtcHc=");
    }

    @Test
    void sendsTheApiKeyPreemptively() throws Exception {
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).apiKey("a2V5aWQ6c2VjcmV0"))) {
            w.add(doc(1));
            w.flush();
        }
        assertThat(es.queries.get(0)).endsWith("auth=ApiKey a2V5aWQ6c2VjcmV0");
    }

    @Test
    void keepsRetryingWhileElasticsearchIsDownUntilFailAfterWithoutProgress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long[] now = {0};
        EsSinkConfig c = EsSinkConfig.builder("http://127.0.0.1:" + closedPort)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .failAfter(Duration.ofSeconds(30))
                .build();
        try (EsBulkWriter w = new EsBulkWriter(
                EsClients.create(c),
                c,
                deadLetters::add,
                new EsBulkWriter.Listener() {},
                millis -> {
                    sleeps.add(millis);
                    now[0] += millis;
                },
                () -> now[0])) {
            w.add(doc(1));
            assertThatThrownBy(w::flush).isInstanceOf(IOException.class).hasMessageContaining("no progress");
        }
        assertThat(sleeps.size()).isGreaterThan(10);
        assertThat(sleeps).allMatch(d -> d <= 2000);
        assertThat(now[0]).isBetween(30_000L, 32_000L);
    }

    @Test
    void aFullBufferBlocksTheCallerUntilElasticsearchAcknowledges() throws Exception {
        es.hold = new CountDownLatch(1);
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()).maxActions(2))) {
            w.add(doc(1));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    w.add(doc(2));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(300);
            assertThat(second).isNotDone();
            assertThat(es.requests()).isEqualTo(1);
            es.hold.countDown();
            second.get(10, TimeUnit.SECONDS);
            assertThat(sent).hasValue(2);
        }
    }

    @Test
    void flushReturnsOnlyOnceEveryDocumentIsAcknowledged() throws Exception {
        es.then(items(List.of(503, 201))).then(items(List.of(429)));
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()))) {
            w.add(doc(1));
            w.add(doc(2));
            w.flush();
            assertThat(sent).hasValue(2);
            assertThat(w.bufferedDocuments()).isZero();
        }
        assertThat(es.requests()).isEqualTo(3);
    }

    @Test
    void foldsTwoVersionsOfOneDocumentIntoOneItem() throws Exception {
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()))) {
            w.add(EsDocument.upsert(
                    "sla-tickets", "T1", "{\"state\":\"open\",\"response\":{\"deadline\":\"d1\",\"met\":null}}"));
            w.add(doc(1));
            w.add(EsDocument.upsert("sla-tickets", "T1", "{\"state\":\"closed\",\"response\":{\"met\":true}}"));
            w.add(EsDocument.index("sla-events", "e1", "{\"n\":11}"));
            assertThat(w.bufferedDocuments()).isEqualTo(2);
            w.flush();
        }
        assertThat(es.bodies.get(0)).isEqualTo("""
                {"update":{"_index":"sla-tickets","_id":"T1","retry_on_conflict":3}}
                {"doc":{"state":"closed","response":{"deadline":"d1","met":true}},"doc_as_upsert":true}
                {"index":{"_index":"sla-events","_id":"e1"}}
                {"n":11}
                """);
    }

    @Test
    void anIndexBetweenUpdatesDropsTheEarlierOnesAndTheLaterMergeIntoIt() throws Exception {
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()))) {
            w.add(EsDocument.upsert("sla-tickets", "T1", "{\"a\":1,\"old\":true}"));
            w.add(EsDocument.upsert("sla-tickets", "T1", "{\"a\":2}"));
            w.add(EsDocument.index("sla-tickets", "T1", "{\"a\":3,\"r\":{\"x\":1}}"));
            w.add(EsDocument.upsert("sla-tickets", "T1", "{\"r\":{\"y\":2}}"));
            w.add(EsDocument.upsert("sla-tickets", "T1", "{\"a\":4}"));
            assertThat(w.bufferedDocuments()).isEqualTo(1);
            w.flush();
        }
        assertThat(es.bodies.get(0)).isEqualTo("""
                {"index":{"_index":"sla-tickets","_id":"T1"}}
                {"a":4,"r":{"x":1,"y":2}}
                """);
    }

    @Test
    void manyUpdatesOfOneDocumentAreMergedAsTheyGatherAndAllArrive() throws Exception {
        try (EsBulkWriter w = writer(EsSinkConfig.builder(es.url()))) {
            StringBuilder expected = new StringBuilder("{");
            for (int i = 0; i < 20; i++) {
                w.add(EsDocument.upsert("sla-adherence", "S1", "{\"f" + i + "\":" + i + ",\"last\":" + i + "}"));
                expected.append("\"f").append(i).append("\":").append(i).append(",");
                if (i == 0) expected.append("\"last\":19,");
            }
            w.flush();
            assertThat(es.bodies.get(0).lines().toList().get(1))
                    .isEqualTo(
                            "{\"doc\":" + expected.substring(0, expected.length() - 1) + "},\"doc_as_upsert\":true}");
        }
    }
}
