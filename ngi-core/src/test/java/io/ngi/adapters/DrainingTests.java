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

package io.ngi.adapters;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.nio.NioImplementation;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectionHandler#handleDraining}: a listener's {@code stop()} tells each open
 * connection's handler once (through adapters too), which can say "going away" and close;
 * {@code close()} does not.
 */
class DrainingTests {

	private final List<String> drained = new CopyOnWriteArrayList<>();

	/** Greets each line with "ok", and on a drain says "going away" and closes. */
	private final Server goingAway = (connection) -> new Lines(connection).setHandler(new ConnectionHandler() {

		@Override
		public void handleInput(Connection lines, byte[] line) {
			lines.write("ok\n");
		}

		@Override
		public void handleDraining(Connection lines) {
			DrainingTests.this.drained.add(lines.peerAddress().toString());
			lines.write("going away\n");
			lines.close();
		}

	});

	@Test
	void stopTellsEachConnectionOnceAndCloseTellsNone() {
		TestingImplementation implementation = new TestingImplementation();
		TestListener listener = implementation.listen(TestingImplementation.address("drain"), this.goingAway);
		TestConnection first = listener.connect();
		TestConnection second = listener.connect();
		first.write("hello\n");
		assertThat(first.output()).isEqualTo("-> 'ok\\n'");
		CompletableFuture<Void> stopped = listener.stop();
		listener.stop();
		assertThat(this.drained).containsExactly("client-1", "client-2");
		assertThat(first.output()).isEqualTo("-> 'going away\\n'\n-> CLOSE");
		assertThat(second.output()).isEqualTo("-> 'going away\\n'\n-> CLOSE");
		assertThat(stopped).isDone();

		this.drained.clear();
		TestListener other = implementation.listen(TestingImplementation.address("closed"), this.goingAway);
		other.connect();
		other.close();
		assertThat(this.drained).isEmpty();
	}

	@Test
	void aHandlerThatIgnoresTheDrainIsStillServed() {
		TestingImplementation implementation = new TestingImplementation();
		TestListener listener = implementation.listen(TestingImplementation.address("served"),
				(connection) -> new Lines(connection).setHandler((lines, line) -> lines.write("ok\n")));
		TestConnection client = listener.connect();
		CompletableFuture<Void> stopped = listener.stop();
		client.write("still there?\n");
		assertThat(client.output()).isEqualTo("-> 'ok\\n'");
		assertThat(stopped).isNotDone();
		client.close();
		assertThat(stopped).isDone();
	}

	@Test
	void nioStopTellsEachOpenConnectionOnce() throws Exception {
		try (NioImplementation ngi = NioImplementation.builder().name("draining").loops(2).build()) {
			Listener listener = ngi.listen(new InetSocketAddress("127.0.0.1", 0), this.goingAway);
			List<Socket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					Socket socket = new Socket();
					socket.connect(listener.address(), 5000);
					socket.setSoTimeout(5000);
					socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
					// Served: the connection has its handler before the drain starts.
					assertThat(readLine(socket.getInputStream())).isEqualTo("ok");
					sockets.add(socket);
				}
				CompletableFuture<Void> stopped = listener.stop();
				listener.stop();
				for (Socket socket : sockets) {
					assertThat(readLine(socket.getInputStream())).isEqualTo("going away");
					assertThat(socket.getInputStream().read()).isEqualTo(-1);
				}
				stopped.get(5, TimeUnit.SECONDS);
				assertThat(this.drained).hasSize(4).doesNotHaveDuplicates();
			}
			finally {
				for (Socket socket : sockets) {
					socket.close();
				}
				listener.close();
			}
		}
	}

	private static String readLine(InputStream in) throws Exception {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				return line + "<EOF>";
			}
			line.append((char) b);
		}
		return line.toString();
	}

}
