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
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ngi.Addresses;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client connect handler of one {@link Blocking#open}: turns the connection into a
 * {@link BlockingConnection} for the waiting caller.
 * <p>
 * The implementation calls it on its loop thread (NIO) or inside {@code connect}
 * (testing); the caller's thread waits in {@link #await}. State is guarded by
 * {@code this}.
 */
final class OpenConnector implements ClientConnectHandler {

	private static final Logger logger = LoggerFactory.getLogger(OpenConnector.class);

	private final SocketAddress address;

	private final Duration readTimeout;

	private final CountDownLatch finished = new CountDownLatch(1);

	private @Nullable BlockingConnection result;

	private @Nullable String failure;

	private boolean abandoned;

	OpenConnector(SocketAddress address, Duration readTimeout) {
		this.address = address;
		this.readTimeout = readTimeout;
	}

	@Override
	public void connected(Connection connection) {
		BlockingConnection blocking = new BlockingConnection(connection, this.readTimeout);
		connection.setHandler(blocking.handler());
		boolean wanted;
		synchronized (this) {
			wanted = !this.abandoned;
			if (wanted) {
				this.result = blocking;
			}
		}
		if (!wanted) {
			logger.debug("Closing {}: opening {} already gave up", connection, describe());
			connection.close();
			return;
		}
		this.finished.countDown();
	}

	@Override
	public void failedConnect(String reason) {
		synchronized (this) {
			this.failure = reason;
		}
		this.finished.countDown();
	}

	/**
	 * Waits for the connection, up to the deadline, and returns it.
	 * @param deadline when to give up
	 * @return the connection
	 * @throws ConnectionFailedException if the connect failed
	 * @throws NgiTimeoutException if the deadline passed first; a connection made later
	 * is closed at once
	 * @throws NgiException if the calling thread is interrupted (its interrupt status is
	 * kept)
	 */
	BlockingConnection await(Deadline deadline) {
		try {
			this.finished.await(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon();
			throw new NgiException("Interrupted while connecting to " + describe(), ex);
		}
		synchronized (this) {
			if (this.result != null) {
				return this.result;
			}
			if (this.failure != null) {
				throw new ConnectionFailedException(this.failure);
			}
			this.abandoned = true;
		}
		throw new NgiTimeoutException("Connecting to " + describe() + " did not finish within " + deadline.timeout());
	}

	/**
	 * Gives up: closes the connection if it was made, or as soon as it is made.
	 */
	void abandon() {
		BlockingConnection result;
		synchronized (this) {
			this.abandoned = true;
			result = this.result;
		}
		if (result != null) {
			result.close();
		}
	}

	private String describe() {
		return Addresses.format(this.address);
	}

}
