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
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.Server;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of {@link Blocking} on the testing implementation, where the whole conversation
 * happens inside {@code connect}: behaviour 4.3 of zc.ngi's {@code blocking} module.
 */
class BlockingOnTestingImplementationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final TestingImplementation implementation = new TestingImplementation();

	private final SocketAddress address = TestingImplementation.address("server");

	private final List<String> received = new CopyOnWriteArrayList<>();

	@AfterEach
	void noConnectionIsLeftOpen() {
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void requestReturnsClosedWhenTheServerClosesTheConnection() {
		listen(upperOnceThenClose());
		String reason = Blocking.request(this.implementation, this.address, (connection) -> {
			connection.setHandler(this::receive);
			connection.write("hello");
		}, TIMEOUT);
		assertThat(reason).isEqualTo("closed");
		assertThat(this.received).containsExactly("HELLO");
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void requestReturnsNullWhenTheClientClosesTheConnection() {
		TestListener listener = listen(echo());
		String reason = Blocking.request(this.implementation, this.address, (connection) -> {
			connection.setHandler((ConnectionHandler) (c, data) -> {
				receive(c, data);
				c.close();
			});
			connection.write("ping");
		}, TIMEOUT);
		assertThat(reason).isNull();
		assertThat(this.received).containsExactly("ping");
		assertThat(listener.connections()).isEmpty();
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void requestWithAClientConnectHandlerCallsItsConnected() {
		listen(upperOnceThenClose());
		ClientConnectHandler client = new ClientConnectHandler() {

			@Override
			public void connected(Connection connection) {
				connection.setHandler(BlockingOnTestingImplementationTests.this::receive);
				connection.write("client");
			}

			@Override
			public void failedConnect(String reason) {
				throw new AssertionError("failedConnect is not called by request: " + reason);
			}

		};
		assertThat(Blocking.request(this.implementation, this.address, client, TIMEOUT)).isEqualTo("closed");
		assertThat(this.received).containsExactly("CLIENT");
	}

	@Test
	void requestWithAConnectionHandlerSetsItAndGetsWhatTheServerSaidFirst() {
		listen((connection) -> {
			connection.write("welcome");
			connection.close();
		});
		String reason = Blocking.request(this.implementation, this.address, (ConnectionHandler) this::receive, TIMEOUT);
		assertThat(reason).isEqualTo("closed");
		assertThat(this.received).containsExactly("welcome");
	}

	@Test
	void theHandlerSeesAStandInForTheConnection() {
		listen(echo());
		List<Connection> seen = new CopyOnWriteArrayList<>();
		Blocking.request(this.implementation, this.address, (connection) -> {
			assertThat(connection.peerAddress()).isEqualTo(this.address);
			assertThat(connection.listener()).isNull();
			connection.setHandler((ConnectionHandler) (c, data) -> {
				seen.add(c);
				c.close();
				assertThat(c.isOpen()).isFalse();
			});
			seen.add(connection);
			assertThat(connection.isOpen()).isTrue();
			connection.write("x".getBytes(StandardCharsets.UTF_8));
		}, TIMEOUT);
		assertThat(seen).hasSize(2);
		assertThat(seen.get(1)).isSameAs(seen.get(0)).isInstanceOf(RequestConnection.class);
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void failedConnectThrowsConnectionFailedExceptionNoSuchServer() {
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> Blocking.request(this.implementation, this.address, (connection) -> {
				throw new AssertionError("not connected");
			}, TIMEOUT))
			.withMessage("no such server")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("no such server"));
	}

	@Test
	void aHandlerFailureDuringSetUpIsRethrownAsItself() {
		listen(echo());
		IllegalStateException failure = new IllegalStateException("set-up failed");
		assertThatThrownBy(() -> Blocking.request(this.implementation, this.address, (connection) -> {
			throw failure;
		}, TIMEOUT)).isSameAs(failure);
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void aHandlerFailureOnInputIsRethrownAsItself() {
		listen((connection) -> connection.write("hi"));
		IllegalArgumentException failure = new IllegalArgumentException("bad input");
		assertThatThrownBy(
				() -> Blocking.request(this.implementation, this.address, (ConnectionHandler) (connection, data) -> {
					throw failure;
				}, TIMEOUT))
			.isSameAs(failure);
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void aHandlerFailureOnCloseIsRethrownAsItself() {
		listen(upperOnceThenClose());
		IllegalStateException failure = new IllegalStateException("close failed");
		assertThatThrownBy(() -> Blocking.request(this.implementation, this.address, (connection) -> {
			connection.setHandler(new ConnectionHandler() {

				@Override
				public void handleInput(Connection c, byte[] data) {
				}

				@Override
				public void handleClose(Connection c, String reason) {
					throw failure;
				}

			});
			connection.write("bye");
		}, TIMEOUT)).isSameAs(failure);
		this.implementation.takeHandlerErrors();
	}

	@Test
	void aWriteLinesIterationFailureRethrownByHandleExceptionIsRethrownAsItself() {
		listen(echo());
		IllegalStateException failure = new IllegalStateException("iteration failed");
		Iterable<byte[]> failing = () -> new Iterator<>() {

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public byte[] next() {
				throw failure;
			}

		};
		assertThatThrownBy(() -> Blocking.request(this.implementation, this.address, (connection) -> {
			connection.setHandler(this::receive);
			connection.writeLines(failing);
		}, TIMEOUT)).isSameAs(failure);
		this.implementation.takeHandlerErrors();
	}

	@Test
	void aCheckedHandlerFailureIsWrappedInNgiException() {
		listen((connection) -> connection.write("hi"));
		Exception failure = new Exception("checked");
		assertThatExceptionOfType(NgiException.class).isThrownBy(
				() -> Blocking.request(this.implementation, this.address, (ConnectionHandler) (connection, data) -> {
					throw failure;
				}, TIMEOUT))
			.withMessage("The request handler failed: java.lang.Exception: checked")
			.withCause(failure);
		this.implementation.takeHandlerErrors();
	}

	@Test
	void anUnfinishedConversationTimesOutAndItsConnectionIsClosed() {
		TestListener listener = listen(echo());
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> Blocking.request(this.implementation, this.address, (connection) -> {
				connection.setHandler(this::receive);
				connection.write("echo me");
			}, Duration.ofMillis(100)))
			.withMessage("The request to server did not finish within PT0.1S: connected, but the connection was not"
					+ " closed"));
		assertThat(this.received).containsExactly("echo me");
		assertThat(listener.connections()).isEmpty();
	}

	@Test
	void openStreamsRoundTripThroughAnEchoServer() throws IOException {
		TestListener listener = listen(echo());
		try (BlockingConnection connection = Blocking.open(this.implementation, this.address, TIMEOUT)) {
			OutputStream out = connection.outputStream();
			InputStream in = connection.inputStream();
			out.write("hello, ".getBytes(StandardCharsets.UTF_8));
			out.write("world".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(new String(in.readNBytes(12), StandardCharsets.UTF_8)).isEqualTo("hello, world");
			assertThat(listener.connections()).hasSize(1);
		}
		assertThat(listener.connections()).isEmpty();
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void openReadsWhatTheServerSentThenEndOfInput() throws IOException {
		listen((connection) -> {
			connection.write("greeting");
			connection.close();
		});
		try (BlockingConnection connection = Blocking.open(this.implementation, this.address, TIMEOUT)) {
			assertThat(new String(connection.inputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("greeting");
			assertThat(connection.inputStream().read()).isEqualTo(-1);
			assertThat(connection.closeReason()).isEqualTo("closed");
			assertThat(connection.isOpen()).isFalse();
		}
	}

	@Test
	void openToNoServerThrowsConnectionFailedException() {
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> Blocking.open(this.implementation, this.address, TIMEOUT))
			.withMessage("no such server");
	}

	@Test
	void readFromASilentServerTimesOut() {
		listen((connection) -> connection.setHandler((c, data) -> {
		}));
		try (BlockingConnection connection = Blocking.open(this.implementation, this.address, Duration.ofMillis(100))) {
			assertTimeoutPreemptively(BOUND,
					() -> assertThatExceptionOfType(NgiTimeoutException.class)
						.isThrownBy(() -> connection.inputStream().read())
						.withMessage("No input from server within PT0.1S"));
		}
	}

	@Test
	void flushReportsAWriteLinesFailureOnceAndTheConnectionStaysOpen() throws IOException {
		listen(echo());
		IllegalStateException failure = new IllegalStateException("iteration failed");
		try (BlockingConnection connection = Blocking.open(this.implementation, this.address, TIMEOUT)) {
			connection.writeLines(() -> List.of("one".getBytes(StandardCharsets.UTF_8)).iterator());
			connection.writeLines(() -> new Iterator<>() {

				@Override
				public boolean hasNext() {
					return true;
				}

				@Override
				public byte[] next() {
					throw failure;
				}

			});
			assertThatIOException().isThrownBy(connection.outputStream()::flush).withCause(failure);
			connection.outputStream().flush();
			assertThat(connection.isOpen()).isTrue();
			assertThat(new String(connection.inputStream().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("one");
		}
		this.implementation.rethrowHandlerErrors();
	}

	private TestListener listen(Server server) {
		return this.implementation.listen(this.address, server);
	}

	private void receive(Connection connection, byte[] data) {
		this.received.add(new String(data, StandardCharsets.UTF_8));
	}

	private static Server echo() {
		return (connection) -> connection.setHandler(Connection::write);
	}

	private static Server upperOnceThenClose() {
		return (connection) -> connection.setHandler((c, data) -> {
			c.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
			c.close();
		});
	}

}
