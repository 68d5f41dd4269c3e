package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KafkaProbeTest {

    @Test
    void requestIsASizePrefixedApiVersionsV0() {
        ByteBuffer request = ByteBuffer.wrap(KafkaProbe.apiVersionsRequest());
        assertThat(request.getInt()).isEqualTo(request.remaining());
        assertThat(request.getShort()).isEqualTo((short) 18); // ApiVersions
        assertThat(request.getShort()).isEqualTo((short) 0);
    }

    @Test
    void nothingListeningMeansNotReady() {
        assertThat(KafkaProbe.answersRequests("127.0.0.1", FreePorts.pick(1)[0]))
                .isFalse();
    }

    @Test
    void anAnswerWithOurCorrelationIdMeansReady() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> answerOnce(server));
            assertThat(KafkaProbe.answersRequests("127.0.0.1", server.getLocalPort()))
                    .isTrue();
            broker.join();
        }
    }

    /** Echoes the correlation id with error code 0, as a broker does. */
    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] request = new byte[in.readInt()];
            in.readFully(request);
            int correlationId = ByteBuffer.wrap(request, 4, 4).getInt();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(6);
            out.writeInt(correlationId);
            out.writeShort(0);
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
