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

package io.ngi.client;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ForwardingConnection;

/**
 * The connection a {@link ReconnectingClient} hands to its server: the real one, with
 * {@link #setHandler} and {@link #close()} watched so the client learns when it ends.
 * <p>
 * A close this side asks for never reaches this side's handler (contract rule 3), so
 * watching {@code handleClose} alone would miss an application that closes the connection
 * to get a fresh one; {@link #close()} tells the client itself.
 */
final class ClientConnection extends ForwardingConnection {

	/** The reason of a connection the application closed itself. */
	static final CloseReason CLOSED_BY_APPLICATION = CloseReason.of(CloseReason.Kind.STOPPED,
			"closed by the application");

	private final ReconnectingClient client;

	private volatile boolean inputEnded;

	ClientConnection(Connection delegate, ReconnectingClient client) {
		super(delegate);
		this.client = client;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		delegate().setHandler(new ClientHandler(this, handler));
	}

	@Override
	public void close() {
		delegate().close();
		// A half-closed connection whose handler closes it on the peer's end of input
		// (the default handleInputClosed) was ended by the peer.
		this.client.disconnected(this, this.inputEnded ? CloseReason.PEER_CLOSED : CLOSED_BY_APPLICATION);
	}

	/** Closes the real connection without telling the client: it asked for it. */
	void closeQuietly() {
		delegate().close();
	}

	void inputEnded() {
		this.inputEnded = true;
	}

	/** The real connection ended without this side asking for it. */
	void ended(CloseReason reason) {
		this.client.disconnected(this, reason);
	}

	@Override
	public String toString() {
		return delegate().toString();
	}

}
