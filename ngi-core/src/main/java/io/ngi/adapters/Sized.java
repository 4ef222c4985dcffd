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
import java.util.Iterator;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.FrameLimits;
import io.ngi.imperative.Imperative;

/**
 * A length-prefix framing adapter: each record is a 4-byte big-endian unsigned length
 * followed by that many bytes of payload.
 *
 * <pre>
 * one record (length 12):
 * +----------+----------+----------+----------+--------------------------+
 * |   0x00   |   0x00   |   0x00   |   0x0C   |  "HELLO, WORLD" (12 B)   |
 * +----------+----------+----------+----------+--------------------------+
 * |&lt;------- length, big-endian, 4 B -------&gt;|&lt;-------- payload -------&gt;|
 *
 * keep-alive (no payload, ignored on input, sent by writeKeepAlive()):
 * +----------+----------+----------+----------+
 * |   0xFF   |   0xFF   |   0xFF   |   0xFF   |
 * +----------+----------+----------+----------+
 * </pre>
 * <p>
 * Input: the application handler gets each payload, without its length, as one array,
 * however the stream was cut into chunks (a length may itself be split); a length of 0
 * delivers an empty array; a keep-alive is skipped. A length above the maximum (by
 * default the connection's {@link FrameLimits#maxFrameLength()}, which is its listener's
 * setting or {@value #DEFAULT_MAX_FRAME_LENGTH} bytes) is never buffered or allocated:
 * the adapter closes the wrapped connection and calls the application handler's
 * {@code handleClose(adapter, "frame too large")}. So a payload of length
 * {@code 0xFFFFFFFF} cannot be sent.
 * <p>
 * Input memory grows with the bytes that arrived, never with the length a peer announces:
 * a header that announces 16 MiB and then stalls costs a few bytes, and the buffer of a
 * record that trickles in at most doubles what arrived.
 * <p>
 * Output: {@link #write(byte[])} sends the length and the payload as one write of the
 * wrapped connection, so records from several threads never interleave;
 * {@link #writeLines} frames lazily.
 * <p>
 * The adapter is a {@link Connection} for the application handler and the
 * {@link ConnectionHandler} of the wrapped connection: {@link #setHandler} installs it.
 * Handler calls receive the adapter as their connection. Like any handler, it is called
 * by one thread at a time; {@code write}, {@code writeLines} and {@code close} are
 * thread-safe as the wrapped connection's are.
 *
 * {@snippet :
 * Server server = connection -> new Sized(connection).setHandler((sized, message) -> sized.write(message));
 * }
 */
public final class Sized extends AbstractAdapter {

	/**
	 * The default maximum payload length: 16 MiB.
	 */
	public static final int DEFAULT_MAX_FRAME_LENGTH = FrameLimits.DEFAULT_MAX_FRAME_LENGTH;

	/**
	 * The close reason when a length exceeds the maximum.
	 */
	public static final String FRAME_TOO_LARGE = "frame too large";

	private static final int KEEP_ALIVE = 0xFFFFFFFF;

	private static final int HEADER_LENGTH = 4;

	private static final byte[] EMPTY = new byte[0];

	private final int maxFrameLength;

	/** The length bytes read so far while {@code payload == null}. */
	private final byte[] header = new byte[HEADER_LENGTH];

	private int headerFill;

	/**
	 * The bytes of the payload being read, grown as they arrive, or {@code null} while
	 * reading a length.
	 */
	private byte @Nullable [] payload;

	/** The length of the payload being read. */
	private int payloadLength;

	private int payloadFill;

	private boolean failed;

	/**
	 * Wraps a connection, with payloads of at most the connection's
	 * {@linkplain Connection#frameLimits() frame limit}: its listener's
	 * ({@link io.ngi.ListenOptions#frameLimits()}, which the Spring starter sets from
	 * {@code ngi.servers.<name>.max-frame-length}), {@value #DEFAULT_MAX_FRAME_LENGTH}
	 * bytes otherwise.
	 * @param connection the connection to wrap
	 */
	public Sized(Connection connection) {
		this(connection, connection.frameLimits().maxFrameLength());
	}

	/**
	 * Wraps a connection.
	 * @param connection the connection to wrap
	 * @param maxFrameLength the largest payload accepted, in bytes
	 */
	public Sized(Connection connection, int maxFrameLength) {
		super(connection);
		if (maxFrameLength < 0) {
			throw new IllegalArgumentException("maxFrameLength must be >= 0: " + maxFrameLength);
		}
		this.maxFrameLength = maxFrameLength;
	}

	/**
	 * Returns an imperative handler whose body reads records: each {@code input.next()}
	 * returns one payload, and the body's connection is a {@code Sized} adapter whose
	 * {@code write} frames its argument, with the connection's frame limit (for another,
	 * use {@code Imperative.handler(connection -> new Sized(connection, max), body)}).
	 * @param body the body, run once per connection
	 * @return a server and client connect handler
	 */
	public static Imperative handler(Imperative.Body body) {
		return Imperative.handler(Sized::new, body);
	}

	/**
	 * Returns the largest payload this adapter accepts.
	 * @return the maximum payload length in bytes
	 */
	public int maxFrameLength() {
		return this.maxFrameLength;
	}

