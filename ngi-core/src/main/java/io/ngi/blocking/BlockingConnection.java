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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.ngi.Addresses;
import io.ngi.Connection;
import io.ngi.NgiTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A client connection used through blocking streams, made by
 * {@link Blocking#open(io.ngi.Implementation, SocketAddress, Duration)}. Thread-safe.
 * <ul>
 * <li>The {@linkplain #inputStream() input stream} returns the bytes the peer sent, in
 * order. A read waits until input arrives, returns {@code -1} once the peer closed and
 * everything it sent was read, and throws {@link NgiTimeoutException} (unchecked) when no
 * input arrived within the {@linkplain #readTimeout() read timeout}; the connection stays
 * usable after a timeout.</li>
 * <li>The {@linkplain #outputStream() output stream} copies what is written and queues it
 * on the connection; it does not wait for the bytes to be sent, but while the connection
 * is not writable (the peer reads slower than the stream is written) a write waits until
 * it is, for at most the {@linkplain #readTimeout() timeout}, then throws
 * {@link NgiTimeoutException}. Writing after the peer closed throws
 * {@link IOException}.</li>
 * <li>A failure of {@link #writeLines} is thrown, once, by the next operation on either
 * stream (an {@link IOException} whose cause is the failure); {@code flush()} is the
 * place to ask for it.</li>
 * <li>{@link #close()}, or closing either stream, closes the connection gracefully; it is
 * idempotent. After it every stream operation throws {@code IOException("closed")}, and a
 * read waiting in another thread wakes up and throws it.</li>
 * </ul>
 * Input is buffered until it is read, up to 1 MiB: beyond that the connection stops
 * reading from the peer (which TCP then holds back) until reads take the buffer down to
 * 256 KiB.
 *
 * {@snippet :
 * try (BlockingConnection connection = Blocking.open(implementation, address, Duration.ofSeconds(5))) {
 * 	connection.outputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
 * 	byte[] reply = connection.inputStream().readAllBytes(); // until the server closes
 * }
 * }
 */
public final class BlockingConnection implements AutoCloseable {

	private final Connection connection;

	private final StreamHandler handler;

	private final InputStream input;

	private final OutputStream output;

	private volatile Duration readTimeout;

	BlockingConnection(Connection connection, Duration readTimeout) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.readTimeout = Deadline.checkTimeout(readTimeout, "readTimeout");
		this.handler = new StreamHandler(connection);
		this.input = new BlockingInputStream(this, this.handler);
		this.output = new BlockingOutputStream(this, connection, this.handler);
	}

	/**
	 * Returns the handler to set on the connection.
	 * @return the handler
	 */
	StreamHandler handler() {
		return this.handler;
	}

	/**
	 * Returns the stream of the bytes the peer sends. Always the same stream; closing it
	 * closes the connection.
	 * @return the input stream
	 */
	public InputStream inputStream() {
		return this.input;
	}

	/**
	 * Returns the stream that sends bytes to the peer. Always the same stream; closing it
	 * closes the connection.
	 * @return the output stream
	 */
	public OutputStream outputStream() {
		return this.output;
	}

	/**
	 * Queues a sequence of byte arrays for output without waiting, as
	 * {@link Connection#writeLines} does: the iterable is consumed later, on the
	 * implementation's thread. A failure of its iterator is thrown by the next stream
	 * operation.
	 * @param data the byte arrays to send, in order; they must not be changed afterwards
	 * @throws IOException if the connection was closed by either side, or an earlier
	 * output failure is pending
	 */
	public void writeLines(Iterable<byte[]> data) throws IOException {
		Objects.requireNonNull(data, "data");
		this.handler.checkWritable();
		try {
			this.connection.writeLines(data);
		}
		catch (IllegalStateException ex) {
			throw new IOException("closed", ex);
		}
	}

	/**
	 * Returns how long a read waits for input, and a write for the connection to take
	 * more output.
	 * @return the timeout
	 */
	public Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * Sets how long a read waits for input; applies to reads that start afterwards.
	 * @param readTimeout the timeout, not negative; zero means a read does not wait
	 */
	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = Deadline.checkTimeout(readTimeout, "readTimeout");
	}

	/**
	 * Returns whether the connection is open: {@code false} once either side closed it.
	 * Input the peer sent before closing can still be read.
	 * @return whether the connection is open
	 */
	public boolean isOpen() {
		return this.handler.isOpen();
	}

	/**
	 * Returns why the peer closed the connection.
	 * @return the reason, for example {@code "end of input"}, or {@code null} while the
	 * peer has not closed it
	 */
	public @Nullable String closeReason() {
		return this.handler.closeReason();
	}

	/**
	 * Returns the address of the server.
	 * @return the peer's address
	 */
	public SocketAddress peerAddress() {
		return this.connection.peerAddress();
	}

	/**
	 * Closes the connection gracefully: output already written is sent first. Idempotent
	 * and thread-safe.
	 */
	@Override
	public void close() {
		this.handler.close();
	}

	@Override
	public String toString() {
		return "BlockingConnection[" + Addresses.format(this.connection.peerAddress()) + "]";
	}

}
