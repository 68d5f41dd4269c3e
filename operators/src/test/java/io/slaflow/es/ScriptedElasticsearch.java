package io.slaflow.es;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A stand-in for Elasticsearch's {@code _bulk} endpoint on a JDK HTTP server: each request gets the next scripted
 * reply (a function of the request's item count), or "all created" when the script is used up. Records every body.
 */
final class ScriptedElasticsearch implements AutoCloseable {

    record Reply(int status, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<IntFunction<Reply>> script = new ConcurrentLinkedQueue<>();
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch hold = new CountDownLatch(0);

    ScriptedElasticsearch() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            queries.add(exchange.getRequestURI().getPath() + "?"
                    + exchange.getRequestURI().getQuery() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int items = (int) body.lines()
                    .filter(l -> l.startsWith("{\"index\":{") || l.startsWith("{\"update\":{"))
                    .count();
            IntFunction<Reply> next = script.poll();
            Reply reply = next == null ? items(Collections.nCopies(items, 201)).apply(items) : next.apply(items);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ScriptedElasticsearch then(IntFunction<Reply> reply) {
        script.add(reply);
        return this;
    }

    /** A whole-request failure such as 429 or 503. */
    static IntFunction<Reply> status(int status) {
        return n -> new Reply(
                status, "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":" + status + "}");
    }

    /** A 200 response whose items have these statuses, in order; 400 items carry a mapping error. */
    static IntFunction<Reply> items(List<Integer> statuses) {
        return n -> {
            StringBuilder b = new StringBuilder("{\"errors\":")
                    .append(statuses.stream().anyMatch(s -> s >= 300))
                    .append(",\"items\":[");
            for (int i = 0; i < statuses.size(); i++) {
                int s = statuses.get(i);
                b.append(i == 0 ? "" : ",").append("{\"index\":{\"status\":").append(s);
                if (s == 400) {
                    b.append(
                            ",\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"[1:10] failed to parse field [n] of type [long]\"}");
                } else if (s >= 300) {
                    b.append(",\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}");
                }
                b.append("}}");
            }
            return new Reply(200, b.append("]}").toString());
        };
    }

    int requests() {
        return bodies.size();
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
