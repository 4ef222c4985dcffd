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
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * A connection that forwards every method to another one: the base of wrappers (adapters,
 * metering or logging connections). A wrapper overrides what it changes and inherits the
 * rest, so a method added to {@link Connection} later reaches every wrapper instead of
 * being dropped by it.
 * <p>
 * Wrapping never changes how the wrapped connection's implementation runs handlers: the
 * implementation serializes events per connection (contract rule 1) whatever wraps it.
 *
 * {@snippet :
 * final class CountingConnection extends ForwardingConnection {
 *
 * 	final AtomicLong written = new AtomicLong();
 *
 * 	CountingConnection(Connection delegate) {
 * 		super(delegate);
 * 	}
 *
 * 	&#64;Override
 * 	public void write(byte[] data) {
 * 		this.written.addAndGet(data.length);
 * 		super.write(data);
 * 	}
 *
 * }
 * }
 */
public abstract class ForwardingConnection implements Connection {

	private final Connection delegate;

	/**
	 * Creates a connection that forwards to {@code delegate}.
	 * @param delegate the wrapped connection
	 */
	protected ForwardingConnection(Connection delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	/**
	 * Returns the wrapped connection.
	 * @return the connection every method is forwarded to
	 */
	protected Connection delegate() {
		return this.delegate;
	}

	@Override
	public void write(byte[] data) {
		this.delegate.write(data);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		this.delegate.writeLines(data);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public void shutdownOutput() {
		this.delegate.shutdownOutput();
	}

	@Override
	public boolean isWritable() {
		return this.delegate.isWritable();
	}

	@Override
	public void pauseReading() {
		this.delegate.pauseReading();
	}

	@Override
	public void resumeReading() {
		this.delegate.resumeReading();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		return this.delegate.schedule(delay, task);
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.delegate.setHandler(handler);
	}

	@Override
	public boolean isOpen() {
		return this.delegate.isOpen();
	}

	@Override
	public SocketAddress peerAddress() {
		return this.delegate.peerAddress();
	}

	@Override
	public @Nullable Listener listener() {
		return this.delegate.listener();
	}

	@Override
	public @Nullable SocketAddress proxyAddress() {
		return this.delegate.proxyAddress();
	}

	@Override
	public @Nullable SSLSession tlsSession() {
		return this.delegate.tlsSession();
	}

	@Override
	public @Nullable String applicationProtocol() {
		return this.delegate.applicationProtocol();
	}

	@Override
	public FrameLimits frameLimits() {
		return this.delegate.frameLimits();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "(" + this.delegate + ")";
	}

}
