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

/**
 * Wraps the handler the server set on a {@link ClientConnection}: every call goes to it
 * with the client connection (so its {@code close()} and {@code setHandler()} stay
 * watched), and a close is reported to the client after the handler saw it.
 */
final class ClientHandler implements ConnectionHandler {

	private final ClientConnection connection;

	private final ConnectionHandler delegate;

	ClientHandler(ClientConnection connection, ConnectionHandler delegate) {
		this.connection = connection;
		this.delegate = delegate;
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		this.delegate.handleInput(this.connection, data);
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		handleClose(connection, CloseReason.of(CloseReason.Kind.LOCAL_ERROR, reason));
	}

	@Override
	public void handleClose(Connection connection, CloseReason reason) {
		try {
			this.delegate.handleClose(this.connection, reason);
		}
		finally {
			this.connection.ended(reason);
		}
	}

	@Override
	public void handleInputClosed(Connection connection) throws Exception {
		this.connection.inputEnded();
		this.delegate.handleInputClosed(this.connection);
	}

	@Override
	public void handleWritable(Connection connection) throws Exception {
		this.delegate.handleWritable(this.connection);
	}

	@Override
	public void handleException(Connection connection, Exception exception) throws Exception {
		this.delegate.handleException(this.connection, exception);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
