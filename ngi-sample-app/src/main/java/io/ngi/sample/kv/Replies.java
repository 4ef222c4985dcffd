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

package io.ngi.sample.kv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The replies to one connection's requests, gathered so that a pipelined read is answered
 * with one write: RESP2 simple strings, errors, integers, bulk strings and arrays
 * appended to one growing array. A bulk string of {@link #LARGE} bytes or more is not
 * copied: it is queued by reference (values are never changed in place), and the batch
 * then goes out through {@link io.ngi.Connection#writeLines}, which takes it as the peer
 * reads.
 * <p>
 * Not thread-safe: one per connection.
 */
final class Replies {

	/** Values at least this long are sent by reference rather than copied. */
	static final int LARGE = 32 * 1024;

	static final byte[] OK = ascii("+OK\r\n");

	static final byte[] PONG = ascii("+PONG\r\n");

	static final byte[] NULL_BULK = ascii("$-1\r\n");

	private static final byte[] CRLF = ascii("\r\n");

	private static final byte[][] SMALL_INTEGERS = new byte[1024][];

	static {
		for (int i = 0; i < SMALL_INTEGERS.length; i++) {
			SMALL_INTEGERS[i] = ascii(":" + i + "\r\n");
		}
	}

	private byte[] buffer = new byte[512];

	private int length;

	/** The batch so far, when it holds a large value: pieces in order. */
	private @Nullable List<byte[]> pieces;

	private long piecesLength;

	/**
	 * Appends bytes that are a complete reply already ({@link #OK}, {@link #PONG}...).
	 * @param reply the reply's bytes
	 */
	void raw(byte[] reply) {
		ensure(reply.length);
		System.arraycopy(reply, 0, this.buffer, this.length, reply.length);
		this.length += reply.length;
	}

	/**
	 * Appends a simple string, {@code +text\r\n}.
	 * @param text the text, with no line break
	 */
	void simple(String text) {
		line('+', text);
	}

	/**
	 * Appends an error, {@code -message\r\n}: line breaks in the message become spaces,
	 * as Redis makes them. Characters are written as bytes (ISO-8859-1), so bytes of a
	 * client's argument quoted in a message come back as they were.
	 * @param message the message, starting with its code ({@code ERR ...})
	 */
	void error(String message) {
		line('-', message.replace('\r', ' ').replace('\n', ' '));
	}

	/**
	 * Appends an integer, {@code :n\r\n}.
	 * @param value the number
	 */
	void integer(long value) {
		if (value >= 0 && value < SMALL_INTEGERS.length) {
			raw(SMALL_INTEGERS[(int) value]);
			return;
		}
		header(':', value);
	}

	/**
	 * Appends a bulk string, {@code $length\r\nbytes\r\n}.
	 * @param value the bytes; never changed afterwards
	 */
	void bulk(byte[] value) {
		header('$', value.length);
		if (value.length >= LARGE) {
			List<byte[]> list = this.pieces;
			if (list == null) {
				list = new ArrayList<>();
				this.pieces = list;
			}
			list.add(Arrays.copyOf(this.buffer, this.length));
			list.add(value);
			this.piecesLength += this.length + value.length;
			this.length = 0;
		}
		else {
			ensure(value.length);
			System.arraycopy(value, 0, this.buffer, this.length, value.length);
			this.length += value.length;
		}
		raw(CRLF);
	}

	/**
	 * Appends a bulk string or, for {@code null}, the null bulk string {@code $-1\r\n}.
	 * @param value the bytes, or {@code null}
	 */
	void bulkOrNull(byte @Nullable [] value) {
		if (value == null) {
			raw(NULL_BULK);
		}
		else {
			bulk(value);
		}
	}

	/**
	 * Appends a bulk string of ASCII text.
	 * @param text the text
	 */
	void bulk(String text) {
		bulk(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Appends an array header, {@code *count\r\n}; the elements follow.
	 * @param count the number of elements
	 */
	void array(int count) {
		header('*', count);
	}

	/**
	 * Returns the bytes gathered and not taken yet.
	 * @return the pending length
	 */
	long pending() {
		return this.piecesLength + this.length;
	}

	/**
	 * Returns whether the batch holds values queued by reference.
	 * @return whether {@link #takePieces()} must be used
	 */
	boolean hasPieces() {
		return this.pieces != null;
	}

	/**
	 * Takes the batch as one array, when it has no pieces.
	 * @return a copy of the gathered bytes
	 */
	byte[] take() {
		byte[] batch = Arrays.copyOf(this.buffer, this.length);
		reset();
		return batch;
	}

	/**
	 * Takes the batch as pieces to send in order.
	 * @return the pieces
	 */
	List<byte[]> takePieces() {
		List<byte[]> list = (this.pieces != null) ? this.pieces : new ArrayList<>();
		if (this.length > 0) {
			list.add(Arrays.copyOf(this.buffer, this.length));
		}
		this.pieces = null;
		this.piecesLength = 0;
		reset();
		return list;
	}

	private void reset() {
		this.length = 0;
		if (this.buffer.length > 64 * 1024) {
			this.buffer = new byte[512];
		}
	}

	private void line(char type, String text) {
		ensure(text.length() + 3);
		this.buffer[this.length++] = (byte) type;
		for (int i = 0; i < text.length(); i++) {
			this.buffer[this.length++] = (byte) text.charAt(i);
		}
		this.buffer[this.length++] = '\r';
		this.buffer[this.length++] = '\n';
	}

	private void header(char type, long value) {
		ensure(23);
		this.buffer[this.length++] = (byte) type;
		if (value < 0) {
			this.buffer[this.length++] = '-';
			if (value == Long.MIN_VALUE) {
				byte[] digits = ascii("9223372036854775808");
				System.arraycopy(digits, 0, this.buffer, this.length, digits.length);
				this.length += digits.length;
				this.buffer[this.length++] = '\r';
				this.buffer[this.length++] = '\n';
				return;
			}
			value = -value;
		}
		int start = this.length;
		do {
			this.buffer[this.length++] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		while (value != 0);
		for (int i = start, j = this.length - 1; i < j; i++, j--) {
			byte swap = this.buffer[i];
			this.buffer[i] = this.buffer[j];
			this.buffer[j] = swap;
		}
		this.buffer[this.length++] = '\r';
		this.buffer[this.length++] = '\n';
	}

	private void ensure(int more) {
		if (this.length + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
		}
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
