package io.ngi.nio;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behaviour specific to {@link NioImplementation} on loopback sockets.
 */
class NioImplementationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NioImplementation ngi = NioImplementation.builder().name("nio-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void echoesOverTcpV4() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		assertThat(((InetSocketAddress) listener.address()).getPort()).isPositive();
		Recorder client = new Recorder("hello".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		await().atMost(WAIT).until(() -> client.size() == 5);
		assertThat(client.text()).isEqualTo("hello");
		client.connection.get().close();
		listener.close();
		this.ngi.awaitIdle(WAIT);
	}

}
