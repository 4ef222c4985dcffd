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

package io.ngi.spring.boot.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.ngi.Implementation;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.test.sample.AuditLog;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
@AutoConfigureNgi
class AutoConfigureNgiTests {

	private static final int ECHO_PORT = freePort();

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void echoAddress(DynamicPropertyRegistry registry) {
		registry.add("echo.address", () -> "127.0.0.1:" + ECHO_PORT);
	}

	@Test
	void listenerOnAConfiguredPortShouldOpenNoSocket() throws IOException {
		assertThat(this.ngi.address("echo"))
			.isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), ECHO_PORT));
		try (Socket socket = new Socket()) {
			assertThatExceptionOfType(ConnectException.class).isThrownBy(
					() -> socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ECHO_PORT), 2000));
		}
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ECHO_PORT));
			assertThat(server.getLocalPort()).isEqualTo(ECHO_PORT);
		}
	}

	@Test
	void testingImplementationShouldReplaceTheNioImplementation() {
		assertThat(this.context.getBeansOfType(Implementation.class)).containsOnlyKeys("ngiTestingImplementation");
		assertThat(this.context.getBeanNamesForType(NioImplementation.class)).isEmpty();
	}

	@Test
	void fullContextShouldLoadEveryComponentAndRunServersInMemory() {
		assertThat(this.context.getBeanNamesForType(AuditLog.class)).hasSize(1);
		assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "greet", "counter", "failing", "log",
				"reverse", "shout", "local-echo");
		// The clients of FeedClientConfiguration: one to a listener of the context, in
		// memory; one to an upstream nobody stood up, waiting.
		assertThat(this.ngi.client("loopback").isConnected()).isTrue();
		assertThat(this.ngi.client("feed").isConnected()).isFalse();
		TestConnection client = this.ngi.connect("greet");
		client.write("Ada".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'Hello, Ada!\\n'");
	}

	@Test
	void echoOnTheConfiguredAddressShouldAnswerThroughTheClient() {
		TestConnection client = this.ngi.connect("echo");
		client.write("ping".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'ping'");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot find a free port on the loopback address", ex);
		}
	}

}
