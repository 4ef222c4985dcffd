package io.ngi.imperative;

import java.net.SocketAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * The connection an imperative body works on (under its adapter, if any): forwards to the
 * real connection, except that {@code close()} also ends a body waiting in
 * {@code next()}: from the body thread the next {@code next()} throws
 * {@link ConnectionClosedException} {@code "closed"}; from another thread the waiting
 * body gets that exception at once, so its thread ends. (The implementation never tells
 * the closing side's own handler of a close, so without this a body would wait forever.)
 */
final class BodyConnection implements Connection {

	private final Connection delegate;

	private final ImperativeHandler handler;

	BodyConnection(Connection delegate, ImperativeHandler handler) {
		this.delegate = delegate;
		this.handler = handler;
	}

	Connection delegate() {
		return this.delegate;
	}

	@Override
	public void write(byte[] data) {
		this.delegate.write(data);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		this.delegate.writeLines(data);
	}

	@Override
	public void close() {
		this.delegate.close();
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
		this.delegate.setHandler((handler == this.handler) ? handler : new EventScope(handler));
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	@Override
	public SocketAddress peerAddress() {
		return this.delegate.peerAddress();
	}

	@Override
	public @Nullable Listener listener() {
		return this.delegate.listener();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
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
		public void handleClose(Connection connection, String reason) {
			BodyConnection.this.handler.enterEvent();
			try {
				this.target.handleClose(connection, reason);
			}
			finally {
				BodyConnection.this.handler.exitEvent();
			}
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
