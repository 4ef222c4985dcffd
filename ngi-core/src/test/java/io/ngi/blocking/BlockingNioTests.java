/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.NgiTimeoutException;
import io.ngi.Server;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of {@link Blocking} against {@link NioImplementation} servers on loopback: events
 * arrive on the loop thread while the caller waits.
 */
class BlockingNioTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration BOUND = Duration.ofSeconds(30);

	private final NioImplementation ngi = NioImplementation.builder().name("blocking-test").build();

	private final List<String> received = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void requestReturnsEndOfInputWhenTheServerCloses() {
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
			c.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
			c.close();
		}));
		String reason = assertTimeoutPreemptively(BOUND,
				() -> Blocking.request(this.ngi, listener.address(), (connection) -> {
					connection.setHandler(this::receive);
					connection.write("hello");
				}, TIMEOUT));
		assertThat(reason).isEqualTo("end of input");
		assertThat(String.join("", this.received)).isEqualTo("HELLO");
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	/**
	 * The first release buffered input without bound until it was read: a server that
	 * sends 32 MiB to a reader that has not started yet cost 32 MiB.
	 */
	@Test
	void inputBufferedForAReaderIsBoundedAndNothingIsLost() throws Exception {
		int size = 32 * 1024 * 1024;
		byte[] piece = new byte[64 * 1024];
		Listener listener = listen(
				(connection) -> connection.writeLines(Collections.nCopies(size / piece.length, piece)));
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), TIMEOUT)) {
			// Nothing read yet: the connection stops reading past the input high-water
			// mark, plus at most what one read event of the loop brings (1 MiB).
			long limit = StreamHandler.INPUT_HIGH_WATER_MARK + 1024 * 1024;
			await().atMost(TIMEOUT)
				.until(() -> connection.inputStream().available() > StreamHandler.INPUT_HIGH_WATER_MARK);
			await().during(Duration.ofMillis(300))
				.atMost(TIMEOUT)
				.until(() -> connection.inputStream().available() <= limit);
			assertThat(connection.inputStream().readNBytes(size)).hasSize(size);
		}
		listener.close();
	}

	@Test
	void aWriterFasterThanThePeerWaitsInsteadOfQueueingWithoutBound() throws Exception {
		CompletableFuture<Connection> server = new CompletableFuture<>();
		Listener listener = listen((connection) -> {
			connection.pauseReading();
			connection.setHandler((c, data) -> {
			});
			server.complete(connection);
		});
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), Duration.ofMillis(500))) {
			byte[] chunk = new byte[64 * 1024];
			assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(() -> {
				for (int i = 0; i < 10_000; i++) {
					connection.outputStream().write(chunk);
				}
			}).withMessageContaining("took no more output within PT0.5S");
			assertThat(connection.isOpen()).isTrue();
			server.get().resumeReading();
			connection.outputStream().write(chunk);
		}
		listener.close();
	}

	@Test
	void requestReturnsNullWhenTheClientCloses() {
		Listener listener = listen(echo());
		String reason = assertTimeoutPreemptively(BOUND,
				() -> Blocking.request(this.ngi, listener.address(), (connection) -> {
					connection.setHandler((ConnectionHandler) (c, data) -> {
						receive(c, data);
						c.close();
					});
					connection.write("ping");
				}, TIMEOUT));
		assertThat(reason).isNull();
		assertThat(this.received).isNotEmpty();
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void requestRethrowsAHandlerFailureFromTheLoopThread() {
		Listener listener = listen((connection) -> connection.write("hi"));
		IllegalStateException failure = new IllegalStateException("bad input");
		assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
				() -> Blocking.request(this.ngi, listener.address(), (ConnectionHandler) (connection, data) -> {
					throw failure;
				}, TIMEOUT))
			.isSameAs(failure));
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void anUnfinishedRequestTimesOutAndLeavesNothingOpen() {
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
		}));
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> Blocking.request(this.ngi, listener.address(), (connection) -> {
				connection.setHandler(this::receive);
				connection.write("anyone?");
			}, Duration.ofMillis(200)))
			.withMessageContaining("connected, but the connection was not closed"));
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void openStreamsRoundTripThroughAnEchoServer() throws IOException {
		Listener listener = listen(echo());
		byte[] payload = new byte[256 * 1024];
		new Random(42).nextBytes(payload);
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), TIMEOUT)) {
			connection.outputStream().write("hello".getBytes(StandardCharsets.UTF_8));
			InputStream in = connection.inputStream();
			assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("hello");
			for (int offset = 0; offset < payload.length; offset += 10_000) {
				connection.outputStream().write(payload, offset, Math.min(10_000, payload.length - offset));
			}
			connection.outputStream().flush();
			byte[] echoed = assertTimeoutPreemptively(BOUND, () -> in.readNBytes(payload.length));
			assertThat(echoed).isEqualTo(payload);
		}
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void openReadsWhatTheServerSentThenEndOfInput() throws IOException {
		Listener listener = listen((connection) -> {
			connection.write("greeting");
			connection.close();
		});
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), TIMEOUT)) {
			byte[] all = assertTimeoutPreemptively(BOUND, () -> connection.inputStream().readAllBytes());
			assertThat(new String(all, StandardCharsets.UTF_8)).isEqualTo("greeting");
			assertThat(connection.closeReason()).isEqualTo("end of input");
		}
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void readFromASilentServerTimesOut() {
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
		}));
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), TIMEOUT)) {
			connection.setReadTimeout(Duration.ofMillis(200));
			assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class)
				.isThrownBy(() -> connection.inputStream().read()));
			assertThat(connection.isOpen()).isTrue();
		}
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
	}

	@Test
	void refusedConnectGivesConnectionFailedExceptionWithAnErrnoReason() {
		Listener listener = listen(echo());
		SocketAddress address = listener.address();
		listener.close();
		this.ngi.awaitIdle(TIMEOUT);
		assertTimeoutPreemptively(BOUND, () -> {
			assertThatExceptionOfType(ConnectionFailedException.class)
				.isThrownBy(() -> Blocking.request(this.ngi, address, (connection) -> {
				}, TIMEOUT))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("ECONNREFUSED"));
			assertThatExceptionOfType(ConnectionFailedException.class)
				.isThrownBy(() -> Blocking.open(this.ngi, address, TIMEOUT))
				.withMessage("ECONNREFUSED");
		});
	}

	private Listener listen(Server server) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), server);
	}

	private void receive(Connection connection, byte[] data) {
		this.received.add(new String(data, StandardCharsets.UTF_8));
	}

	private static Server echo() {
		return (connection) -> connection.setHandler(Connection::write);
	}

}
