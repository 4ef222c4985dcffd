package io.ngi.reliability;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

import io.ngi.BareConnection;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.jspecify.annotations.Nullable;

/**
 * A connection without a socket for fuzzing adapters: it keeps the handler set on it,
 * counts the bytes written and records whether it was closed. One thread.
 */
final class FuzzConnection extends BareConnection {

	private @Nullable ConnectionHandler handler;

	private boolean open = true;

	long written;

	@Override
	public void write(byte[] data) {
		this.written += data.length;
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		for (byte[] item : data) {
			write(item);
		}
	}

	@Override
	public void close() {
		this.open = false;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
	}

	ConnectionHandler handler() {
		return Objects.requireNonNull(this.handler, "no handler was set");
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public SocketAddress peerAddress() {
		return InetSocketAddress.createUnresolved("fuzzer", 1);
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

}
