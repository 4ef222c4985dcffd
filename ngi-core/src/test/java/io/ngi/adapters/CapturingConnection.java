package io.ngi.adapters;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ngi.BareConnection;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * A bare connection for feeding an adapter by hand: keeps written bytes and the iterables
 * given to {@code writeLines} without consuming them.
 */
final class CapturingConnection extends BareConnection {

	final ByteArrayOutputStream written = new ByteArrayOutputStream();

	final List<Iterable<byte[]>> writeLines = new ArrayList<>();

	@Nullable ConnectionHandler handler;

	boolean open = true;

	@Override
	public void write(byte[] data) {
		this.written.writeBytes(data);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		this.writeLines.add(data);
	}

	@Override
	public void close() {
		this.open = false;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = handler;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public SocketAddress peerAddress() {
		return InetSocketAddress.createUnresolved("peer", 1);
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

}
