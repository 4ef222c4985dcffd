package io.ngi.benchmarks.jmh;

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
 * A connection with no transport: counts written bytes and remembers the handler, so a
 * benchmark can call the handler directly and measure only the code above the transport.
 * Single-threaded apart from {@code write}, which the imperative body thread calls.
 */
final class SinkConnection implements Connection {

	private static final SocketAddress PEER = InetSocketAddress.createUnresolved("sink", 1);

	private volatile long written;

	private @Nullable ConnectionHandler handler;

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
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
	}

	ConnectionHandler handler() {
		return Objects.requireNonNull(this.handler, "no handler was set");
	}

	long written() {
		return this.written;
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public SocketAddress peerAddress() {
		return PEER;
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
