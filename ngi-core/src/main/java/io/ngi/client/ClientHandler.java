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
