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

package io.ngi.examples;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ngi.Addresses;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo example of the root README, as written there: tested in memory and served for
 * real.
 */
class ReadmeExampleTests {

	@Test
	void echoUpperCases() throws Exception {
		TestConnection connection = new TestConnection();
		new Echo().handleInput(connection, "hello out there".getBytes(StandardCharsets.UTF_8));
		assertThat(connection.output()).isEqualTo("-> 'HELLO OUT THERE'");
	}

	@Test
	void echoServesOverRealSockets() throws Exception {
		NioImplementation nio = NioImplementation.builder().name("echo").build();
		try {
			Listener listener = nio.listen(Addresses.parse("127.0.0.1:0"),
					(connection) -> connection.setHandler(new Echo()));
			try (Socket socket = new Socket()) {
				socket.connect(listener.address(), 5000);
				socket.setSoTimeout(5000);
				socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
				byte[] answer = socket.getInputStream().readNBytes(6);
				assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("HELLO\n");
				assertThat(((InetSocketAddress) listener.address()).getPort()).isPositive();
			}
			listener.close();
			nio.awaitIdle(Duration.ofSeconds(10));
		}
		finally {
			nio.close();
		}
	}

	static class Echo implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(new String(data, StandardCharsets.UTF_8).toUpperCase());
		}

	}

}
