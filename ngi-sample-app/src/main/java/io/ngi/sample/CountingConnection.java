package io.ngi.sample;

import java.net.SocketAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * A connection that stands in for another and counts the bytes received, so that a
 * handler behind a framing adapter can tell whether the peer left in the middle of a
 * frame. Everything else is delegated unchanged; the handler set here gets this
 * connection in its calls.
 * <p>
 * {@link #received()} is written by the thread that delivers input and may be read from
 * any thread.
 */
final class CountingConnection implements Connection {

	private final Connection connection;

	private volatile long received;

	/**
	 * Wraps a connection.
	 * @param connection the real connection
	 */
	CountingConnection(Connection connection) {
		this.connection = Objects.requireNonNull(connection, "connection");
	}

	/**
	 * Returns the number of bytes received so far.
	 * @return the byte count
	 */
	long received() {
		return this.received;
	}

	@Override
	public void write(byte[] data) {
		this.connection.write(data);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		this.connection.writeLines(data);
	}

	@Override
	public void close() {
		this.connection.close();
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		this.connection.setHandler(new Counting(handler));
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public SocketAddress peerAddress() {
		return this.connection.peerAddress();
	}

	@Override
	public @Nullable Listener listener() {
		return this.connection.listener();
	}

	@Override
	public String toString() {
		return this.connection.toString();
	}

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
		public void handleClose(Connection connection, String reason) {
			this.handler.handleClose(CountingConnection.this, reason);
		}

		@Override
		public void handleException(Connection connection, Exception exception) throws Exception {
			this.handler.handleException(CountingConnection.this, exception);
		}

	}

}
