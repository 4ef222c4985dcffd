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

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;

/**
 * The finger protocol (RFC 1288, the tutorial's {@code FingerProtocol}): read one query
 * line, answer it, close. What the answer is belongs to a {@link FingerLookup}, so the
 * same protocol serves the local users ({@code finger}) and the proxy
 * ({@code finger-proxy}).
 *
 * <pre>
 * client: alice\r\n           server: Happy and well\r\n, then closes
 * client: \r\n                server: one line per user, then closes
 * client: /W alice\r\n        as for alice (a server may answer /W as a plain query)
 * client: alice@host\r\n      server: Finger forwarding service denied\r\n
 * </pre>
 * <p>
 * A query over the limit, or one that is not text (control bytes, not UTF-8), is answered
 * with a one-line refusal and closed, and logged. Input after the query is ignored. A
 * client that leaves before its answer is logged; a pending answer is cancelled (the
 * proxy closes its upstream connection). On a listener that allows half-close, a client
 * that shuts its output down after the query ({@code nc -N}) still gets the answer.
 * <p>
 * One instance serves every connection and is thread-safe; each connection gets a handler
 * of its own.
 *
 * {@snippet :
 * TestConnection connection = new TestConnection();
 * new FingerServer("finger", new LocalLookup(users), 512).connected(connection);
 * connection.peer().write("alice\r\n");
 * // connection.peer().output() is "-> 'Happy and well\r\n'\n-> CLOSE"
 * }
 */
final class FingerServer implements Server {

	/** The answer to a query that names a host to forward to. */
	static final String FORWARDING_DENIED = "Finger forwarding service denied";

	/** The answer when the lookup failed unexpectedly (the tutorial's errback). */
	static final String INTERNAL_ERROR = "Internal error in server";

	private static final Logger logger = LoggerFactory.getLogger(FingerServer.class);

	private final String name;

	private final FingerLookup lookup;

	private final int maxQueryLength;

	/**
	 * Creates the server, with each connection's query limit from its listener
	 * ({@code ngi.servers.<name>.max-line-length}, which reaches
	 * {@link Connection#frameLimits()}).
	 * @param name the listener's name, for log lines
	 * @param lookup what answers the queries
	 */
	FingerServer(String name, FingerLookup lookup) {
		this.name = Objects.requireNonNull(name, "name");
		this.lookup = Objects.requireNonNull(lookup, "lookup");
		this.maxQueryLength = 0;
	}

	/**
	 * Creates the server with a query limit of its own.
	 * @param name the listener's name, for log lines
	 * @param lookup what answers the queries
	 * @param maxQueryLength the longest query accepted, in bytes, without its CRLF
	 */
	FingerServer(String name, FingerLookup lookup, int maxQueryLength) {
		this.name = Objects.requireNonNull(name, "name");
		this.lookup = Objects.requireNonNull(lookup, "lookup");
		if (maxQueryLength <= 0) {
			throw new IllegalArgumentException("maxQueryLength must be > 0: " + maxQueryLength);
		}
		this.maxQueryLength = maxQueryLength;
	}

	/**
	 * Sets a handler of its own on the new connection. Called by the implementation on
	 * the connection's loop thread.
	 * @param connection the accepted connection
	 */
	@Override
	public void connected(Connection connection) {
		int limit = (this.maxQueryLength > 0) ? this.maxQueryLength : connection.frameLimits().maxLineLength();
		connection.setHandler(new Session(new LineBuffer(limit)));
	}

	private enum State {

		READING, ANSWERING, DONE

	}

	private final class Session implements ConnectionHandler {

		private final LineBuffer line;

		private volatile State state = State.READING;

		private volatile @Nullable CompletableFuture<String> pending;

		Session(LineBuffer line) {
			this.line = line;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			if (this.state != State.READING) {
				return;
			}
			String text;
			try {
				if (this.line.append(data, 0) < 0) {
					return;
				}
				text = this.line.takeLine();
			}
			catch (LineBuffer.RefusedLineException ex) {
				logger.info("{}: {} sent a query that is {} ({}); refused", FingerServer.this.name,
						connection.peerAddress(), ex.answer(), ex.getMessage());
				answer(connection, "Query " + ex.answer() + " refused");
				return;
			}
			query(connection, FingerQuery.parse(text));
		}

		private void query(Connection connection, FingerQuery query) {
			this.state = State.ANSWERING;
			if (query.host() != null) {
				answer(connection, FORWARDING_DENIED);
				return;
			}
			CompletableFuture<String> answer;
			try {
				answer = FingerServer.this.lookup.answer(query).toCompletableFuture();
			}
			catch (RuntimeException ex) {
				answer = CompletableFuture.failedFuture(ex);
			}
			this.pending = answer;
			answer.whenComplete((text, failure) -> {
				if (failure == null) {
					answer(connection, text);
				}
				else {
					failed(connection, failure);
				}
			});
		}

		private void failed(Connection connection, Throwable failure) {
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			if (cause instanceof CancellationException) {
				return;
			}
			if (cause instanceof UpstreamException) {
				logger.debug("{}: {}: {}", FingerServer.this.name, connection.peerAddress(), cause.getMessage());
				answer(connection, cause.getMessage());
				return;
			}
			logger.error("{}: lookup failed for {}", FingerServer.this.name, connection.peerAddress(), cause);
			answer(connection, INTERNAL_ERROR);
		}

		private void answer(Connection connection, @Nullable String text) {
			this.state = State.DONE;
			String answer = (text != null) ? text : "";
			try {
				connection.write(answer.endsWith("\n") ? answer : answer + "\r\n");
				connection.close();
			}
			catch (IllegalStateException ex) {
				// Closed meanwhile (an idle timeout, the listener's stop): nobody to
				// answer.
				logger.debug("{}: {} closed before its answer", FingerServer.this.name, connection.peerAddress());
			}
		}

		@Override
		public void handleInputClosed(Connection connection) {
			if (this.state == State.ANSWERING) {
				// A client that half-closed after its query (nc -N) waits for the answer.
				return;
			}
			leftEarly(connection, "end of input");
			this.state = State.DONE;
			connection.close();
		}

		@Override
		public void handleClose(Connection connection, CloseReason reason) {
			State was = this.state;
			this.state = State.DONE;
			if (was == State.READING) {
				leftEarly(connection, reason.text());
			}
			else if (was == State.ANSWERING) {
				logger.info("{}: {} left before its answer: {}", FingerServer.this.name, connection.peerAddress(),
						reason.text());
				CompletableFuture<String> answer = this.pending;
				if (answer != null) {
					answer.cancel(false);
				}
			}
		}

		private void leftEarly(Connection connection, String reason) {
			if (this.line.pending() > 0) {
				logger.info("{}: {} left in the middle of its query, after {} bytes: {}", FingerServer.this.name,
						connection.peerAddress(), this.line.pending(), reason);
			}
			else {
				logger.debug("{}: {} left without a query: {}", FingerServer.this.name, connection.peerAddress(),
						reason);
			}
		}

	}

}
