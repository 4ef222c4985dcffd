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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ngi.Addresses;
import io.ngi.Connection;
import io.ngi.Listener;
import io.ngi.client.Backoff;
import io.ngi.client.ReconnectingClient;
import org.junit.jupiter.api.AfterEach;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Connects to host names: an unresolved address is looked up at every connect, off the
 * loop.
 */
class NioHostNameTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * For a lookup of a name that does not exist: quick here, but a resolver that times
	 * out takes seconds (the JDK then caches the failure for 10 s).
	 */
	private static final Duration LOOKUP_WAIT = Duration.ofSeconds(60);

	private final NioImplementation ngi = NioImplementation.builder().name("names-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void aHostNameIsLookedUpAtConnect() throws Exception {
		InetAddress localhost = InetAddress.getByName("localhost");
		Listener listener = this.ngi.listen(new InetSocketAddress(localhost, 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		int port = ((InetSocketAddress) listener.address()).getPort();
		Recorder client = new Recorder("hello".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(InetSocketAddress.createUnresolved("localhost", port), client);
		Connection connection = client.connection.get(20, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> client.size() == 5);
		assertThat(client.text()).isEqualTo("hello");
		assertThat(connection.peerAddress()).isEqualTo(new InetSocketAddress(localhost, port));
		connection.close();
		listener.close();
	}

	@Test
	void anUnknownHostIsAFailedConnectNamingIt() throws Exception {
		Recorder client = new Recorder();
		this.ngi.connect(InetSocketAddress.createUnresolved("no-such-host.invalid", 80), client);
		assertThat(client.failed.get(LOOKUP_WAIT.toSeconds(), TimeUnit.SECONDS))
			.startsWith("unknown host no-such-host.invalid");
	}

	@Test
	void aReconnectingClientLooksTheNameUpAgainAtEveryConnect() throws Exception {
		InetAddress localhost = InetAddress.getByName("localhost");
		List<Connection> accepted = new CopyOnWriteArrayList<>();
		Listener listener = this.ngi.listen(new InetSocketAddress(localhost, 0), accepted::add);
		int port = ((InetSocketAddress) listener.address()).getPort();
		ReconnectingClient client = ReconnectingClient.builder(this.ngi, Addresses.parseForConnect("localhost:" + port),
				(connection) -> connection.setHandler((c, data) -> {
				}))
			.backoff(Backoff.fixed(Duration.ofMillis(10)))
			.build();
		try {
			for (int round = 1; round <= 3; round++) {
				int expected = round;
				await().atMost(WAIT).until(() -> client.isConnected() && accepted.size() == expected);
				accepted.get(round - 1).close();
			}
			assertThat(client.failures()).isZero();
		}
		finally {
			client.close();
			listener.close();
		}
	}

	@Test
	void anUnknownHostIsRetriedByAReconnectingClient() throws Exception {
		Logger root = (Logger) LoggerFactory.getLogger("io.ngi");
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		root.addAppender(logs);
		ReconnectingClient client = ReconnectingClient
			.builder(this.ngi, Addresses.parseForConnect("no-such-host.invalid:80"), (connection) -> {
			})
			.backoff(Backoff.fixed(Duration.ofMillis(10)))
			.build();
		try {
			await().atMost(LOOKUP_WAIT).until(() -> client.failures() >= 2);
			assertThat(client.lastFailure().text()).startsWith("unknown host no-such-host.invalid");
			client.close();
			this.ngi.awaitIdle(WAIT);
			// One WARN for the run of failures, the client's; none per attempt from NIO.
			assertThat(logs.list)
				.filteredOn((event) -> event.getLevel() == Level.WARN
						&& event.getFormattedMessage().contains("no-such-host.invalid"))
				.extracting(ILoggingEvent::getFormattedMessage)
				.singleElement(as(InstanceOfAssertFactories.STRING))
				.startsWith("Client 'no-such-host.invalid:80' cannot connect to no-such-host.invalid:80: unknown host");
		}
		finally {
			client.close();
			root.detachAppender(logs);
		}
	}

	@Test
	void closingWhileLookupsAreQueuedAnswersEveryConnect() throws Exception {
		NioImplementation closing = NioImplementation.builder().name("names-close-test").build();
		InetAddress localhost = InetAddress.getByName("localhost");
		Listener listener = this.ngi.listen(new InetSocketAddress(localhost, 0), Connection::close);
		int port = ((InetSocketAddress) listener.address()).getPort();
		List<Recorder> clients = new java.util.ArrayList<>();
		for (int i = 0; i < 200; i++) {
			Recorder client = new Recorder();
			clients.add(client);
			closing.connect(InetSocketAddress.createUnresolved("localhost", port), client);
		}
		closing.close();
		// Each connect is answered: connected (then closed by the close), or failed.
		await().atMost(WAIT)
			.until(() -> clients.stream().allMatch((client) -> client.connection.isDone() || client.failed.isDone()));
		assertThat(clients).filteredOn((client) -> client.failed.isDone())
			.allSatisfy((client) -> assertThat(client.failed.get()).isEqualTo("stopped"));
		listener.close();
	}

	@Test
	void awaitIdleWaitsForALookupInFlightAndCloseStopsAQueuedOne() throws Exception {
		// A lookup the test controls: a Stoppable on the blocking threads, as
		// Connector's.
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger stopped = new java.util.concurrent.atomic.AtomicInteger();
		BlockingTasks tasks = this.ngi.core().loops()[0].blockingTasks;
		BlockingTasks.Stoppable lookup = new BlockingTasks.Stoppable() {

			@Override
			public void run() {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void stopped() {
				stopped.incrementAndGet();
			}

		};
		tasks.execute(lookup);
		assertThat(tasks.stoppables()).isEqualTo(1);
		assertThatExceptionOfType(io.ngi.NgiTimeoutException.class)
			.isThrownBy(() -> this.ngi.awaitIdle(Duration.ofMillis(100)))
			.withMessageContaining("still looks up host names");
		release.countDown();
		this.ngi.awaitIdle(WAIT);
		assertThat(tasks.stoppables()).isZero();

		// Closed while every blocking thread is busy: the queued lookup is told it
		// stopped.
		java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		for (int i = 0; i < threads; i++) {
			tasks.execute(() -> {
				try {
					hold.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		tasks.execute(lookup);
		this.ngi.close();
		assertThat(stopped).hasValue(1);
		assertThat(tasks.stoppables()).isZero();
		hold.countDown();
	}

}
