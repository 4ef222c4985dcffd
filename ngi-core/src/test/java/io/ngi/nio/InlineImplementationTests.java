package io.ngi.nio;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link InlineImplementation}: the loop runs in the caller's thread and hands handler
 * exceptions back to it.
 */
class InlineImplementationTests {

	private final InlineImplementation inline = new InlineImplementation();

	@AfterEach
	void close() {
		this.inline.close();
	}

	@Test
	void loopServesUntilNothingIsRegistered() throws Exception {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		WordCount.Client client = new WordCount.Client(WordCount.SAMPLE_DOCS);
		this.inline.connect(listener.address(), client);
		Recorder quit = new Recorder("Q\0".getBytes(StandardCharsets.UTF_8));
		client.answers.whenComplete((answers, failure) -> this.inline.connect(listener.address(), quit));
		this.inline.loop(Duration.ofSeconds(10));
		assertThat(client.answers.get(0, TimeUnit.SECONDS)).isEqualTo(client.expected());
		// Listener.close() closes every connection now, as zc.ngi does: the pending "Q\n"
		// is dropped.
		assertThat(quit.closed.get(0, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(listener.isOpen()).isFalse();
	}

	@Test
	void handlerExceptionComesOutOfLoopWhichCanBeCalledAgain() throws Exception {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		Recorder failing = new Recorder("E\0".getBytes(StandardCharsets.UTF_8));
		this.inline.connect(listener.address(), failing);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(this.inline::loop).withMessage("E");
		WordCount.Client client = new WordCount.Client(WordCount.SAMPLE_DOCS);
		this.inline.connect(listener.address(), client);
		client.answers.whenComplete((answers, failure) -> listener.close());
		this.inline.loop(Duration.ofSeconds(10));
		assertThat(failing.closed.get(0, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(client.answers.get(0, TimeUnit.SECONDS)).isEqualTo(client.expected());
	}

	@Test
	void checkedHandlerExceptionIsWrapped() {
		Listener listener = this.inline.listen(null, (connection) -> {
			throw new java.io.IOException("checked");
		});
		this.inline.connect(listener.address(), new Recorder());
		assertThatExceptionOfType(NgiException.class).isThrownBy(this.inline::loop)
			.withCauseInstanceOf(java.io.IOException.class);
		listener.close();
		this.inline.loop(Duration.ofSeconds(10));
	}

	@Test
	void loopWithTimeoutThrowsWhenWorkRemains() {
		Listener listener = this.inline.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
		assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(() -> this.inline.loop(Duration.ofMillis(50)));
		assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> this.inline.awaitIdle(Duration.ofMillis(50)));
		listener.close();
		this.inline.loop(Duration.ofSeconds(10));
	}

	@Test
	void failedConnectThatThrowsIsCalledOnceAndComesOutOfLoop() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		AtomicInteger calls = new AtomicInteger();
		this.inline.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
			}

			@Override
			public void failedConnect(String reason) {
				calls.incrementAndGet();
				throw new ConnectionFailedException(reason);
			}
		});
		assertThatExceptionOfType(ConnectionFailedException.class).isThrownBy(this.inline::loop)
			.withMessage("ECONNREFUSED");
		this.inline.loop(Duration.ofSeconds(1));
		assertThat(calls).hasValue(1);
	}

}
