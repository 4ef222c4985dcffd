package io.ngi.blocking;

import java.io.IOException;
import java.io.InputStream;

/**
 * The input stream of a {@link BlockingConnection}: reads wait for input, up to the
 * connection's read timeout.
 */
final class BlockingInputStream extends InputStream {

	private final BlockingConnection owner;

	private final StreamHandler handler;

	BlockingInputStream(BlockingConnection owner, StreamHandler handler) {
		this.owner = owner;
		this.handler = handler;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int count = this.handler.read(one, 0, 1, this.owner.readTimeout());
		return (count < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		return this.handler.read(buffer, offset, length, this.owner.readTimeout());
	}

	@Override
	public int available() throws IOException {
		return this.handler.available();
	}

	@Override
	public void close() {
		this.owner.close();
	}

	@Override
	public String toString() {
		return "InputStream of " + this.owner;
	}

}