	/**
	 * Sends one record: its length and the payload, as one write of the wrapped
	 * connection. Thread-safe: records written from several threads (a keep-alive from a
	 * timer, say) never interleave.
	 * @param data the payload
	 * @throws IllegalStateException if this side closed the connection
	 */
	@Override
	public void write(byte[] data) {
		connection().write(record(data));
	}

	private static byte[] record(byte[] data) {
		byte[] record = new byte[HEADER_LENGTH + data.length];
		putInt(record, data.length);
		System.arraycopy(data, 0, record, HEADER_LENGTH, data.length);
		return record;
	}

	/**
	 * Sends a keep-alive, the length {@code 0xFFFFFFFF} with no payload, which a
	 * receiving {@code Sized} adapter skips. Thread-safe.
	 * @throws IllegalStateException if this side closed the connection
	 */
	public void writeKeepAlive() {
		connection().write(header(KEEP_ALIVE));
	}

	/**
	 * Sends records lazily: the wrapped connection gets an iterable that yields, for each
	 * payload it pulls from {@code data}, one record (the length and the payload).
	 * Nothing is pulled here. A {@code null} element is passed on, so it is reported to
	 * {@code handleException} as any {@code writeLines} failure. Thread-safe.
	 * @param data the payloads to send
	 * @throws IllegalStateException if this side closed the connection
	 */
	@Override
	public void writeLines(Iterable<byte[]> data) {
		connection().writeLines(() -> new Framing(data.iterator()));
	}

	/**
	 * Reassembles records from the input and delivers each payload to the application
	 * handler. Called by the implementation.
	 * @param connection the wrapped connection
	 * @param data the bytes received
	 * @throws Exception what the application handler throws
	 */
	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		int position = 0;
		int end = data.length;
		while (!this.failed) {
			byte[] current = this.payload;
			if (current == null) {
				if (this.headerFill == 0 && end - position >= HEADER_LENGTH) {
					startRecord(readInt(data, position));
					position += HEADER_LENGTH;
				}
				else {
					int count = Math.min(HEADER_LENGTH - this.headerFill, end - position);
					System.arraycopy(data, position, this.header, this.headerFill, count);
					this.headerFill += count;
					position += count;
					if (this.headerFill < HEADER_LENGTH) {
						return;
					}
					this.headerFill = 0;
					startRecord(readInt(this.header, 0));
				}
				continue;
			}
			byte[] record;
			int length = this.payloadLength;
			if (this.payloadFill == 0 && end - position >= length) {
				// The whole payload is in this chunk: copy it once, skip the buffer.
				record = Arrays.copyOfRange(data, position, position + length);
				position += length;
			}
			else {
				int count = Math.min(length - this.payloadFill, end - position);
				current = ensureCapacity(current, this.payloadFill + count);
				System.arraycopy(data, position, current, this.payloadFill, count);
				this.payloadFill += count;
				position += count;
				if (this.payloadFill < length) {
					this.payload = current;
					return;
				}
				record = (current.length == length) ? current : Arrays.copyOf(current, length);
			}
			this.payload = null;
			this.payloadFill = 0;
			handler().handleInput(this, record);
			if (!isOpen()) {
				// Input left over when the connection closed is dropped, as queued events
				// are.
				return;
			}
			if (position == end && this.payload == null) {
				return;
			}
		}
	}

	private void startRecord(int length) {
		if (length == KEEP_ALIVE) {
			return;
		}
		if (Integer.toUnsignedLong(length) > this.maxFrameLength) {
			this.failed = true;
			closeForFraming(FRAME_TOO_LARGE);
			return;
		}
		this.payload = EMPTY;
		this.payloadLength = length;
		this.payloadFill = 0;
	}

	/**
	 * Returns a buffer that holds {@code needed} bytes of the payload: at least double
	 * the current one, never more than the payload's length.
	 */
	private byte[] ensureCapacity(byte[] current, int needed) {
		if (needed <= current.length) {
			return current;
		}
		int capacity = (int) Math.min(this.payloadLength, Math.max((long) needed, 2L * current.length));
		return Arrays.copyOf(current, capacity);
	}

	/**
	 * Returns the capacity of the payload buffer, for tests.
	 * @return the bytes held for the payload being read, 0 while reading a length
	 */
	int bufferCapacity() {
		byte[] current = this.payload;
		return (current != null) ? current.length : 0;
	}

	private static int readInt(byte[] data, int offset) {
		return ((data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16) | ((data[offset + 2] & 0xFF) << 8)
				| (data[offset + 3] & 0xFF);
	}

	private static byte[] header(int length) {
		byte[] header = new byte[HEADER_LENGTH];
		putInt(header, length);
		return header;
	}

	private static void putInt(byte[] target, int value) {
		target[0] = (byte) (value >>> 24);
		target[1] = (byte) (value >>> 16);
		target[2] = (byte) (value >>> 8);
		target[3] = (byte) value;
	}

	/**
	 * Yields, for each payload pulled from the source, one record: its length and the
	 * payload in one array.
	 */
	private static final class Framing implements Iterator<byte[]> {

		private final Iterator<byte[]> source;

		Framing(Iterator<byte[]> source) {
			this.source = source;
		}

		@Override
		public boolean hasNext() {
			return this.source.hasNext();
		}

		@Override
		public byte[] next() {
			byte[] message = this.source.next();
			// A null element is passed on as is: the wrapped connection reports it as a
			// failure.
			return (message != null) ? record(message) : null;
		}

	}

}
