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

package io.ngi.adapters;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ForwardingConnection;
import io.ngi.ConnectionHandler;

/**
 * The base of the framing adapters: a {@link Connection} for the application handler and
 * a {@link ConnectionHandler} for the wrapped connection. Control calls are delegated to
 * the wrapped connection; close and exception events are forwarded to the application
 * handler with the adapter, not the wrapped connection, as the connection argument.
 */
abstract class AbstractAdapter extends ForwardingConnection implements ConnectionHandler {

	private volatile @Nullable ConnectionHandler handler;

	AbstractAdapter(Connection connection) {
		super(Objects.requireNonNull(connection, "connection"));
	}

	/**
	 * Returns the wrapped connection.
	 * @return the connection this adapter stands in for
	 */
	public final Connection connection() {
		return delegate();
	}

	/**
	 * Sets the application handler, then installs this adapter as the handler of the
	 * wrapped connection. May be called again, also from inside a handler call, to
	 * replace the application handler; records still buffered go to the new handler.
	 * @param handler the application handler
	 */
	@Override
	public final void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		delegate().setHandler(this);
	}

	/**
	 * Forwards a close of the wrapped connection to the application handler, passing this
	 * adapter as the connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @param reason why it closed
	 */
	@Override
	public final void handleClose(Connection connection, CloseReason reason) {
		handler().handleClose(this, reason);
	}

	/**
	 * Forwards a close given as text (a caller other than an implementation) to the
	 * application handler, passing this adapter as the connection.
	 * @param connection the wrapped connection
	 * @param reason why it closed
	 */
	@Override
	public final void handleClose(Connection connection, String reason) {
		handler().handleClose(this, reason);
	}

	/**
	 * Forwards the peer's end of input to the application handler, passing this adapter
	 * as the connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @throws Exception what the application handler throws
	 */
	@Override
	public void handleInputClosed(Connection connection) throws Exception {
		handler().handleInputClosed(this);
	}

	/**
	 * Forwards writability to the application handler, passing this adapter as the
	 * connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @throws Exception what the application handler throws
	 */
	@Override
	public final void handleWritable(Connection connection) throws Exception {
		handler().handleWritable(this);
	}

	/**
	 * Forwards the start of a graceful shutdown to the application handler, passing this
	 * adapter as the connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @throws Exception what the application handler throws
	 */
	@Override
	public final void handleDraining(Connection connection) throws Exception {
		handler().handleDraining(this);
	}

	/**
	 * Forwards a {@code writeLines} failure of the wrapped connection to the application
	 * handler, passing this adapter as the connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @param exception the failure
	 * @throws Exception what the application handler throws
	 */
	@Override
	public final void handleException(Connection connection, Exception exception) throws Exception {
		handler().handleException(this, exception);
	}

	/**
	 * Returns the application handler.
	 * @return the handler
	 */
	final ConnectionHandler handler() {
		ConnectionHandler current = this.handler;
		if (current == null) {
			throw new IllegalStateException("no handler set on " + this);
		}
		return current;
	}

	/**
	 * Closes the wrapped connection because the input broke the framing rules, and tells
	 * the application handler with {@code handleClose(adapter, reason)}, as for any close
	 * it did not ask for.
	 * @param reason the close reason
	 */
	final void closeForFraming(String reason) {
		delegate().close();
		handler().handleClose(this, CloseReason.of(CloseReason.Kind.FRAMING, reason));
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "(" + delegate() + ")";
	}

}
