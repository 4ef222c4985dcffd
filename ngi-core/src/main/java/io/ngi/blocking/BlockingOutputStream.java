/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

import io.ngi.Connection;

/**
 * The output stream of a {@link BlockingConnection}: each write copies the bytes and
 * queues them on the connection. While the connection is not writable (more than its
 * high-water mark queued), a write first waits until it is, for at most the connection's
 * timeout, so a writer faster than the peer is paced instead of queueing without bound.
 */
final class BlockingOutputStream extends OutputStream {

	private final BlockingConnection owner;

	private final Connection connection;

	private final StreamHandler handler;

	BlockingOutputStream(BlockingConnection owner, Connection connection, StreamHandler handler) {
		this.owner = owner;
		this.connection = connection;
		this.handler = handler;
	}

	@Override
	public void write(int b) throws IOException {
		send(new byte[] { (byte) b });
	}

	@Override
	public void write(byte[] buffer, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			this.handler.checkWritable();
			return;
		}
		send(Arrays.copyOfRange(buffer, offset, offset + length));
	}

	@Override
	public void flush() throws IOException {
		this.handler.flush();
	}

	@Override
	public void close() {
		this.owner.close();
	}

	private void send(byte[] data) throws IOException {
		this.handler.checkWritable();
		this.handler.awaitWritable(this.owner.readTimeout());
		try {
			this.connection.write(data);
		}
		catch (IllegalStateException ex) {
			throw new IOException("closed", ex);
		}
	}

	@Override
	public String toString() {
		return "OutputStream of " + this.owner;
	}

}
