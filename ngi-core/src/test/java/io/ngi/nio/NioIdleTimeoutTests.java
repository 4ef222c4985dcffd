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

package io.ngi.nio;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idle timeout on real sockets: a silent client is closed, an active one never is.
 */
class NioIdleTimeoutTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private final NioImplementation ngi = NioImplementation.builder().name("idle").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void aSilentSocketIsClosedWithTheIdleTimeoutReason() throws Exception {
		CompletableFuture<CloseReason> closed = new CompletableFuture<>();
		Listener listener = listen(closed, new AtomicInteger());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		long started = System.nanoTime();
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.setSoTimeout(10_000);
			CloseReason reason = closed.get(10, TimeUnit.SECONDS);
			long after = System.nanoTime() - started;
			assertThat(reason.kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
			assertThat(reason.text()).isEqualTo("idle timeout");
			assertThat(after).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
			assertThat(socket.getInputStream().read()).as("the client sees the close").isEqualTo(-1);
		}
		listener.close();
	}

	/**
	 * A client that sends a byte every half timeout, for ten timeouts, stays open; once
	 * it stops, it is closed. The client's sends are paced by the implementation's own
	 * timers.
	 */
	@Test
	void aClientThatSendsEveryHalfTimeoutStaysOpen() throws Exception {
		CompletableFuture<CloseReason> closed = new CompletableFuture<>();
		AtomicInteger received = new AtomicInteger();
		Listener listener = listen(closed, received);
		InetSocketAddress address = (InetSocketAddress) listener.address();
		int sends = 20;
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			sendEveryHalfTimeout(socket, sends, done);
			done.get(30, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == sends || closed.isDone());
			assertThat(closed).as("open after %d sends over ten timeouts", sends).isNotDone();
			assertThat(closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
			InputStream in = socket.getInputStream();
			socket.setSoTimeout(10_000);
			assertThat(in.read()).isEqualTo(-1);
		}
		listener.close();
	}

	private void sendEveryHalfTimeout(Socket socket, int remaining, CompletableFuture<Void> done) {
		if (remaining == 0) {
			done.complete(null);
			return;
		}
		this.ngi.schedule(TIMEOUT.dividedBy(2), () -> {
			try {
				socket.getOutputStream().write('x');
				sendEveryHalfTimeout(socket, remaining - 1, done);
			}
			catch (Exception ex) {
				done.completeExceptionally(ex);
			}
		});
	}

	private Listener listen(CompletableFuture<CloseReason> closed, AtomicInteger received) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(new ConnectionHandler() {

					@Override
					public void handleInput(Connection c, byte[] data) {
						received.addAndGet(data.length);
					}

					@Override
					public void handleClose(Connection c, CloseReason reason) {
						closed.complete(reason);
					}

				}), ListenOptions.builder().idleTimeout(TIMEOUT).build());
	}

}
