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

package io.ngi.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;

/**
 * The seed's word-count connection handler ({@code class WC}): each request is a line
 * holding a length in bytes, then that many bytes of text; each is answered with
 * {@code "<lines> <words>\n"} (see {@link WordCounts}). Requests may follow each other on
 * one connection and may be cut into input chunks anywhere.
 *
 * <pre>
 * client: "15\n" "hello out\nthere"   "2\n" "hi"
 * server:                "2 3\n"            "1 1\n"
 * </pre>
 * <p>
 * Bad requests are answered with one {@code "error: ...\n"} line, then the connection is
 * closed and the event logged: a length that is not a number of bytes (digits, with an
 * optional {@code '\r'} before the {@code '\n'}), a length over the limit, or a length
 * line longer than {@value #MAX_LENGTH_LINE} bytes. A client that disconnects in the
 * middle of a request is logged. Buffered input never exceeds the limit plus one input
 * chunk.
 * <p>
 * One instance per connection (it keeps the connection's state); {@link #server(int)}
 * makes them. Called by one thread at a time, as every handler.
 */
final class WordCount implements ConnectionHandler {

	/**
	 * The longest length line accepted, in bytes, without its {@code '\n'}.
	 */
	static final int MAX_LENGTH_LINE = 20;

	private static final Logger logger = LoggerFactory.getLogger(WordCount.class);

	private final int maxLength;

	/** Input not consumed yet: {@code buffer[0, buffered)}. */
	private byte[] buffer = new byte[0];

	private int buffered;

	/** The length of the request being read, or -1 while reading a length line. */
	private long count = -1;

	private boolean failed;

	/**
	 * Creates the handler of one connection.
	 * @param maxLength the largest request accepted, in bytes
	 */
	WordCount(int maxLength) {
		if (maxLength < 0) {
			throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
		}
		this.maxLength = maxLength;
	}

	/**
	 * Returns a server that gives each connection a new {@code WordCount} handler whose
	 * request limit is the connection's frame limit: its listener's
	 * {@code ngi.servers.<name>.max-frame-length}.
	 * @return the server
	 */
	static Server server() {
		return (connection) -> connection.setHandler(new WordCount(connection.frameLimits().maxFrameLength()));
	}

	/**
	 * Returns a server that gives each connection a new {@code WordCount} handler.
	 * @param maxLength the largest request accepted, in bytes
	 * @return the server
	 */
	static Server server(int maxLength) {
		if (maxLength < 0) {
			throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
		}
		return (connection) -> connection.setHandler(new WordCount(maxLength));
	}

	/**
	 * Consumes input and answers each complete request. Called by the implementation.
	 * @param connection the connection
	 * @param data the bytes received
	 */
	@Override
	public void handleInput(Connection connection, byte[] data) {
		if (this.failed) {
			return;
		}
		append(data);
		int start = 0;
		while (true) {
			if (this.count < 0) {
				int newline = indexOfNewline(start);
				if (newline < 0) {
					if (this.buffered - start > MAX_LENGTH_LINE) {
						reject(connection, "length line longer than " + MAX_LENGTH_LINE + " bytes");
						return;
					}
					break;
				}
				String text = lengthText(start, newline);
				start = newline + 1;
				if (text == null) {
					reject(connection, "length must be a number");
					return;
				}
				long length = (text.length() > 18) ? Long.MAX_VALUE : Long.parseLong(text);
				if (length > this.maxLength) {
					reject(connection, "length " + text + " is over the limit of " + this.maxLength + " bytes");
					return;
				}
				this.count = length;
			}
			if (this.buffered - start < this.count) {
				break;
			}
			int end = start + (int) this.count;
			connection.write(WordCounts.answer(Arrays.copyOfRange(this.buffer, start, end)));
			start = end;
			this.count = -1;
		}
		compact(start);
	}

	/**
	 * Logs the close; a close in the middle of a request is logged at INFO. Called by the
	 * implementation when the peer closes or the connection fails.
	 * @param connection the connection
	 * @param reason why it closed
	 */
	@Override
	public void handleClose(Connection connection, String reason) {
		if (this.count >= 0) {
			logger.info("wc: {} closed mid-message, after {} of {} bytes: {}", connection.peerAddress(), this.buffered,
					this.count, reason);
		}
		else if (this.buffered > 0) {
			logger.info("wc: {} closed mid-message, in a length line of {} bytes: {}", connection.peerAddress(),
					this.buffered, reason);
		}
		else {
			logger.debug("wc: {} closed: {}", connection.peerAddress(), reason);
		}
	}

	private void reject(Connection connection, String problem) {
		this.failed = true;
		this.buffer = new byte[0];
		this.buffered = 0;
		this.count = -1;
		logger.info("wc: {} sent a bad request ({}); answered with an error and closed", connection.peerAddress(),
				problem);
		connection.write("error: " + problem + "\n");
		connection.close();
	}

	/**
	 * Returns the digits of the length line {@code buffer[start, newline)}, without a
	 * trailing {@code '\r'}, or {@code null} if it is not a non-empty run of digits.
	 */
	private @Nullable String lengthText(int start, int newline) {
		int end = (newline > start && this.buffer[newline - 1] == '\r') ? newline - 1 : newline;
		if (end == start) {
			return null;
		}
		for (int i = start; i < end; i++) {
			if (this.buffer[i] < '0' || this.buffer[i] > '9') {
				return null;
			}
		}
		return new String(this.buffer, start, end - start, StandardCharsets.US_ASCII);
	}

	private int indexOfNewline(int start) {
		for (int i = start; i < this.buffered; i++) {
			if (this.buffer[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private void append(byte[] data) {
		int needed = this.buffered + data.length;
		if (needed > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(needed, Math.min(this.buffer.length * 2, needed + 8192)));
		}
		System.arraycopy(data, 0, this.buffer, this.buffered, data.length);
		this.buffered = needed;
	}

	private void compact(int start) {
		if (start == 0) {
			return;
		}
		int left = this.buffered - start;
		if (left == 0) {
			this.buffer = new byte[0];
		}
		else {
			System.arraycopy(this.buffer, start, this.buffer, 0, left);
		}
		this.buffered = left;
	}

}
