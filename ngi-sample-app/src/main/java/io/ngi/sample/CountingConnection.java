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

package io.ngi.sample;

import java.util.Objects;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ForwardingConnection;

/**
 * A connection that stands in for another and counts the bytes received, so that a
 * handler behind a framing adapter can tell whether the peer left in the middle of a
 * frame. Every other method is forwarded unchanged ({@link ForwardingConnection}); the
 * handler set here gets this connection in each of its calls.
 * <p>
 * {@link #received()} is written by the thread that delivers input and may be read from
 * any thread.
 */
final class CountingConnection extends ForwardingConnection {

	private volatile long received;

	/**
	 * Wraps a connection.
	 * @param connection the real connection
	 */
	CountingConnection(Connection connection) {
		super(connection);
	}

	/**
	 * Returns the number of bytes received so far.
	 * @return the byte count
	 */
	long received() {
		return this.received;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		super.setHandler(new Counting(handler));
	}

	@Override
	public String toString() {
		return delegate().toString();
	}

	/**
	 * Counts input and passes every event on with this connection in place of the real
	 * one.
	 */
	private final class Counting implements ConnectionHandler {

		private final ConnectionHandler handler;

		Counting(ConnectionHandler handler) {
			this.handler = handler;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) throws Exception {
			CountingConnection.this.received += data.length;
			this.handler.handleInput(CountingConnection.this, data);
		}

		@Override
		public void handleClose(Connection connection, CloseReason reason) {
			this.handler.handleClose(CountingConnection.this, reason);
		}

		@Override
		public void handleInputClosed(Connection connection) throws Exception {
			this.handler.handleInputClosed(CountingConnection.this);
		}

		@Override
		public void handleWritable(Connection connection) throws Exception {
			this.handler.handleWritable(CountingConnection.this);
		}

		@Override
		public void handleException(Connection connection, Exception exception) throws Exception {
			this.handler.handleException(CountingConnection.this, exception);
		}

	}

}
