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

package io.ngi.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What a load client connection reads from and writes to: the socket itself (this class),
 * or TLS over it ({@link TlsLink}). Plaintext reads and writes are the socket's, one
 * system call each, so the plaintext client is what it was before TLS.
 */
class Link {

	final SocketChannel channel;

	Link(SocketChannel channel) {
		this.channel = channel;
	}

	/**
	 * Advances the handshake as far as it goes without waiting.
	 * @return 0 when done, else the selector operation to wait for
	 * @throws IOException if the handshake failed
	 */
	int handshake() throws IOException {
		return 0;
	}

	/**
	 * Reads plaintext.
	 * @param buffer where to put it
	 * @return bytes read, 0 for none now, -1 at the end of input
	 * @throws IOException if the socket or TLS failed
	 */
	int read(ByteBuffer buffer) throws IOException {
		return this.channel.read(buffer);
	}

	/**
	 * Returns whether input was received and not yet returned by {@link #read}, which the
	 * selector will not report again.
	 * @return whether to read again before selecting
	 */
	boolean hasBufferedInput() {
		return false;
	}

	/**
	 * Writes plaintext.
	 * @param buffer what to write
	 * @return bytes taken; with TLS they may still wait here ({@link #hasPendingOutput})
	 * @throws IOException if the socket or TLS failed
	 */
	int write(ByteBuffer buffer) throws IOException {
		return this.channel.write(buffer);
	}

	/**
	 * Returns whether bytes taken by {@link #write} wait for the socket; a {@link #write}
	 * (of nothing, too) sends them.
	 * @return whether to wait for the socket to be writable
	 */
	boolean hasPendingOutput() {
		return false;
	}

	/**
	 * Closes the connection (TLS: after sending close_notify, if the socket takes it).
	 * @throws IOException if closing the socket failed
	 */
	void close() throws IOException {
		this.channel.close();
	}

	/**
	 * Returns the TLS protocol and cipher suite agreed, for the report.
	 * @return for example {@code TLSv1.3 TLS_AES_256_GCM_SHA384}, or an empty string
	 */
	String negotiated() {
		return "";
	}

}
