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

package io.ngi.benchmarks.jmh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.time.Duration;

import io.ngi.Cancellable;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

import org.jspecify.annotations.Nullable;

/**
 * A connection with no transport: counts written bytes and remembers the handler, so a
 * benchmark can call the handler directly and measure only the code above the transport.
 * Single-threaded apart from {@code write}, which the imperative body thread calls.
 */
final class SinkConnection implements Connection {

	private static final SocketAddress PEER = InetSocketAddress.createUnresolved("sink", 1);

	private volatile long written;

	private @Nullable ConnectionHandler handler;

	@Override
	public void write(byte[] data) {
		this.written += data.length;
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		for (byte[] item : data) {
			write(item);
		}
	}

	@Override
	public void close() {
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
	}

	ConnectionHandler handler() {
		return Objects.requireNonNull(this.handler, "no handler was set");
	}

	long written() {
		return this.written;
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public SocketAddress peerAddress() {
		return PEER;
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

	@Override
	public void shutdownOutput() {
	}

	@Override
	public boolean isWritable() {
		return isOpen();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule");
	}

	@Override
	public void pauseReading() {
	}

	@Override
	public void resumeReading() {
	}

}
