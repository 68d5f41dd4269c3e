package io.slaflow.infra.stack;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Tells whether a Kafka broker answers requests, without kafka-clients on the classpath: sends one ApiVersions request
 * (version 0, the one every broker accepts for version negotiation) and checks the response's correlation id. A broker
 * only enables request processing once it is registered and unfenced, so an answer means clients can use it; a bare
 * TCP connect could succeed earlier (the listen backlog accepts before the broker reads).
 */
final class KafkaProbe {

    private static final short API_VERSIONS = 18;
    private static final int CORRELATION_ID = 0x51AF10;
    private static final int TIMEOUT_MILLIS = 2_000;

    private KafkaProbe() {}

    static boolean answersRequests(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(apiVersionsRequest());
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && in.readInt() == CORRELATION_ID;
        } catch (IOException notReady) {
            return false;
        }
    }

    /** Request header v1 (api key, api version, correlation id, client id) and an empty ApiVersions v0 body. */
    static byte[] apiVersionsRequest() {
        byte[] clientId = "slaflow-stack-probe".getBytes(StandardCharsets.UTF_8);
        int size = 2 + 2 + 4 + 2 + clientId.length;
        return ByteBuffer.allocate(4 + size)
                .putInt(size)
                .putShort(API_VERSIONS)
                .putShort((short) 0)
                .putInt(CORRELATION_ID)
                .putShort((short) clientId.length)
                .put(clientId)
                .array();
    }
}
