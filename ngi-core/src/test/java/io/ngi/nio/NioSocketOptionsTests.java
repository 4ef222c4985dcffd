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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.Connection;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket options {@link NioImplementation} sets, read back from the real sockets:
 * {@code TCP_NODELAY} on accepted and on connected sockets, and the listen backlog from
 * {@link ListenOptions}.
 */
class NioSocketOptionsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

	private final NioImplementation ngi = NioImplementation.builder().name("options-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void acceptedConnectionsHaveTcpNoDelay() throws Exception {
		CompletableFuture<Connection> accepted = new CompletableFuture<>();
		Listener listener = this.ngi.listen(ANY_LOOPBACK_PORT, accepted::complete);
		try (SocketChannel client = SocketChannel.open(listener.address())) {
			assertThat(client.getOption(StandardSocketOptions.TCP_NODELAY)).as("a plain client's default").isFalse();
			NioConnection connection = (NioConnection) accepted.get(10, TimeUnit.SECONDS);
			assertThat(connection.socketOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
		}
		finally {
			listener.close();
		}
	}

	@Test
	void clientConnectionsHaveTcpNoDelay() throws Exception {
		Listener listener = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> connection.setHandler((c, data) -> {
		}));
		try {
			Recorder client = new Recorder();
			this.ngi.connect(listener.address(), client);
			NioConnection connection = (NioConnection) client.connection.get(10, TimeUnit.SECONDS);
			assertThat(connection.socketOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
			connection.close();
		}
		finally {
			listener.close();
		}
	}

	/**
	 * While the listener's loop is blocked nothing is accepted, so every connect that
	 * completes waits in the kernel's accept queue, whose length is the backlog passed to
	 * {@code bind}. With the backlog set to 300 all 300 connects complete; with the JDK's
	 * default (50) or ListenOptions' default (255) the queue would be full before and the
	 * kernel would drop the later SYNs, so they would never complete while the loop is
	 * blocked.
	 */
	@Test
	void listenBacklogFromListenOptionsIsTheKernelAcceptQueueLength() throws Exception {
		int backlog = 300;
		Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
		assumeThat(Files.isReadable(somaxconn)).as("Linux, whose accept queue the test relies on").isTrue();
		assumeThat(Integer.parseInt(Files.readAllLines(somaxconn).get(0).trim())).as("net.core.somaxconn")
			.isGreaterThanOrEqualTo(backlog);
		AtomicInteger accepted = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		EventLoop loop = this.ngi.core().loops()[0];
		List<SocketChannel> clients = new ArrayList<>();
		Listener listener = null;
		try {
			CompletableFuture<Void> blocked = new CompletableFuture<>();
			loop.execute(() -> {
				blocked.complete(null);
				awaitQuietly(release);
			});
			blocked.get(10, TimeUnit.SECONDS);
			listener = this.ngi.listen(ANY_LOOPBACK_PORT, (connection) -> {
				accepted.incrementAndGet();
				connection.close();
			}, ListenOptions.builder().backlog(backlog).build());
			for (int i = 0; i < backlog; i++) {
				SocketChannel client = SocketChannel.open();
				clients.add(client);
				client.configureBlocking(false);
				client.connect(listener.address());
			}
			await().atMost(WAIT).until(() -> finishedConnects(clients) == backlog);
			assertThat(accepted).hasValue(0);
			release.countDown();
			await().atMost(WAIT).until(() -> accepted.get() == backlog);
		}
		finally {
			release.countDown();
			for (SocketChannel client : clients) {
				client.close();
			}
			if (listener != null) {
				listener.close();
			}
		}
	}

	private static int finishedConnects(List<SocketChannel> clients) throws IOException {
		int finished = 0;
		for (SocketChannel client : clients) {
			if (client.isConnected() || client.finishConnect()) {
				finished++;
			}
		}
		return finished;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
