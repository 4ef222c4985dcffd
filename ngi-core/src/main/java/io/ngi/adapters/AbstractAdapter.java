package io.ngi.adapters;

import java.net.SocketAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * The base of the framing adapters: a {@link Connection} for the application handler and
 * a {@link ConnectionHandler} for the wrapped connection. Control calls are delegated to
 * the wrapped connection; close and exception events are forwarded to the application
 * handler with the adapter, not the wrapped connection, as the connection argument.
 */
abstract class AbstractAdapter implements Connection, ConnectionHandler {

	private final Connection connection;

	private volatile @Nullable ConnectionHandler handler;

	AbstractAdapter(Connection connection) {
		this.connection = Objects.requireNonNull(connection, "connection");
	}

	/**
	 * Returns the wrapped connection.
	 * @return the connection this adapter stands in for
	 */
	public final Connection connection() {
		return this.connection;
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
		this.connection.setHandler(this);
	}

	/**
	 * Closes the wrapped connection. Idempotent and thread-safe.
	 */
	@Override
	public final void close() {
		this.connection.close();
	}

	/**
	 * Returns whether the wrapped connection is open.
	 * @return whether the wrapped connection is open
	 */
	@Override
	public final boolean isOpen() {
		return this.connection.isOpen();
	}

	/**
	 * Returns the peer address of the wrapped connection.
	 * @return the peer's address
	 */
	@Override
	public final SocketAddress peerAddress() {
		return this.connection.peerAddress();
	}

	/**
	 * Returns the listener of the wrapped connection.
	 * @return the listener, or {@code null} for a client connection
	 */
	@Override
	public final @Nullable Listener listener() {
		return this.connection.listener();
	}

	/**
	 * Forwards a close of the wrapped connection to the application handler, passing this
	 * adapter as the connection. Called by the implementation.
	 * @param connection the wrapped connection
	 * @param reason why it closed
	 */
	@Override
	public final void handleClose(Connection connection, String reason) {
		handler().handleClose(this, reason);
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
		this.connection.close();
		handler().handleClose(this, reason);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "(" + this.connection + ")";
	}

}
