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

package io.ngi.imperative;

import java.util.Objects;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ForwardingConnection;
import io.ngi.ConnectionHandler;

/**
 * The connection an imperative body works on (under its adapter, if any): forwards to the
 * real connection, except that {@code close()} also ends a body waiting in
 * {@code next()}: from the body thread the next {@code next()} throws
 * {@link ConnectionClosedException} {@code "closed"}; from another thread the waiting
 * body gets that exception at once, so its thread ends. (The implementation never tells
 * the closing side's own handler of a close, so without this a body would wait forever.)
 */
final class BodyConnection extends ForwardingConnection {

	private final ImperativeHandler handler;

	BodyConnection(Connection delegate, ImperativeHandler handler) {
		super(delegate);
		this.handler = handler;
	}

	@Override
	public void close() {
		delegate().close();
		this.handler.closed();
	}

	/**
	 * Sets the handler on the real connection; an adapter's handler is wrapped so that a
	 * close the adapter makes while handling an event (such as {@code "frame too large"})
	 * reaches the body with the reason the adapter then gives, not as {@code "closed"}.
	 */
	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		delegate().setHandler((handler == this.handler) ? handler : new EventScope(handler));
	}

	@Override
	public String toString() {
		return delegate().toString();
	}

	/**
	 * Marks the adapter's event calls, so that a close made inside one is delivered
	 * after.
	 */
	private final class EventScope implements ConnectionHandler {

		private final ConnectionHandler target;

		EventScope(ConnectionHandler target) {
			this.target = target;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) throws Exception {
			BodyConnection.this.handler.enterEvent();
			try {
				this.target.handleInput(connection, data);
			}
			finally {
				BodyConnection.this.handler.exitEvent();
			}
		}

		@Override
		public void handleClose(Connection connection, CloseReason reason) {
			BodyConnection.this.handler.enterEvent();
			try {
				this.target.handleClose(connection, reason);
			}
			finally {
				BodyConnection.this.handler.exitEvent();
			}
		}

		@Override
		public void handleInputClosed(Connection connection) throws Exception {
			BodyConnection.this.handler.enterEvent();
			try {
				this.target.handleInputClosed(connection);
			}
			finally {
				BodyConnection.this.handler.exitEvent();
			}
		}

		@Override
		public void handleWritable(Connection connection) throws Exception {
			this.target.handleWritable(connection);
		}

		@Override
		public void handleException(Connection connection, Exception exception) throws Exception {
			BodyConnection.this.handler.enterEvent();
			try {
				this.target.handleException(connection, exception);
			}
			finally {
				BodyConnection.this.handler.exitEvent();
			}
		}

		@Override
		public String toString() {
			return this.target.toString();
		}

	}

}
