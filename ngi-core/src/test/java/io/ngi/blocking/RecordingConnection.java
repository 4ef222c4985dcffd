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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.BareConnection;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.jspecify.annotations.Nullable;

/**
 * A connection that keeps the arrays written to it, as given, and counts close calls; the
 * test plays the implementation by calling the handler itself.
 */
final class RecordingConnection extends BareConnection {

	private final List<byte[]> written = new CopyOnWriteArrayList<>();

	private final List<Iterable<byte[]>> writtenLines = new CopyOnWriteArrayList<>();

	private final AtomicInteger closeCalls = new AtomicInteger();

	private volatile boolean open = true;

	private volatile @Nullable ConnectionHandler handler;

	@Override
	public void write(byte[] data) {
		if (!this.open) {
			throw new IllegalStateException("write called on closed connection");
		}
		this.written.add(data);
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		if (!this.open) {
			throw new IllegalStateException("write called on closed connection");
		}
		this.writtenLines.add(data);
	}

	@Override
	public void close() {
		this.closeCalls.incrementAndGet();
		this.open = false;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = handler;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public SocketAddress peerAddress() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), 7);
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

	List<byte[]> written() {
		return this.written;
	}

	List<Iterable<byte[]>> writtenLines() {
		return this.writtenLines;
	}

	int closeCalls() {
		return this.closeCalls.get();
	}

	@Nullable ConnectionHandler handler() {
		return this.handler;
	}

}
