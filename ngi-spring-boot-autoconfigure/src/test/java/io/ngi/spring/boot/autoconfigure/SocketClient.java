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

package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A blocking loopback client for the real-socket tests.
 */
final class SocketClient implements AutoCloseable {

	private final Socket socket = new Socket();

	SocketClient(int port) throws IOException {
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(10_000);
	}

	void send(String text) throws IOException {
		this.socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
	}

	void send(byte[] data) throws IOException {
		this.socket.getOutputStream().write(data);
		this.socket.getOutputStream().flush();
	}

	byte[] read(int size) throws IOException {
		return this.socket.getInputStream().readNBytes(size);
	}

	/**
	 * Reads until the server closes the connection.
	 * @return everything received, as UTF-8
	 * @throws IOException if the connection is reset or the read times out
	 */
	String readToEnd() throws IOException {
		return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	static boolean refusesConnections(int port) {
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static Set<String> liveNgiThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ngi-"))
			.collect(Collectors.toSet());
	}

}
