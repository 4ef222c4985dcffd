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

import java.util.Objects;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ForwardingConnection;
import io.ngi.ConnectionHandler;
import org.jspecify.annotations.Nullable;

/**
 * The connection a {@link Blocking#request} handler sees: it stands in for the real
 * connection, reports the handler's failures and the close to the
 * {@link RequestConnector}, and forwards everything else.
 * <p>
 * It is the real connection's handler once the client handler sets a handler; the
 * implementation calls it as it calls any handler (never concurrently). {@link #close()}
 * marks the request finished with a {@code null} reason.
 */
final class RequestConnection extends ForwardingConnection implements ConnectionHandler {

	private final RequestConnector connector;

	private volatile @Nullable ConnectionHandler handler;

	private boolean installed;

	RequestConnection(Connection connection, RequestConnector connector) {
		super(connection);
		this.connector = connector;
	}

	@Override
	public void close() {
		try {
			delegate().close();
		}
		finally {
			this.connector.closed(null);
		}
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		boolean install;
		synchronized (this) {
			install = !this.installed;
			this.installed = true;
		}
		if (install) {
			delegate().setHandler(this);
		}
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		try {
			handler().handleInput(this, data);
		}
		catch (Throwable ex) {
			this.connector.failed(ex);
			throw ex;
		}
	}

	@Override
	public void handleClose(Connection connection, CloseReason reason) {
		try {
			handler().handleClose(this, reason);
		}
		catch (Throwable ex) {
			this.connector.failed(ex);
		}
		finally {
			this.connector.closed(reason.text());
		}
	}

	/**
	 * A close given as text, by a caller other than an implementation (implementations
	 * call the {@link CloseReason} overload): taken as a peer close with that text.
	 */
	@Override
	public void handleClose(Connection connection, String reason) {
		handleClose(connection, CloseReason.of(CloseReason.Kind.PEER_CLOSED, reason));
	}

	@Override
	public void handleInputClosed(Connection connection) throws Exception {
		try {
			handler().handleInputClosed(this);
		}
		catch (Throwable ex) {
			this.connector.failed(ex);
			throw ex;
		}
	}

	@Override
	public void handleWritable(Connection connection) throws Exception {
		handler().handleWritable(this);
	}

	@Override
	public void handleException(Connection connection, Exception exception) throws Exception {
		try {
			handler().handleException(this, exception);
		}
		catch (Throwable ex) {
			this.connector.failed(ex);
			throw ex;
		}
	}

	private ConnectionHandler handler() {
		ConnectionHandler handler = this.handler;
		if (handler == null) {
			throw new IllegalStateException("No handler set on " + this);
		}
		return handler;
	}

	@Override
	public String toString() {
		return "RequestConnection[" + delegate() + "]";
	}

}
