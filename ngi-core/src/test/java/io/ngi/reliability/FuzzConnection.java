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

package io.ngi.reliability;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

import io.ngi.BareConnection;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.jspecify.annotations.Nullable;

/**
 * A connection without a socket for fuzzing adapters: it keeps the handler set on it,
 * counts the bytes written and records whether it was closed. One thread.
 */
final class FuzzConnection extends BareConnection {

	private @Nullable ConnectionHandler handler;

	private boolean open = true;

	long written;

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
		this.open = false;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
	}

	ConnectionHandler handler() {
		return Objects.requireNonNull(this.handler, "no handler was set");
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public SocketAddress peerAddress() {
		return InetSocketAddress.createUnresolved("fuzzer", 1);
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

}
