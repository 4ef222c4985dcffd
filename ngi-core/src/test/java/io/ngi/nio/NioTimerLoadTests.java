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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 100,000 connection timeouts pending on one loop while traffic flows: every message
 * cancels its connection's request deadline and schedules a new one. The heap the timers
 * hold and the loop's CPU per message are printed; the heap is asserted to stay bounded
 * (cancelled timers do not pile up). 2,000 connections with 50 pending timeouts each
 * ({@code -Dngi.test.timerConnections=N}, {@code -Dngi.test.timeoutsPerConnection=N}).
 */
class NioTimerLoadTests {

	private static final int CONNECTIONS = Integer.getInteger("ngi.test.timerConnections", 2000);

	private static final int TIMEOUTS_PER_CONNECTION = Integer.getInteger("ngi.test.timeoutsPerConnection", 50);

	private static final int MESSAGES_PER_CONNECTION = 100;

	private final NioImplementation server = NioImplementation.builder().name("timer-server").loops(1).build();

	private final NioImplementation clients = NioImplementation.builder().name("timer-clients").loops(1).build();

	@AfterEach
	void close() {
		this.clients.close();
		this.server.close();
	}

	@Test
	void pendingTimeoutsRescheduledOnEveryMessageKeepHeapBounded() throws Exception {
		long before = usedHeapAfterGc();
		AtomicLong messages = new AtomicLong();
		Listener listener = this.server.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			for (int i = 0; i < TIMEOUTS_PER_CONNECTION - 1; i++) {
				connection.schedule(Duration.ofMinutes(10).plusMillis(i), connection::close);
			}
			connection.setHandler(new ConnectionHandler() {

				private Cancellable deadline = connection.schedule(Duration.ofMinutes(5), connection::close);

				@Override
				public void handleInput(Connection c, byte[] data) {
					this.deadline.cancel();
					this.deadline = c.schedule(Duration.ofMinutes(5), c::close);
					messages.incrementAndGet();
					c.write(data);
				}

			});
		}, ListenOptions.builder().backlog(CONNECTIONS).build());
		CountDownLatch done = new CountDownLatch(CONNECTIONS);
		List<Connection> open = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			this.clients.connect(listener.address(), new PingPong(done, open));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> listener.connections().size() == CONNECTIONS);
		// The server side is there; the clients' connected() calls run on their own loop
		// and may still be coming: a connection missing from `open` would never be
		// pinged.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			synchronized (open) {
				return open.size() == CONNECTIONS;
			}
		});
		long pending = usedHeapAfterGc();
		Thread loop = thread("timer-server-1");
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpuBefore = threads.getThreadCpuTime(loop.getId());
		long messagesBefore = messages.get();
		synchronized (open) {
			for (Connection connection : open) {
				connection.write(new byte[] { 1 });
			}
		}
		assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
		long cpu = threads.getThreadCpuTime(loop.getId()) - cpuBefore;
		long handled = messages.get() - messagesBefore;
		long after = usedHeapAfterGc();
		System.out.printf(
				"[timer-load] %d connections x %d pending timeouts = %d on one loop: heap %.1f MB with them "
						+ "(%.0f B per timeout, connections included); after %d messages, each cancelling and "
						+ "rescheduling its deadline, heap %.1f MB; loop CPU %.1f us per message%n",
				CONNECTIONS, TIMEOUTS_PER_CONNECTION, CONNECTIONS * TIMEOUTS_PER_CONNECTION, (pending - before) / 1e6,
				(double) (pending - before) / (CONNECTIONS * TIMEOUTS_PER_CONNECTION), handled, (after - before) / 1e6,
				cpu / 1e3 / handled);
		assertThat(handled).isEqualTo((long) CONNECTIONS * MESSAGES_PER_CONNECTION);
		// Cancelled deadlines do not pile up: the heap after all the rescheduling holds
		// no more than the pending state did, plus a margin for the collector.
		assertThat(after - before).isLessThan(2 * (pending - before) + 16L * 1024 * 1024);
		listener.close();
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Sends a byte, reads the echo, {@link #MESSAGES_PER_CONNECTION} times, once started.
	 */
	private static final class PingPong implements ClientConnectHandler, ConnectionHandler {

		private final CountDownLatch done;

		private final List<Connection> open;

		private int received;

		PingPong(CountDownLatch done, List<Connection> open) {
			this.done = done;
			this.open = open;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
			synchronized (this.open) {
				this.open.add(connection);
			}
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.received += data.length;
			if (this.received == MESSAGES_PER_CONNECTION) {
				this.done.countDown();
			}
			else if (this.received < MESSAGES_PER_CONNECTION) {
				connection.write(new byte[] { 1 });
			}
		}

		@Override
		public void failedConnect(String reason) {
			throw new IllegalStateException(reason);
		}

	}

}
