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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, and the original's "evil set-up": failing handlers must not stop
 * the loop from serving everyone else.
 */
class NioLoadTests {

	private final NioImplementation ngi = NioImplementation.builder().name("load-test").loops(2).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private List<WordCount.Client> runClients(Listener listener, int count) throws Exception {
		List<WordCount.Client> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			WordCount.Client client = new WordCount.Client(WordCount.SAMPLE_DOCS);
			clients.add(client);
			this.ngi.connect(listener.address(), client);
		}
		for (WordCount.Client client : clients) {
			assertThat(client.answers.get(30, TimeUnit.SECONDS)).isEqualTo(client.expected());
		}
		return clients;
	}

	@Test
	void twoHundredConcurrentWordCountClientsAllGetTheRightAnswers() throws Exception {
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		assertThat(runClients(listener, 200)).hasSize(200);
		assertThat(WordCount.count(WordCount.SAMPLE_DOCS.get(0))).isEqualTo("1 2 12");
		listener.close();
	}

	@Test
	void evilHandlersLeaveTheLoopServingEveryoneElse() throws Exception {
		try (LogCapture logs = new LogCapture()) {
			Listener evilServer = this.ngi.listen(null, (connection) -> {
				throw new IllegalStateException("evil server");
			});
			Listener wordCount = this.ngi.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
			Listener evilClose = this.ngi.listen(null, (connection) -> connection.setHandler(new ConnectionHandler() {
				@Override
				public void handleInput(Connection c, byte[] data) {
					throw new IllegalStateException("evil input");
				}

				@Override
				public void handleClose(Connection c, String reason) {
					throw new IllegalStateException("evil close");
				}
			}));

			Recorder refusedByServer = new Recorder();
			this.ngi.connect(evilServer.address(), refusedByServer);
			assertThat(refusedByServer.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");

			Recorder inputFails = new Recorder("boom".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(evilClose.address(), inputFails);
			assertThat(inputFails.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");

			Recorder wordCountE = new Recorder("E\0".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(wordCount.address(), wordCountE);
			assertThat(wordCountE.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");

			CompletableFuture<Connection> connectedFails = new CompletableFuture<>();
			this.ngi.connect(wordCount.address(), new ClientConnectHandler() {
				@Override
				public void connected(Connection connection) {
					connectedFails.complete(connection);
					throw new IllegalStateException("evil connected");
				}

				@Override
				public void failedConnect(String reason) {
				}
			});
			Connection failedClient = connectedFails.get(10, TimeUnit.SECONDS);

			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			CompletableFuture<String> failedConnect = new CompletableFuture<>();
			this.ngi.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new ClientConnectHandler() {
				@Override
				public void connected(Connection connection) {
				}

				@Override
				public void failedConnect(String reason) {
					failedConnect.complete(reason);
					throw new IllegalStateException("evil failedConnect");
				}
			});
			assertThat(failedConnect.get(10, TimeUnit.SECONDS)).isEqualTo("ECONNREFUSED");

			runClients(wordCount, 20);
			assertThat(failedClient.isOpen()).isFalse();
			assertThat(evilServer.isOpen()).isTrue();
			assertThat(evilClose.isOpen()).isTrue();
			assertThat(this.ngi.loopFailures()).isZero();

			List<ILoggingEvent> errors = logs.events(Level.ERROR);
			assertThat(count(errors, "evil server")).isEqualTo(1);
			assertThat(count(errors, "evil input")).isEqualTo(1);
			assertThat(count(errors, "evil close")).isEqualTo(1);
			assertThat(count(errors, "evil connected")).isEqualTo(1);
			assertThat(count(errors, "evil failedConnect")).isEqualTo(1);
			assertThat(count(errors, "java.lang.IllegalArgumentException: E")).isEqualTo(1);
			assertThat(errors).hasSize(6);
			assertThat(errors).filteredOn((event) -> !event.getThrowableProxy().getMessage().contains("failedConnect"))
				.allSatisfy((event) -> assertThat(event.getFormattedMessage()).contains("NioConnection["));
			assertThat(errors).filteredOn((event) -> event.getThrowableProxy().getMessage().contains("failedConnect"))
				.allSatisfy((event) -> assertThat(event.getFormattedMessage()).contains(":" + port));
			evilServer.close();
			wordCount.close();
			evilClose.close();
		}
	}

	private static long count(List<ILoggingEvent> events, String failure) {
		return events.stream()
			.filter((event) -> event.getThrowableProxy() != null)
			.filter((
					event) -> (event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage())
						.contains(failure))
			.count();
	}

	@Test
	void handlerErrorClosesOnlyItsConnectionWithTheErrorAsReason() throws Exception {
		CompletableFuture<String> reason = new CompletableFuture<>();
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
				if (data[0] == '!') {
					throw new AssertionError("boom");
				}
				c.write(data);
			}

			@Override
			public void handleClose(Connection c, String why) {
				reason.complete(why);
			}
		}));
		Recorder failing = new Recorder("!".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), failing);
		assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo("java.lang.AssertionError: boom");
		assertThat(failing.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		Recorder fine = new Recorder("ok".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), fine);
		assertThat(fine.firstInput.get(10, TimeUnit.SECONDS)).isNotEmpty();
		assertThat(this.ngi.loopFailures()).isZero();
		listener.close();
	}

	@Test
	void closeWaitGivesConnectionsTimeThenForceClosesThem() throws Exception {
		Listener listener = this.ngi.listen(null, (connection) -> connection.setHandler(new WordCount.Server()));
		Recorder idle = new Recorder();
		this.ngi.connect(listener.address(), idle);
		Connection client = idle.connection.get(10, TimeUnit.SECONDS);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> listener.connections().size() == 1);
		assertThat(listener.closeWait(Duration.ofMillis(100))).isFalse();
		assertThat(idle.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		assertThat(client.isOpen()).isFalse();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(listener.connections()).isEmpty());
	}

}
