package io.ngi.imperative;

import java.net.SocketAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * The connection an imperative body works on (under its adapter, if any): forwards to the
 * real connection, with two differences.
 * <ul>
 * <li>{@code write} and {@code writeLines} called by the body thread during its turn are
 * kept in order and done by the caller thread when the body waits again (before
 * {@code handleInput} returns). The caller is parked for the whole turn, so the output
 * could not go out earlier anyway; doing it on the caller thread (the event loop of the
 * NIO implementation) spares a cross-thread queue and a selector wake-up per write.
 * Writes from any other thread, and writes once the connection is closed, go straight
 * through.</li>
 * <li>{@code close()} also ends a body waiting in {@code next()}: from the body thread
 * the next {@code next()} throws {@link ConnectionClosedException} {@code "closed"}; from
 * another thread the waiting body gets that exception at once, so its thread ends.</li>
 * </ul>
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
		Objects.requireNonNull(data, "data");
		if (!this.handler.deferWrite(data)) {
			this.delegate.write(data);
		}
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		if (!this.handler.deferWrite(new DeferredLines(data))) {
			this.delegate.writeLines(data);
		}
	}

	@Override
	public void close() {
		this.handler.closing();
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

	/** A deferred {@code writeLines} call. */
	record DeferredLines(Iterable<byte[]> lines) {
	}

}
