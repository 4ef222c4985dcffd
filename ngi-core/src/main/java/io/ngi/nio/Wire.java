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

package io.ngi.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link NioConnection} reads from and writes to: the socket itself (this class),
 * or TLS over it ({@link TlsWire}). The connection and its {@link NioOutbound} only ever
 * see plaintext; everything a protocol layer adds between them and the socket (records, a
 * handshake, bytes taken but not yet sent) lives behind this seam. Loop thread only.
 */
class Wire {

	final SocketChannel channel;

	/** Bytes read before this wire took over (what followed a PROXY header). */
	private @Nullable ByteBuffer unread;

	Wire(SocketChannel channel) {
		this.channel = channel;
	}

	/**
	 * Gives back bytes read from the socket before this wire took over (what followed a
	 * PROXY protocol header): they are read before anything else. Loop thread.
	 * @param data the bytes
	 * @param offset where they start
	 * @param length how many
	 */
	void unread(byte[] data, int offset, int length) {
		if (length > 0) {
			this.unread = ByteBuffer.wrap(data.clone(), offset, length);
		}
	}

	/**
	 * Takes the bytes given back by {@link #unread}, if any.
	 * @return them, or {@code null}
	 */
	final @Nullable ByteBuffer takeUnread() {
		ByteBuffer taken = this.unread;
		this.unread = null;
		return taken;
	}

	/**
	 * Reads plaintext.
	 * @param buffer where to put it (cleared, at least 64 KiB)
	 * @return how many bytes were read, 0 for none now, -1 at the end of input
	 * @throws IOException if the socket or the protocol failed
	 */
	int read(ByteBuffer buffer) throws IOException {
		ByteBuffer given = this.unread;
		if (given != null) {
			int count = Math.min(given.remaining(), buffer.remaining());
			buffer.put(buffer.position(), given, given.position(), count);
			buffer.position(buffer.position() + count);
			given.position(given.position() + count);
			if (!given.hasRemaining()) {
				this.unread = null;
			}
			return count;
		}
		return this.channel.read(buffer);
	}

	/**
	 * Returns whether a read that returned {@code count} bytes into a buffer of
	 * {@code capacity} may be followed by more input without waiting for the selector.
	 * @param count what the last read returned
	 * @param capacity the size of the buffer read into
	 * @return whether to read again
	 */
	boolean mayReadMore(int count, int capacity) {
		return count == capacity || this.unread != null;
	}

	/**
	 * Returns whether input was received and not yet delivered, which the selector will
	 * not report again: the connection reads it once input is wanted.
	 * @return whether undelivered input waits here
	 */
	boolean hasBufferedInput() {
		return this.unread != null;
	}

	/**
	 * Writes plaintext.
	 * @param buffer what to write
	 * @return how many bytes of it were taken; they may still wait here
	 * ({@link #flushPending()})
	 * @throws IOException if the socket or the protocol failed
	 */
	int write(ByteBuffer buffer) throws IOException {
		return this.channel.write(buffer);
	}

	/**
	 * Returns whether bytes that {@link #write} took still wait for the socket.
	 * @return whether output is pending here
	 */
	boolean hasPendingOutput() {
		return false;
	}

	/**
	 * Sends what was taken and not yet sent.
	 * @return whether nothing is left waiting for the socket
	 * @throws IOException if the socket failed
	 */
	boolean flushPending() throws IOException {
		return true;
	}

	/**
	 * Ends this side's output at the protocol level (TLS: close_notify) and sends it.
	 * Idempotent; the caller shuts down the socket's output once this returns
	 * {@code true}.
	 * @return whether everything is sent
	 * @throws IOException if the socket failed
	 */
	boolean closeOutput() throws IOException {
		return true;
	}

	/**
	 * Returns the TLS session, once the handshake completed.
	 * @return the session, or {@code null}
	 */
	@Nullable SSLSession session() {
		return null;
	}

	/**
	 * Returns the ALPN protocol agreed.
	 * @return the protocol, or {@code null}
	 */
	@Nullable String applicationProtocol() {
		return null;
	}

	/** Forgets buffered bytes: the connection closed. */
	void release() {
	}

}
