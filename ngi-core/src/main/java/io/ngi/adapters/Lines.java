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

package io.ngi.adapters;

import java.util.Arrays;

import io.ngi.Connection;
import io.ngi.FrameLimits;
import io.ngi.ConnectionHandler;
import io.ngi.imperative.Imperative;

/**
 * A line-framing adapter: wraps a connection and delivers its input to the application
 * handler one line at a time.
 *
 * <pre>
 * input bytes:     H e l l o \r \n \n W o r l d \n w h o
 *                  +-----------+   +  +---------+  +-----
 * handleInput:     "Hello\r"   ""     "World"      (buffered until its '\n')
 * </pre>
 * <p>
 * Each line is delivered without its terminating {@code '\n'}; a {@code '\r'} before it
 * is kept, and empty lines are delivered as empty arrays. Output is passed through
 * unchanged: {@code write} adds no newline. A line longer than the maximum length (by
 * default the connection's {@link FrameLimits#maxLineLength()}, which is its listener's
 * setting or {@value #DEFAULT_MAX_LINE_LENGTH} bytes, not counting the {@code '\n'}) is
 * never buffered past the limit: the adapter closes the wrapped connection and calls the
 * application handler's {@code handleClose(adapter, "line too long")}.
 * <p>
 * The adapter is a {@link Connection} for the application handler and the
 * {@link ConnectionHandler} of the wrapped connection: {@link #setHandler} installs it.
 * Handler calls receive the adapter as their connection. Like any handler, it is called
 * by one thread at a time; {@code write}, {@code writeLines} and {@code close} are
 * thread-safe as the wrapped connection's are.
 *
 * {@snippet :
 * Server server = connection -> new Lines(connection).setHandler((lines, line) -> lines.write(line));
 * }
 */
public final class Lines extends AbstractAdapter {

	/**
	 * The default maximum line length: 64 KiB.
	 */
	public static final int DEFAULT_MAX_LINE_LENGTH = FrameLimits.DEFAULT_MAX_LINE_LENGTH;

	/**
	 * The close reason when a line exceeds the maximum length.
	 */
	public static final String LINE_TOO_LONG = "line too long";

	private static final byte[] EMPTY = new byte[0];

	private static final int RETAINED_BUFFER = 4096;

	private final int maxLineLength;

	/** The start of a line not yet terminated: {@code pending[0, pendingLength)}. */
	private byte[] pending = EMPTY;

	private int pendingLength;

	private boolean failed;

	/**
	 * Wraps a connection, with lines of at most the connection's
	 * {@linkplain Connection#frameLimits() line limit}: its listener's
	 * ({@link io.ngi.ListenOptions#frameLimits()}, which the Spring starter sets from
	 * {@code ngi.servers.<name>.max-line-length}), {@value #DEFAULT_MAX_LINE_LENGTH}
	 * bytes otherwise.
	 * @param connection the connection to wrap
	 */
	public Lines(Connection connection) {
		this(connection, connection.frameLimits().maxLineLength());
	}

	/**
	 * Wraps a connection.
	 * @param connection the connection to wrap
	 * @param maxLineLength the longest line accepted, in bytes, not counting the
	 * {@code '\n'}
	 */
	public Lines(Connection connection, int maxLineLength) {
		super(connection);
		if (maxLineLength <= 0) {
			throw new IllegalArgumentException("maxLineLength must be > 0: " + maxLineLength);
		}
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Returns an imperative handler whose body reads lines: each {@code input.next()}
	 * returns one line without its {@code '\n'}, and the body's connection is a
	 * {@code Lines} adapter with the connection's line limit (for another, use
	 * {@code Imperative.handler(connection -> new Lines(connection, max), body)}).
	 *
	 * {@snippet :
	 * Server hello = Lines.handler((connection, input) -> {
	 * 	String name = new String(input.next(), StandardCharsets.UTF_8);
	 * 	connection.write("Hello " + name + "\n");
	 * });
	 * }
	 * @param body the body, run once per connection
	 * @return a server and client connect handler
	 */
	public static Imperative handler(Imperative.Body body) {
		return Imperative.handler(Lines::new, body);
	}

	/**
	 * Returns the longest line this adapter accepts.
	 * @return the maximum line length in bytes
	 */
	public int maxLineLength() {
		return this.maxLineLength;
	}

	/**
	 * Writes bytes unchanged to the wrapped connection. Thread-safe.
	 * @param data the bytes to send, usually ending with {@code '\n'}
	 */
	@Override
	public void write(byte[] data) {
		connection().write(data);
	}

	/**
	 * Passes the iterable unchanged, and unconsumed, to the wrapped connection.
	 * Thread-safe.
	 * @param data the byte arrays to send
	 */
	@Override
	public void writeLines(Iterable<byte[]> data) {
		connection().writeLines(data);
	}

	/**
	 * Splits input into lines and delivers each complete line to the application handler.
	 * Called by the implementation. Only the new chunk is scanned for {@code '\n'}.
	 * @param connection the wrapped connection
	 * @param data the bytes received
	 * @throws Exception what the application handler throws
	 */
	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		if (this.failed) {
			return;
		}
		int start = 0;
		int end = data.length;
		while (start < end) {
			int newline = indexOf(data, start, end);
			if (newline < 0) {
				buffer(data, start, end);
				return;
			}
			int length = this.pendingLength + (newline - start);
			if (length > this.maxLineLength) {
				tooLong();
				return;
			}
			byte[] line;
			if (this.pendingLength == 0) {
				line = Arrays.copyOfRange(data, start, newline);
			}
			else {
				line = Arrays.copyOf(this.pending, length);
				System.arraycopy(data, start, line, this.pendingLength, newline - start);
				this.pendingLength = 0;
				if (this.pending.length > RETAINED_BUFFER) {
					// Keep a small buffer for the next partial line, not a long line's.
					this.pending = EMPTY;
				}
			}
			start = newline + 1;
			handler().handleInput(this, line);
			if (!isOpen()) {
				// Input left over when the connection closed is dropped, as queued events
				// are.
				return;
			}
		}
	}

	private void buffer(byte[] data, int start, int end) {
		int count = end - start;
		int needed = this.pendingLength + count;
		if (needed > this.maxLineLength) {
			tooLong();
			return;
		}
		if (needed > this.pending.length) {
			int grown = Math.max(needed, Math.min(this.maxLineLength, Math.max(64, this.pending.length * 2)));
			this.pending = Arrays.copyOf(this.pending, grown);
		}
		System.arraycopy(data, start, this.pending, this.pendingLength, count);
		this.pendingLength = needed;
	}

	private void tooLong() {
		this.failed = true;
		this.pending = EMPTY;
		this.pendingLength = 0;
		closeForFraming(LINE_TOO_LONG);
	}

	/**
	 * Returns the capacity of the partial-line buffer, for tests: it never exceeds the
	 * maximum line length.
	 * @return the buffer capacity in bytes
	 */
	int bufferCapacity() {
		return this.pending.length;
	}

	private static int indexOf(byte[] data, int start, int end) {
		for (int i = start; i < end; i++) {
			if (data[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
