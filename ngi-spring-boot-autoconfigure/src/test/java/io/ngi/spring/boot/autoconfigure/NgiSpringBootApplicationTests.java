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

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.spring.boot.actuate.NgiMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full Spring Boot application with every auto-configuration on the test class path
 * (Boot's metrics included), real sockets on port 0, and a check that closing the context
 * leaves no NGI thread and no open port.
 */
@ExtendWith(NgiSpringBootApplicationTests.AfterContextClosedCheck.class)
@SpringBootTest(classes = NgiSpringBootApplicationTests.EchoApplication.class,
		properties = { "ngi.loops=2", "spring.lifecycle.timeout-per-shutdown-phase=2s" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NgiSpringBootApplicationTests {

	private static volatile ConfigurableApplicationContext lastContext;

	private static volatile int lastPort;

	@Autowired
	private ConfigurableApplicationContext context;

	@Value("${local.ngi.echo.port}")
	private int port;

	@Value("${local.ngi.log.port}")
	private int udpPort;

	@Test
	@Order(1)
	void echoServerWhenConnectedShouldExchangeData() throws Exception {
		assertThat(this.port).isPositive();
		try (SocketClient client = new SocketClient(this.port)) {
			client.send("hello\n");
			assertThat(new String(client.read(6), StandardCharsets.UTF_8)).isEqualTo("hello\n");
		}
		assertThat(SocketClient.liveNgiThreads()).isNotEmpty().allMatch((name) -> name.startsWith("ngi-loop-"));
		// non-daemon loop threads keep an application without a web server running; the
		// blocked-loop watchdog is a daemon
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().matches("ngi-loop-\\d+"))
			.isNotEmpty()
			.noneMatch(Thread::isDaemon);
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().equals("ngi-loop-watchdog"))
			.allMatch(Thread::isDaemon);
	}

	@Test
	@Order(2)
	void udpHandlerWhenDatagramSentShouldReceiveIt() throws Exception {
		try (DatagramSocket socket = new DatagramSocket()) {
			byte[] message = "ping".getBytes(StandardCharsets.UTF_8);
			socket.send(new DatagramPacket(message, message.length, new InetSocketAddress("127.0.0.1", this.udpPort)));
		}
		List<String> received = this.context.getBean(EchoApplication.class).datagrams;
		await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("ping"));
	}

	@Test
	@Order(3)
	void metersWhenNConnectionsExchangeMBytesShouldSayNAndM() throws Exception {
		assertThat(this.context.getBeansOfType(NgiMetrics.class)).hasSize(1);
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		double acceptedBefore = count(registry, "ngi.connections.accepted");
		double receivedBefore = count(registry, "ngi.bytes.received");
		double sentBefore = count(registry, "ngi.bytes.sent");
		int connections = 8;
		int bytes = 50_000;
		byte[] data = new byte[bytes];
		Arrays.fill(data, (byte) 'm');
		for (int i = 0; i < connections; i++) {
			try (SocketClient client = new SocketClient(this.port)) {
				client.send(data);
				assertThat(client.read(bytes)).isEqualTo(data);
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					registry.get("ngi.connections.active").tags("listener", "echo", "transport", "tcp").gauge().value())
				.isZero());
		assertThat(count(registry, "ngi.connections.accepted") - acceptedBefore).isEqualTo(connections);
		assertThat(count(registry, "ngi.bytes.received") - receivedBefore).isEqualTo((double) connections * bytes);
		assertThat(count(registry, "ngi.bytes.sent") - sentBefore).isEqualTo((double) connections * bytes);
	}

	@Test
	@Order(4)
	void contextShouldBeCheckedAfterItCloses() {
		// AfterContextClosedCheck runs once SpringExtension closed this dirty context
		lastContext = this.context;
		lastPort = this.port;
		assertThat(SocketClient.refusesConnections(this.port)).isFalse();
	}

	private static double count(MeterRegistry registry, String name) {
		return registry.get(name).tags("listener", "echo", "transport", "tcp").functionCounter().count();
	}

	static final class AfterContextClosedCheck implements AfterAllCallback {

		@Override
		public void afterAll(ExtensionContext extensionContext) {
			assertThat(lastContext).as("context of the last test").isNotNull();
			assertThat(lastContext.isActive()).as("context closed before this check").isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> SocketClient.liveNgiThreads().isEmpty());
			assertThat(SocketClient.refusesConnections(lastPort)).isTrue();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		final List<String> datagrams = new CopyOnWriteArrayList<>();

		@NgiServer(name = "echo", address = "127.0.0.1:${echo.port:0}")
		ConnectionHandler echo() {
			return new ConnectionHandler() {

				@Override
				public void handleInput(Connection connection, byte[] data) {
					connection.write(data);
				}

			};
		}

		@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
		UdpHandler log() {
			return (source, message) -> this.datagrams.add(new String(message, StandardCharsets.UTF_8));
		}

	}

}
