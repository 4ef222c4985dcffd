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

package io.ngi.sample.finger;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;

/**
 * One finger query to an upstream server, as an NGI client: the tutorial's
 * {@code FingerClient} and its factory. It connects, sends the query and a CRLF, and
 * completes with everything the server sends until it closes.
 * <p>
 * The whole query has one deadline: the connect gets it as its {@link ConnectOptions}
 * timeout, and once connected the rest of it is a timer of the upstream connection
 * ({@code Connection.schedule}), serialized with its input. When it passes, the result
 * fails with {@code "upstream timed out"} and the connection is closed. A refused or
 * failed connect fails it with the upstream's address and the reason. Cancelling the
 * result (the finger client left) closes the upstream connection. The answer is cut at
 * {@value #MAX_ANSWER} bytes and control characters other than tab, CR and LF become
 * {@code '?'} (RFC 1288, 3.3: a server must not pass on what could drive a terminal).
 * <p>
 * Started from a handler, its connection and timer run on the handler's loop
 * ({@code Implementation.connect}'s loop affinity), so nothing here blocks or locks a
 * loop for long. Thread-safe.
 *
 * {@snippet :
 * FingerClient.query(implementation, upstream, "alice", Duration.ofSeconds(2))
 * 	.whenComplete((answer, failure) -> ...);
 * }
 */
final class FingerClient implements ClientConnectHandler, ConnectionHandler {

	/** The longest answer passed on, in bytes. */
	static final int MAX_ANSWER = 64 * 1024;

	/** The answer when the deadline passes. */
	static final String TIMED_OUT = "upstream timed out";

	private final SocketAddress upstream;

	private final String query;

	private final Duration timeout;

	private final Implementation implementation;

	private final Instant started;

	private final CompletableFuture<String> result = new CompletableFuture<>();

	private final ByteArrayOutputStream answer = new ByteArrayOutputStream();

	private @Nullable Connection connection;

	private FingerClient(Implementation implementation, SocketAddress upstream, String query, Duration timeout) {
		this.implementation = implementation;
		this.upstream = upstream;
		this.query = query;
		this.timeout = timeout;
		this.started = implementation.clock().instant();
	}

	/**
	 * Queries an upstream finger server.
	 * @param implementation the implementation to connect with
	 * @param upstream the server's address
	 * @param query the query line, without its CRLF
	 * @param timeout the deadline of the whole query, &gt; 0
	 * @return the answer; fails with an {@link UpstreamException}; cancel it to abandon
	 * the query
	 */
	static CompletableFuture<String> query(Implementation implementation, SocketAddress upstream, String query,
			Duration timeout) {
		Objects.requireNonNull(implementation, "implementation");
		Objects.requireNonNull(upstream, "upstream");
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be > 0: " + timeout);
		}
		FingerClient client = new FingerClient(implementation, upstream, query, timeout);
		client.result.whenComplete((answer, failure) -> client.closeUpstream());
		implementation.connect(upstream, client, ConnectOptions.builder().timeout(timeout).build());
		return client.result;
	}

	@Override
	public void connected(Connection connection) {
		synchronized (this) {
			if (this.result.isDone()) {
				connection.close();
				return;
			}
			this.connection = connection;
		}
		connection.setHandler(this);
		connection.write(this.query + "\r\n");
		Duration elapsed = Duration.between(this.started, this.implementation.clock().instant());
		connection.schedule(this.timeout.minus(elapsed), this::timedOut);
	}

	@Override
	public void failedConnect(CloseReason reason) {
		if (reason.is(CloseReason.Kind.TIMEOUT)) {
			this.result.completeExceptionally(new UpstreamException(TIMED_OUT));
		}
		else {
			failedConnect(reason.text());
		}
	}

	@Override
	public void failedConnect(String reason) {
		this.result.completeExceptionally(
				new UpstreamException("upstream " + Addresses.format(this.upstream) + " is down: " + reason));
	}

	@Override
	public void handleInput(Connection connection, byte[] data) {
		int room = MAX_ANSWER - this.answer.size();
		if (data.length <= room) {
			this.answer.write(data, 0, data.length);
			return;
		}
		this.answer.write(data, 0, room);
		this.result.complete(text(this.answer.toByteArray()) + "\r\n[answer cut at " + MAX_ANSWER + " bytes]");
	}

	@Override
	public void handleClose(Connection connection, CloseReason reason) {
		if (reason.is(CloseReason.Kind.PEER_CLOSED)) {
			this.result.complete(text(this.answer.toByteArray()));
		}
		else {
			this.result.completeExceptionally(
					new UpstreamException("upstream " + Addresses.format(this.upstream) + " failed: " + reason.text()));
		}
	}

	private void timedOut() {
		this.result.completeExceptionally(new UpstreamException(TIMED_OUT));
	}

	private void closeUpstream() {
		Connection open;
		synchronized (this) {
			open = this.connection;
		}
		if (open != null) {
			open.close();
		}
	}

	/**
	 * Decodes an upstream's answer as UTF-8 (malformed bytes replaced) and replaces
	 * control characters other than tab, CR and LF with {@code '?'}.
	 * @param bytes the answer
	 * @return text safe to pass to a terminal
	 */
	static String text(byte[] bytes) {
		StringBuilder text = new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || (c >= 0x7f && c <= 0x9f)) {
				text.setCharAt(i, '?');
			}
		}
		return text.toString();
	}

}
