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

package io.ngi;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * One end of a connection, provided by an {@link Implementation}.
 * <p>
 * {@link #write}, {@link #writeLines} and {@link #close} may be called from any thread.
 * {@link #setHandler} is meant to be called from inside an implementation call
 * ({@link Server#connected}, {@link ClientConnectHandler#connected}, or a handler
 * method), and may be called again there to replace the handler.
 * <p>
 * After {@link #close()} the connection is closed at once for this side:
 * {@link #isOpen()} is {@code false} and {@code write}/{@code writeLines} throw
 * {@link IllegalStateException}. Writing to a connection that the <em>peer</em> closed is
 * silently dropped.
 * <p>
 * Output is counted when it is written, from any thread: while more than the high-water
 * mark is queued, {@link #isWritable()} is {@code false}, and the handler gets
 * {@link ConnectionHandler#handleWritable} once when the queue drained below the
 * low-water mark. A writer that paces itself on these never reaches the hard limit, which
 * closes the connection with {@link CloseReason.Kind#OUTPUT_LIMIT}.
 * <p>
 * Wrappers extend {@link ForwardingConnection}, so that every method reaches the
 * connection they wrap.
 */
public interface Connection {

	/**
	 * Queues bytes for output and returns at once. The array may be sent later, so the
	 * caller must not change it afterwards. Thread-safe.
	 * @param data the bytes to send
	 * @throws IllegalStateException if this side closed the connection
	 */
	void write(byte[] data);

	/**
	 * Queues text, encoded as UTF-8, for output. Thread-safe.
	 * @param text the text to send
	 * @throws IllegalStateException if this side closed the connection
	 */
	default void write(String text) {
		write(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Queues a sequence of byte arrays for output. The iterable is consumed lazily, on
	 * the loop thread, only as fast as the peer takes the data, so it may produce more
	 * than fits in memory. A failure of the iterator, or a {@code null} element, is
	 * passed to the handler's {@link ConnectionHandler#handleException}. Thread-safe.
	 * @param data the byte arrays to send, in order
	 * @throws IllegalStateException if this side closed the connection
	 */
	void writeLines(Iterable<byte[]> data);

	/**
	 * Closes the connection gracefully: output already written is sent first. The peer's
	 * handler gets {@link ConnectionHandler#handleClose}; this side's handler is not
	 * notified. Idempotent and thread-safe.
	 */
	void close();

	/**
	 * Half-closes the connection: output already written is sent, then this side's end of
	 * the stream is shut down (the peer sees end of input), while input may still arrive.
	 * {@code write}/{@code writeLines} then throw {@link IllegalStateException};
	 * {@link #close()} is still needed to release the connection. Idempotent and
	 * thread-safe.
	 */
	void shutdownOutput();

	/**
	 * Returns whether output may be written without growing the queue past its high-water
	 * mark: {@code false} while more than that is queued (counted at {@code write}, from
	 * any thread), and after close. When it turns {@code true} again the handler gets
	 * {@link ConnectionHandler#handleWritable}. Thread-safe.
	 * @return whether the connection takes more output now
	 */
	boolean isWritable();

	/**
	 * Stops delivering input until {@link #resumeReading()}: NIO stops reading the socket
	 * (the peer is held back by TCP flow control), the testing implementation queues the
	 * input. Pauses do not nest: one resume undoes any number of pauses. Thread-safe.
	 */
	void pauseReading();

	/**
	 * Delivers input again after {@link #pauseReading()}. Thread-safe.
	 */
	void resumeReading();

	/**
	 * Runs {@code task} once, after {@code delay}, as an event of this connection: on its
	 * loop thread, never concurrently with its handler calls and never inside one (a task
	 * that falls due during a call runs after it, queued like input; under an imperative
	 * handler, after the body waits again). Never inside this call, even for a zero or
	 * negative delay (as soon as possible). A task's exception is handled as a handler's:
	 * logged, and the connection is closed with {@link CloseReason.Kind#HANDLER_FAILED}.
	 * Pending tasks are cancelled when the connection closes; on a connection that is
	 * already closed this returns a handle that is already cancelled ({@code cancel()}
	 * returns {@code false}) and nothing runs. Thread-safe.
	 * @param delay how long to wait; zero or negative for as soon as possible
	 * @param task what to run
	 * @return a handle to cancel the task
	 */
	Cancellable schedule(Duration delay, Runnable task);

	/**
	 * Sets the handler that receives this connection's events. Input and close events
	 * that arrived before a handler was set are replayed to it, in order.
	 * @param handler the handler
	 */
	void setHandler(ConnectionHandler handler);

	/**
	 * Returns whether the connection is open: {@code false} from the moment either side
	 * closed it.
	 * @return whether the connection is open
	 */
	boolean isOpen();

	/**
	 * Returns the address of the other end: the client's for a server connection, the
	 * server's for a client connection.
	 * @return the peer's address
	 */
	SocketAddress peerAddress();

	/**
	 * Returns the listener that accepted this connection.
	 * @return the listener, or {@code null} for a client connection
	 */
	@Nullable Listener listener();

	/**
	 * Returns the address of the proxy a connection came through, when its listener reads
	 * the PROXY protocol and the connection sent a header: {@link #peerAddress()} is then
	 * the client's address from the header (or the proxy's own, for a header that carries
	 * none, such as a balancer's health check).
	 * @return the proxy's address, or {@code null} for a connection that did not come
	 * through a proxy
	 */
	default @Nullable SocketAddress proxyAddress() {
		return null;
	}

	/**
	 * Returns the TLS session of a connection made with TLS: the protocol, the cipher
	 * suite and the peer's certificates (a client certificate on a listener asking for
	 * one). Handlers that authorise by certificate read it here.
	 * @return the session, or {@code null} when the connection is not TLS
	 */
	default @Nullable SSLSession tlsSession() {
		return null;
	}

	/**
	 * Returns the application protocol agreed by ALPN during the TLS handshake.
	 * @return the protocol, or {@code null} when the connection is not TLS or no protocol
	 * was agreed
	 */
	default @Nullable String applicationProtocol() {
		return null;
	}

	/**
	 * Returns the framing limits of this connection: its listener's
	 * ({@link ListenOptions#frameLimits()}) for an accepted connection,
	 * {@link FrameLimits#DEFAULTS} otherwise. Adapters made without an explicit limit,
	 * such as {@code new Lines(connection)}, use them.
	 * @return the limits
	 */
	default FrameLimits frameLimits() {
		return FrameLimits.DEFAULTS;
	}

}
