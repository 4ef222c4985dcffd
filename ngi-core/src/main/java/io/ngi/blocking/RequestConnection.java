package io.ngi.blocking;

import java.net.SocketAddress;
import java.util.Objects;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
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
final class RequestConnection implements Connection, ConnectionHandler {

	private final Connection connection;

	private final RequestConnector connector;

	private volatile @Nullable ConnectionHandler handler;

	private boolean installed;

	RequestConnection(Connection connection, RequestConnector connector) {
		this.connection = connection;
		this.connector = connector;
	}

	@Override
	public void write(byte[] data) {
		this.connection.write(data);
	}

	@Override
	public void write(String text) {
		this.connection.write(text);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		this.connection.writeLines(data);
	}

	@Override
	public void close() {
		try {
			this.connection.close();
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
			this.connection.setHandler(this);
		}
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
	public void handleClose(Connection connection, String reason) {
		try {
			handler().handleClose(this, reason);
		}
		catch (Throwable ex) {
			this.connector.failed(ex);
		}
		finally {
			this.connector.closed(reason);
		}
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
		return "RequestConnection[" + this.connection + "]";
	}

}
