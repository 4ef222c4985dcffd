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

package io.ngi.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.adapters.Lines;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.test.LocalNgiPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A graceful drain seen from outside: {@code /actuator/health/readiness} turns
 * OUT_OF_SERVICE (HTTP 503) as soon as it starts, the connections already open are still
 * served, no new one is accepted, and each open connection's handler hears
 * {@code handleDraining} once, so a protocol can say it is going away.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ngi.ephemeral-ports=true", "ngi.clients.heartbeat.enabled=false",
				"ngi.servers.going-away.address=127.0.0.1:0" })
@Import(SampleDrainTests.GoingAwayServer.class)
@DirtiesContext
class SampleDrainTests {

	private static final int CLIENTS = 3;

	@LocalServerPort
	private int httpPort;

	@LocalNgiPort("echo")
	private int echoPort;

	@LocalNgiPort("going-away")
	private int goingAwayPort;

	@Autowired
	private NgiListenerRegistry registry;

	@Autowired
	private List<String> drained;

	@Test
	void readinessIsOutOfServiceWhileOpenConnectionsAreStillServed() throws Exception {
		assertThat(readiness()).isEqualTo("200 UP");
		List<Socket> sockets = new ArrayList<>();
		try (Socket echo = connect(this.echoPort)) {
			BufferedReader echoIn = reader(echo);
			write(echo, "before\n");
			assertThat(echoIn.readLine()).isEqualTo("BEFORE");
			for (int i = 0; i < CLIENTS; i++) {
				Socket socket = connect(this.goingAwayPort);
				sockets.add(socket);
				write(socket, "hello\n");
				assertThat(reader(socket).readLine()).isEqualTo("hello");
			}

			CountDownLatch done = new CountDownLatch(1);
			this.registry.shutDownGracefully(done::countDown);

			assertThat(readiness()).isEqualTo("503 OUT_OF_SERVICE");
			write(echo, "still served\n");
			assertThat(echoIn.readLine()).isEqualTo("STILL SERVED");
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(this.echoPort).close());
			for (Socket socket : sockets) {
				BufferedReader in = reader(socket);
				assertThat(in.readLine()).isEqualTo("going away");
				assertThat(in.readLine()).isNull();
			}
			assertThat(this.drained).hasSize(CLIENTS).doesNotHaveDuplicates();
			assertThat(done.getCount()).as("the echo connection is still open").isOne();
			echo.close();
			assertThat(done.await(10, TimeUnit.SECONDS)).as("drained once the last connection closed").isTrue();
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private String readiness() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		String status = response.body().replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1");
		return response.statusCode() + " " + status;
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
	}

	private static void write(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Echoes lines, and on a drain tells its client it is going away and closes.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class GoingAwayServer {

		@Bean
		List<String> drained() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		@NgiServer(name = "going-away")
		Server goingAway(List<String> drained) {
			return (connection) -> new Lines(connection).setHandler(new ConnectionHandler() {

				@Override
				public void handleInput(Connection lines, byte[] line) {
					lines.write(line);
					lines.write("\n");
				}

				@Override
				public void handleDraining(Connection lines) {
					drained.add(lines.peerAddress().toString());
					lines.write("going away\n");
					lines.close();
				}

			});
		}

	}

}
