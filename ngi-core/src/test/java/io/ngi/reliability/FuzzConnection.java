package io.ngi.reliability;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.time.Duration;

import io.ngi.Cancellable;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.jspecify.annotations.Nullable;

/**
 * A connection without a socket for fuzzing adapters: it keeps the handler set on it,
 * counts the bytes written and records whether it was closed. One thread.
 */
final class FuzzConnection implements Connection {

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

	@Override
	public void shutdownOutput() {
	}

	@Override
	public boolean isWritable() {
		return isOpen();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule");
	}

	@Override
	public void pauseReading() {
	}

	@Override
	public void resumeReading() {
	}

}
