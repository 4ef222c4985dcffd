package io.ngi.adapters;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
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
 * default {@value #DEFAULT_MAX_FRAME_LENGTH} bytes) is never buffered or allocated: the
 * adapter closes the wrapped connection and calls the application handler's
 * {@code handleClose(adapter, "frame too large")}. So a payload of length
 * {@code 0xFFFFFFFF} cannot be sent.
 * <p>
 * Output: {@link #write(byte[])} sends the length, then the payload, as two writes of the
 * wrapped connection (as zc.ngi does); {@link #writeLines} frames lazily.
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
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/**
	 * The close reason when a length exceeds the maximum.
	 */
	public static final String FRAME_TOO_LARGE = "frame too large";

	private static final int KEEP_ALIVE = 0xFFFFFFFF;

	private static final int HEADER_LENGTH = 4;

	private final int maxFrameLength;

	/** The length bytes read so far while {@code payload == null}. */
	private final byte[] header = new byte[HEADER_LENGTH];

	private int headerFill;

	/** The payload being read, or {@code null} while reading a length. */
	private byte @Nullable [] payload;

	private int payloadFill;

	private boolean failed;

	/**
	 * Wraps a connection, with payloads of at most {@value #DEFAULT_MAX_FRAME_LENGTH}
	 * bytes.
	 * @param connection the connection to wrap
	 */
	public Sized(Connection connection) {
		this(connection, DEFAULT_MAX_FRAME_LENGTH);
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
	 * {@code write} frames its argument, with the default maximum payload length (for
	 * another, use
	 * {@code Imperative.handler(connection -> new Sized(connection, max), body)}).
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
	 * Sends one record: its length, then the payload, as two writes of the wrapped
	 * connection (an empty payload sends the length only). Thread-safe as the wrapped
	 * connection is, but concurrent callers must not interleave records: write from one
	 * thread at a time.
	 * @param data the payload
	 * @throws IllegalStateException if this side closed the connection
	 */
	@Override
	public void write(byte[] data) {
		connection().write(header(data.length));
		if (data.length > 0) {
			connection().write(data);
		}
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
	 * payload it pulls from {@code data}, the length and then the payload. Nothing is
	 * pulled here. A {@code null} element is passed on, so it is reported to
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
			if (this.payloadFill == 0 && end - position >= current.length) {
				// The whole payload is in this chunk: copy it once, skip the buffer.
				record = Arrays.copyOfRange(data, position, position + current.length);
				position += current.length;
			}
			else {
				int count = Math.min(current.length - this.payloadFill, end - position);
				System.arraycopy(data, position, current, this.payloadFill, count);
				this.payloadFill += count;
				position += count;
				if (this.payloadFill < current.length) {
					return;
				}
				record = current;
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
		this.payload = new byte[length];
		this.payloadFill = 0;
	}

	/**
	 * Returns the capacity of the payload buffer, for tests.
	 * @return the length of the payload being read, 0 while reading a length
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
		return new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length };
	}

	/**
	 * Yields, for each payload pulled from the source, its length and then the payload,
	 * pulling one payload only when the previous one was taken.
	 */
	private static final class Framing implements Iterator<byte[]> {

		private final Iterator<byte[]> source;

		private byte @Nullable [] next;

		private boolean payloadPending;

		Framing(Iterator<byte[]> source) {
			this.source = source;
		}

		@Override
		public boolean hasNext() {
			return this.payloadPending || this.source.hasNext();
		}

		@Override
		public byte[] next() {
			if (this.payloadPending) {
				this.payloadPending = false;
				byte[] result = this.next;
				this.next = null;
				return result;
			}
			if (!this.source.hasNext()) {
				throw new NoSuchElementException("no more records");
			}
			byte[] message = this.source.next();
			if (message == null) {
				// Passed on as is: the wrapped connection reports a null element as a
				// failure.
				return message;
			}
			if (message.length > 0) {
				this.next = message;
				this.payloadPending = true;
			}
			return header(message.length);
		}

	}

}
