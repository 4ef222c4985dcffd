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

package io.ngi.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.ngi.Connection;
import io.ngi.Listener;
import io.ngi.client.ReconnectingClient.State;
import io.ngi.nio.InlineImplementation;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ReconnectingClient} on real loopback sockets: the NIO implementation and the
 * inline loop. Waits are bounded polls; nothing here asserts on timing.
 */
class ReconnectingClientNioTests {

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingClientNioTests.class);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
	}

	@Test
	void reconnectsEveryTimeTheListenerComesBackOnTheSamePort() {
		NioImplementation nio = register(NioImplementation.builder().name("reconnect").loops(1).build());
		AtomicInteger accepted = new AtomicInteger();
		Listener listener = nio.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
				(connection) -> accepted.incrementAndGet());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		StringBuilder greetings = new StringBuilder();
		ReconnectingClient client = register(ReconnectingClient.builder(nio, address, (connection) -> {
			connection.setHandler((c, data) -> {
				synchronized (greetings) {
					greetings.append(new String(data, StandardCharsets.UTF_8));
				}
			});
			connection.write("hello\n".getBytes(StandardCharsets.UTF_8));
		}).name("restarts").backoff(Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(200))).build());
		await().atMost(PATIENCE).until(client::isConnected);
		int reconnects = 0;
		for (int round = 1; round <= 20; round++) {
			listener.close();
			await().atMost(PATIENCE).until(() -> !client.isConnected());
			listener = nio.listen(address, (connection) -> accepted.incrementAndGet());
			await().atMost(PATIENCE).until(client::isConnected);
			reconnects++;
		}
		listener.close();
		logger.info("Reconnected {} times out of 20 listener restarts; {} connections accepted, {} attempts",
				reconnects, accepted.get(), client.attempts());
		assertThat(reconnects).isEqualTo(20);
		assertThat(accepted).hasValueGreaterThanOrEqualTo(21);
	}

	@Test
	void aThousandClientsWaitingOutAnHourCostNoThreadAndUnderOneKilobyteEach() {
		NioImplementation nio = register(NioImplementation.builder().name("waiting").loops(1).build());
		InetSocketAddress dead = deadAddress();
		// Warm up the loop thread, the classes and the connect path.
		ReconnectingClient warm = ReconnectingClient.builder(nio, dead, (connection) -> {
		}).backoff(Backoff.fixed(Duration.ofHours(1))).build();
		await().pollInSameThread().atMost(PATIENCE).until(() -> warm.state() == State.WAITING);
		// The warm client keeps waiting, so the loop thread (which ends when its loop is
		// idle) is there before and after.
		Set<String> namesBefore = threadNames();
		long heapBefore = usedHeapAfterGc();
		List<ReconnectingClient> clients = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			clients.add(ReconnectingClient.builder(nio, dead, (connection) -> {
			}).backoff(Backoff.fixed(Duration.ofHours(1))).build());
		}
		await().pollInSameThread()
			.atMost(PATIENCE)
			.until(() -> clients.stream().allMatch((c) -> c.state() == State.WAITING));
		long heapAfter = usedHeapAfterGc();
		long perClient = (heapAfter - heapBefore) / clients.size();
		Set<String> newThreads = threadNames();
		newThreads.removeAll(namesBefore);
		logger.info("1000 clients waiting out a 1-hour backoff: {} bytes of heap per client, {} threads before,"
				+ " new threads: {}", perClient, namesBefore.size(), newThreads);
		assertThat(clients).allSatisfy((c) -> assertThat(c.attempts()).isEqualTo(1));
		assertThat(newThreads).isEmpty();
		// The implementation's one loop thread (its timers hold the clients' waits) and
		// its
		// blocked-loop watchdog; none per client.
		assertThat(Thread.getAllStackTraces().keySet()).filteredOn((t) -> t.getName().matches("waiting-\\d+"))
			.hasSize(1);
		assertThat(perClient).isLessThan(1024);
		clients.forEach(ReconnectingClient::close);
		warm.close();
	}

	@Test
	void tenThousandFailedAttemptsLeaveNoDescriptorBehind() throws IOException {
		Path fds = Path.of("/proc/self/fd");
		assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
		NioImplementation nio = register(NioImplementation.builder().name("failing").loops(1).build());
		InetSocketAddress dead = deadAddress();
		long before = count(fds);
		List<ReconnectingClient> clients = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			clients.add(ReconnectingClient.builder(nio, dead, (connection) -> {
			}).backoff(Backoff.fixed(Duration.ofMillis(1))).build());
		}
		await().atMost(Duration.ofMinutes(3))
			.until(() -> clients.stream().mapToLong(ReconnectingClient::failures).sum() >= 10_000);
		clients.forEach(ReconnectingClient::close);
		long failures = clients.stream().mapToLong(ReconnectingClient::failures).sum();
		await().atMost(PATIENCE).until(() -> count(fds) <= before);
		long after = count(fds);
		logger.info("{} failed attempts: sockets {} before, {} after", failures, before, after);
		assertThat(after).isLessThanOrEqualTo(before);
	}

	@Test
	void worksOnTheInlineLoop() {
		InlineImplementation inline = register(new InlineImplementation());
		AtomicInteger accepted = new AtomicInteger();
		Listener listener = inline.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (connection) -> {
			accepted.incrementAndGet();
			// The upstream hangs up on every connection at once.
			connection.close();
		});
		ReconnectingClient[] client = new ReconnectingClient[1];
		AtomicInteger connections = new AtomicInteger();
		client[0] = ReconnectingClient.builder(inline, listener.address(), (connection) -> {
			connection.setHandler((c, data) -> {
			});
			if (connections.incrementAndGet() == 3) {
				client[0].close();
				listener.close();
			}
		}).backoff(Backoff.fixed(Duration.ofMillis(10))).build();
		inline.loop(PATIENCE);
		assertThat(connections).hasValue(3);
		assertThat(client[0].state()).isEqualTo(State.CLOSED);
		assertThat(client[0].failures()).isZero();
	}

	private static InetSocketAddress deadAddress() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> threadNames() {
		Set<String> names = new TreeSet<>();
		Thread.getAllStackTraces().keySet().forEach((thread) -> names.add(thread.getName()));
		return names;
	}

	/**
	 * Counts the process's sockets: a failed attempt could only leak a socket, and other
	 * descriptors come and go with the JVM (a jar opened by a class loaded meanwhile made
	 * a whole-table count flaky).
	 */
	private static long count(Path fds) throws IOException {
		try (Stream<Path> entries = Files.list(fds)) {
			return entries.filter(ReconnectingClientNioTests::isSocket).count();
		}
	}

	private static boolean isSocket(Path descriptor) {
		try {
			return Files.readSymbolicLink(descriptor).toString().startsWith("socket:");
		}
		catch (IOException ex) {
			// Closed between the listing and the read.
			return false;
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private <T extends AutoCloseable> T register(T closeable) {
		this.toClose.add(closeable);
		return closeable;
	}

}
