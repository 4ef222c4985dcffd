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

/**
 * Reads a PROXY protocol header at the start of an accepted connection, into a buffer of
 * its own that is dropped once the header is read: at most
 * {@link ProxyHeader#V2_MAX_LENGTH} bytes per connection, only while its header is
 * awaited. What was read past the header is the client's first bytes, handed to the
 * connection's {@link Wire} with {@link Wire#unread}.
 */
final class ProxyHeaderReader {

	/** {@link #read}'s answer when the peer closed the connection. */
	static final Object END_OF_INPUT = new Object();

	private final byte[] data = new byte[ProxyHeader.V2_MAX_LENGTH];

	private int length;

	/**
	 * Reads what the socket has and parses what was received so far.
	 * @param channel the connection's channel
	 * @return {@link #END_OF_INPUT}, or what {@link ProxyHeader#parse} says
	 * @throws IOException if the read failed
	 */
	Object read(SocketChannel channel) throws IOException {
		if (this.length < this.data.length) {
			int count = channel.read(ByteBuffer.wrap(this.data, this.length, this.data.length - this.length));
			if (count < 0) {
				return END_OF_INPUT;
			}
			this.length += count;
		}
		Object outcome = ProxyHeader.parse(this.data, this.length, ProxyHeader.V2_MAX_LENGTH);
		if (outcome == ProxyHeader.NEED_MORE && this.length == this.data.length) {
			return new ProxyHeader.Invalid("PROXY header longer than " + this.data.length + " bytes");
		}
		return outcome;
	}

	/** How many bytes were received. */
	int length() {
		return this.length;
	}

	/**
	 * Gives what followed the header (or everything, when there was none) to the wire.
	 * @param wire the connection's wire
	 * @param headerLength the header's length, 0 for none
	 */
	void handOver(Wire wire, int headerLength) {
		wire.unread(this.data, headerLength, this.length - headerLength);
	}

}
