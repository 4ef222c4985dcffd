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

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.NgiTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Loop threads of {@link NioImplementation}: names, lazy start, exit, leaks, and the
 * assignment of connections to loops.
 */
class NioThreadTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** The loop threads of an implementation, and its blocked-loop watchdog's. */
	private static List<Thread> threads(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> thread.getName().startsWith(prefix))
			.toList();
	}

	/** The loop threads only: {@code <name>-N}. */
	private static List<Thread> loopThreads(String prefix) {
		return threads(prefix).stream().filter((thread) -> thread.getName().matches(".*-\\d+")).toList();
	}

	@Test
	void threadsAreNamedStartedLazilyAndGoneAfterClose() throws Exception {
		NioImplementation ngi = NioImplementation.builder().name("lazy").loops(2).daemon(false).build();
		try {
			assertThat(threads("lazy-")).isEmpty();
			Listener listener = ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
			await().atMost(WAIT).until(() -> !threads("lazy-").isEmpty());
			assertThat(loopThreads("lazy-")).extracting(Thread::getName).containsAnyOf("lazy-1", "lazy-2");
			assertThat(loopThreads("lazy-")).noneMatch(Thread::isDaemon);
			// The watchdog runs while loops do, and never keeps the JVM alive.
			assertThat(threads("lazy-watchdog")).allMatch(Thread::isDaemon);
			Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
			ngi.connect(listener.address(), client);
			await().atMost(WAIT).until(() -> client.size() == 1);
			assertThat(loopThreads("lazy-")).extracting(Thread::getName).containsExactlyInAnyOrder("lazy-1", "lazy-2");
		}
		finally {
			ngi.close();
		}
		assertThat(threads("lazy-")).isEmpty();
		assertThat(ngi.loopFailures()).isZero();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> ngi.listen(null, (c) -> {
		}));
	}

	@Test
	void loopThreadsEndWhenNothingIsRegisteredAndAwaitIdleReturns() throws Exception {
		try (NioImplementation ngi = NioImplementation.builder().name("idle").build()) {
			Listener listener = ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
			assertThatExceptionOfType(NgiTimeoutException.class).isThrownBy(() -> ngi.awaitIdle(Duration.ofMillis(50)));
			Recorder client = new Recorder("x".getBytes(StandardCharsets.UTF_8));
			ngi.connect(listener.address(), client);
			await().atMost(WAIT).until(() -> client.size() == 1);
			client.connection.get().close();
			listener.close();
			ngi.awaitIdle(WAIT);
			assertThat(threads("idle-")).isEmpty();
			Listener again = ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
			Recorder second = new Recorder("y".getBytes(StandardCharsets.UTF_8));
			ngi.connect(again.address(), second);
			await().atMost(WAIT).until(() -> second.size() == 1);
			again.close();
		}
	}

	@Test
	void connectionsSpreadOverLoopsAndStayOnOneThread() throws Exception {
		try (NioImplementation ngi = NioImplementation.builder().name("spread").loops(4).build()) {
			Map<Connection, Set<String>> threadsByConnection = new ConcurrentHashMap<>();
			Listener listener = ngi.listen(null, (connection) -> {
				threadsByConnection.computeIfAbsent(connection, (c) -> ConcurrentHashMap.newKeySet())
					.add(Thread.currentThread().getName());
				connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						threadsByConnection.get(c).add(Thread.currentThread().getName());
						c.write(data);
					}
				});
			});
			List<Recorder> clients = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 20; i++) {
				Recorder client = new Recorder("ping".getBytes(StandardCharsets.UTF_8));
				clients.add(client);
				ngi.connect(listener.address(), client);
			}
			for (int round = 0; round < 5; round++) {
				for (Recorder client : clients) {
					client.connection.get(10, TimeUnit.SECONDS).write("ping");
				}
			}
			await().atMost(WAIT).until(() -> clients.stream().allMatch((client) -> client.size() == 24));
			assertThat(threadsByConnection).hasSize(20);
			assertThat(threadsByConnection.values()).allSatisfy((names) -> assertThat(names).hasSize(1));
			assertThat(threadsByConnection.values().stream().flatMap(Set::stream).distinct())
				.containsExactlyInAnyOrder("spread-1", "spread-2", "spread-3", "spread-4");
			assertThat(clients).allSatisfy((client) -> assertThat(client.threads.stream().distinct()).hasSize(1));
			listener.close();
		}
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void thousandOpenCloseCyclesLeakNoThreadAndNoFileDescriptor() throws Exception {
		cycle(0);
		cycle(1);
		int threadsBefore = Thread.activeCount();
		long fdsBefore = openFileDescriptors();
		for (int i = 0; i < 1000; i++) {
			cycle(i);
		}
		int threadsAfter = Thread.activeCount();
		long fdsAfter = openFileDescriptors();
		System.out.printf("1000 open/close cycles: threads %d -> %d, file descriptors %d -> %d%n", threadsBefore,
				threadsAfter, fdsBefore, fdsAfter);
		assertThat(threads("cycle-")).isEmpty();
		assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore);
		assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + 2);
	}

	private static void cycle(int i) throws Exception {
		NioImplementation ngi = NioImplementation.builder().name("cycle-" + (i % 10)).build();
		try {
			Listener listener = ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
			Recorder client = new Recorder("c".getBytes(StandardCharsets.UTF_8));
			ngi.connect(listener.address(), client);
			assertThat(client.firstInput.get(10, TimeUnit.SECONDS)).containsExactly('c');
			client.connection.get().close();
			listener.close();
		}
		finally {
			ngi.close();
		}
	}

	private static long openFileDescriptors() {
		String[] entries = new File("/proc/self/fd").list();
		return (entries != null) ? entries.length : -1;
	}

}
