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

import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client connect handler of one {@link Blocking#request}: records how the request
 * ends (a failure, a close with its reason, or nothing yet) for the waiting caller.
 * <p>
 * The implementation calls it on its loop thread (NIO) or inside {@code connect}
 * (testing); the caller's thread waits in {@link #await} and reads the outcome in
 * {@link #outcome}. All state is guarded by {@code this}.
 */
final class RequestConnector implements ClientConnectHandler {

	private static final Logger logger = LoggerFactory.getLogger(RequestConnector.class);

	private final SocketAddress address;

	private final Server connectStep;

	private final CountDownLatch finished = new CountDownLatch(1);

	private @Nullable Connection connection;

	private @Nullable Throwable failure;

	private boolean closed;

	private @Nullable String reason;

	private boolean abandoned;

	/**
	 * Creates the connector of one request.
	 * @param address where the request connects, for messages
	 * @param connectStep what to do with the connection once made: the client's
	 * {@code connected}, a {@link Server}, or setting a handler
	 */
	RequestConnector(SocketAddress address, Server connectStep) {
		this.address = Objects.requireNonNull(address, "address");
		this.connectStep = Objects.requireNonNull(connectStep, "connectStep");
	}

	@Override
	public void connected(Connection connection) throws Exception {
		boolean wanted;
		synchronized (this) {
			wanted = !this.abandoned;
			if (wanted) {
				this.connection = connection;
			}
		}
		if (!wanted) {
			logger.debug("Closing {}: the request to {} already gave up", connection, describe());
			connection.close();
			return;
		}
		try {
			this.connectStep.connected(new RequestConnection(connection, this));
		}
		catch (Throwable ex) {
			failed(ex);
			throw ex;
		}
	}

	@Override
	public void failedConnect(String reason) {
		failed(new ConnectionFailedException(reason));
	}

	/**
	 * Records a failure of the client's handler, or of the connect. The first failure is
	 * the one rethrown; later ones are added to it as suppressed.
	 * @param ex the failure
	 */
	void failed(Throwable ex) {
		synchronized (this) {
			Throwable first = this.failure;
			if (first == null) {
				this.failure = ex;
			}
			else if (first != ex) {
				first.addSuppressed(ex);
			}
		}
		this.finished.countDown();
	}

	/**
	 * Records that the connection closed; the first close counts.
	 * @param reason the peer's reason, or {@code null} when the client closed it
	 */
	void closed(@Nullable String reason) {
		synchronized (this) {
			if (!this.closed) {
				this.closed = true;
				this.reason = reason;
			}
		}
		this.finished.countDown();
	}

	/**
	 * Returns the failure recorded so far.
	 * @return the first failure, or {@code null}
	 */
	synchronized @Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Waits until the request fails or its connection closes, or the deadline passes.
	 * @param deadline when to stop waiting
	 * @throws NgiException if the calling thread is interrupted (its interrupt status is
	 * kept, and the request is abandoned)
	 */
	void await(Deadline deadline) {
		try {
			this.finished.await(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon();
			throw new NgiException("Interrupted while waiting for the request to " + describe(), ex);
		}
	}

	/**
	 * Returns how the request ended, in zc.ngi's order: a failure is rethrown, else a
	 * close gives its reason, else the request timed out. A request that did not finish
	 * is abandoned: its connection is closed, now or as soon as it is made.
	 * @param deadline the deadline waited for, for messages
	 * @return the close reason, or {@code null} when the client closed the connection
	 */
	@Nullable String outcome(Deadline deadline) {
		Throwable failure;
		boolean connected;
		synchronized (this) {
			failure = this.failure;
			if (failure == null && this.closed) {
				return this.reason;
			}
			connected = this.connection != null;
		}
		abandon();
		if (failure != null) {
			throw Blocking.rethrow(failure);
		}
		if (!connected) {
			throw new NgiTimeoutException(
					"Connecting to " + describe() + " did not finish within " + deadline.timeout());
		}
		throw new NgiTimeoutException("The request to " + describe() + " did not finish within " + deadline.timeout()
				+ ": connected, but the connection was not closed");
	}

	/**
	 * Gives up the request: closes its connection if it is open, or closes it as soon as
	 * it is made. Idempotent.
	 */
	void abandon() {
		Connection connection;
		synchronized (this) {
			this.abandoned = true;
			connection = this.connection;
		}
		if (connection != null && connection.isOpen()) {
			logger.debug("Closing {}: the request to {} gave up", connection, describe());
			connection.close();
		}
	}

	private String describe() {
		return Addresses.format(this.address);
	}

}
