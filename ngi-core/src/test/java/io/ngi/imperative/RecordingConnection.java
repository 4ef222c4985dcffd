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

package io.ngi.imperative;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ngi.BareConnection;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;

/**
 * A bare connection for driving a handler by hand: records what is written and the
 * handler set, delivers nothing by itself.
 */
final class RecordingConnection extends BareConnection {

	final List<String> written = new ArrayList<>();

	@Nullable ConnectionHandler handler;

	boolean open = true;

	@Override
	public void write(byte[] data) {
		if (!this.open) {
			throw new IllegalStateException("write called on closed connection");
		}
		this.written.add(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		data.forEach(this::write);
	}

	@Override
	public void close() {
		if (this.open) {
			this.open = false;
			this.written.add("CLOSE");
		}
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
		return InetSocketAddress.createUnresolved("peer", 1);
	}

	@Override
	public @Nullable Listener listener() {
		return null;
	}

	ConnectionHandler handler() {
		ConnectionHandler current = this.handler;
		if (current == null) {
			throw new IllegalStateException("no handler set");
		}
		return current;
	}

}
