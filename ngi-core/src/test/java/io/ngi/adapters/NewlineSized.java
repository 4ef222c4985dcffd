package io.ngi.adapters;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.ngi.Cancellable;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * The documentation's own "sized messages" adapter for the word-count example: each
 * message is its length in decimal, a newline, then the bytes. Output passes through. A
 * test-local port of the doc example, not the library's {@link Sized}.
 */
final class NewlineSized implements Connection, ConnectionHandler {

	private final Connection connection;

	private @Nullable ConnectionHandler handler;

	private String input = "";

	private int count = -1;

	NewlineSized(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = handler;
		this.connection.setHandler(this);
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		this.input += new String(data, StandardCharsets.ISO_8859_1);
		while (true) {
			if (this.count < 0) {
				int newline = this.input.indexOf('\n');
				if (newline < 0) {
					return;
				}
				this.count = Integer.parseInt(this.input.substring(0, newline));
				this.input = this.input.substring(newline + 1);
			}
			if (this.input.length() < this.count) {
				return;
			}
			String message = this.input.substring(0, this.count);
			this.input = this.input.substring(this.count);
			this.count = -1;
			Objects.requireNonNull(this.handler).handleInput(this, message.getBytes(StandardCharsets.ISO_8859_1));
		}
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		Objects.requireNonNull(this.handler).handleClose(this, reason);
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
	public void shutdownOutput() {
		this.connection.shutdownOutput();
	}

	@Override
	public boolean isWritable() {
		return this.connection.isWritable();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule");
	}

	@Override
	public void pauseReading() {
		this.connection.pauseReading();
	}

	@Override
	public void resumeReading() {
		this.connection.resumeReading();
	}

}
