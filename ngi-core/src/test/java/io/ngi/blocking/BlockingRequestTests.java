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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of {@link Blocking#request} where the test plays an implementation that calls
 * back from another thread, or never: timeouts, late connections, interrupts.
 */
class BlockingRequestTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final SocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

	private final SilentImplementation implementation = new SilentImplementation();

	@Test
	void requestThatNeverConnectsThrowsNgiTimeoutExceptionSayingSo() {
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> Blocking.request(this.implementation, ADDRESS, (connection) -> {
			}, Duration.ofMillis(100)))
			.withMessage("Connecting to 127.0.0.1:9 did not finish within PT0.1S"));
	}

	@Test
	void zeroTimeoutDoesNotWait() {
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(NgiTimeoutException.class)
			.isThrownBy(() -> Blocking.request(this.implementation, ADDRESS, (connection) -> {
			}, Duration.ZERO)));
	}

	@Test
	void negativeTimeoutIsRejectedBeforeConnecting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Blocking.request(this.implementation, ADDRESS, (connection) -> {
			}, Duration.ofSeconds(-1)))
			.withMessage("timeout must not be negative: PT-1S");
		assertThat(this.implementation.handlers()).isEmpty();
	}

	@Test
	void aConnectionMadeAfterTheRequestGaveUpIsClosedWithoutCallingTheHandler() throws Exception {
		AtomicBoolean called = new AtomicBoolean();
		assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(
				() -> Blocking.request(this.implementation, ADDRESS, (connection) -> called.set(true), Duration.ZERO));
		RecordingConnection late = new RecordingConnection();
		this.implementation.handlers().get(0).connected(late);
		assertThat(late.closeCalls()).isOne();
		assertThat(called).isFalse();
	}

	@Test
	void requestReturnsTheCloseReasonDeliveredOnAnotherThread() throws Exception {
		List<String> received = new ArrayList<>();
		CompletableFuture<String> request = CompletableFuture
			.supplyAsync(() -> Blocking.request(this.implementation, ADDRESS,
					(ConnectionHandler) (connection, data) -> received.add(new String(data, StandardCharsets.UTF_8)),
					BOUND));
		RecordingConnection connection = connect();
		ConnectionHandler handler = connection.handler();
		assertThat(handler).isNotNull();
		handler.handleInput(connection, "reply".getBytes(StandardCharsets.UTF_8));
		handler.handleClose(connection, "end of input");
		assertThat(request).succeedsWithin(BOUND).isEqualTo("end of input");
		assertThat(received).containsExactly("reply");
	}

	@Test
	void requestFailsWithTheHandlersOwnExceptionThrownOnAnotherThread() throws Exception {
		IllegalStateException failure = new IllegalStateException("bad input");
		CompletableFuture<String> request = CompletableFuture.supplyAsync(
				() -> Blocking.request(this.implementation, ADDRESS, (ConnectionHandler) (connection, data) -> {
					throw failure;
				}, BOUND));
		RecordingConnection connection = connect();
		ConnectionHandler handler = connection.handler();
		assertThat(handler).isNotNull();
		assertThatThrownBy(() -> handler.handleInput(connection, new byte[] { 1 })).isSameAs(failure);
		assertThat(request).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
		assertThat(connection.isOpen()).isFalse();
	}

	@Test
	void failedConnectOnAnotherThreadThrowsConnectionFailedExceptionWithTheReason() {
		AtomicBoolean handlerToldOfFailure = new AtomicBoolean();
		CompletableFuture<String> request = CompletableFuture
			.supplyAsync(() -> Blocking.request(this.implementation, ADDRESS, new ClientConnectHandler() {

				@Override
				public void connected(Connection connection) {
				}

				@Override
				public void failedConnect(String reason) {
					handlerToldOfFailure.set(true);
				}

			}, BOUND));
		await().atMost(BOUND).until(() -> !this.implementation.handlers().isEmpty());
		this.implementation.handlers().get(0).failedConnect("ECONNREFUSED");
		assertThat(request).failsWithin(BOUND)
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOf(ConnectionFailedException.class)
			.withMessage("ECONNREFUSED");
		assertThat(handlerToldOfFailure).isFalse();
	}

	@Test
	void connectedButUnfinishedRequestTimesOutSayingSoAndClosesTheConnection() throws Exception {
		CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> Blocking.request(this.implementation,
				ADDRESS, (connection) -> connection.write("hi"), Duration.ofMillis(200)));
		RecordingConnection connection = connect();
		assertThat(request).failsWithin(BOUND)
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOf(NgiTimeoutException.class)
			.withMessage("The request to 127.0.0.1:9 did not finish within PT0.2S: connected, but the connection"
					+ " was not closed");
		assertThat(connection.closeCalls()).isOne();
		assertThat(connection.written()).hasSize(1);
	}

	@Test
	void interruptedRequestThrowsNgiExceptionAndKeepsTheInterruptStatus() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(NgiException.class)
				.isThrownBy(() -> Blocking.request(this.implementation, ADDRESS, (connection) -> {
				}, BOUND))
				.withMessage("Interrupted while waiting for the request to 127.0.0.1:9")
				.withCauseInstanceOf(InterruptedException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private RecordingConnection connect() throws Exception {
		await().atMost(BOUND).until(() -> !this.implementation.handlers().isEmpty());
		RecordingConnection connection = new RecordingConnection();
		Thread loop = new Thread(() -> {
			try {
				this.implementation.handlers().get(0).connected(connection);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "fake-loop");
		loop.start();
		loop.join(BOUND.toMillis());
		return connection;
	}

}
