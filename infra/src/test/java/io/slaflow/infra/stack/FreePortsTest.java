package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctFreePorts() {
        int[] ports = FreePorts.pick(4);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(4);
        assertThat(Arrays.stream(ports).allMatch(FreePorts::isFree)).isTrue();
    }

    @Test
    void aListeningPortIsNotFree() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
