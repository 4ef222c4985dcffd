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

package io.ngi.nio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * A client handler for tests: records the connection, the input, the close reason and a
 * failed connect. Thread-safe.
 */
final class Recorder implements ClientConnectHandler, ConnectionHandler {

	final CompletableFuture<Connection> connection = new CompletableFuture<>();

	final CompletableFuture<String> closed = new CompletableFuture<>();

	final CompletableFuture<String> failed = new CompletableFuture<>();

	final CompletableFuture<byte[]> firstInput = new CompletableFuture<>();

	final List<String> threads = new CopyOnWriteArrayList<>();

	private final ByteArrayOutputStream input = new ByteArrayOutputStream();

	private final byte[] onConnect;

	volatile int sizeAtClose = -1;

	Recorder() {
		this(new byte[0]);
	}

	Recorder(byte[] onConnect) {
		this.onConnect = onConnect;
	}

	@Override
	public void connected(Connection connection) {
		connection.setHandler(this);
		if (this.onConnect.length > 0) {
			connection.write(this.onConnect);
		}
		this.connection.complete(connection);
	}

	@Override
	public void failedConnect(String reason) {
		this.failed.complete(reason);
	}

	@Override
	public void handleInput(Connection connection, byte[] data) {
		this.threads.add(Thread.currentThread().getName());
		synchronized (this.input) {
			this.input.write(data, 0, data.length);
		}
		this.firstInput.complete(data);
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		this.sizeAtClose = size();
		this.closed.complete(reason);
	}

	int size() {
		synchronized (this.input) {
			return this.input.size();
		}
	}

	byte[] bytes() {
		synchronized (this.input) {
			return this.input.toByteArray();
		}
	}

	String text() {
		return new String(bytes(), StandardCharsets.UTF_8);
	}

}
