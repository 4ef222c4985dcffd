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

package io.ngi.reliability;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.ProxyProtocol;
import io.ngi.adapters.Lines;
import io.ngi.nio.ListenerConnections;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrency: many connections held open at once, each served one request while all are
 * open. The clients run in a child JVM started with {@code ulimit -n <count + 512>}, so
 * the test JVM needs only the server's descriptors (its own limit must exceed the count;
 * it is 20,000 on the build machine). CI: 2,000 connections; full: 10,000
 * ({@code -Dngi.reliability.connections=N}).
 */
class ConcurrencyReliabilityTests {

	private final NioImplementation ngi = NioImplementation.builder().name("concurrency").loops(2).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void thousandsOfConnectionsAreHeldAtOnceAndEachIsServed() throws Exception {
		// Each comes through a (simulated) proxy, with a PROXY v1 header naming its
		// client.
		int connections = Scale.count("connections", 2000, 10_000);
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		AtomicInteger served = new AtomicInteger();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void connectionOpened() {
				mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
			}

			@Override
			public void connectionClosed() {
				open.decrementAndGet();
			}
		};
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> new Lines(connection).setHandler((lines, line) -> {
					served.incrementAndGet();
					lines.write("ok " + new String(line, StandardCharsets.US_ASCII) + "\n");
				}), ListenOptions.builder().observer(observer).proxyProtocol(ProxyProtocol.REQUIRED).build());
		int port = ((InetSocketAddress) listener.address()).getPort();
		long started = System.nanoTime();
		try (ChildJvm child = ChildJvm.start(connections + 512, HeldClientsMain.class, Integer.toString(port),
				Integer.toString(connections), "proxy")) {
			await().atMost(Duration.ofMinutes(3))
				.until(() -> child.valueOf("SERVED") != null || !child.process().isAlive());
			double seconds = (System.nanoTime() - started) / 1e9;
			int heldByServer = listener.connections().size();
			Scale.report("concurrency",
					String.format("%d connections: client held %s, server held %d at once (most %d), %s served, %.1f s",
							connections, child.valueOf("HELD"), heldByServer, mostOpen.get(), child.valueOf("SERVED"),
							seconds));
			assertThat(child.valueOf("SERVED")).as("child output %s", child.lines())
				.isEqualTo(Integer.toString(connections));
			assertThat(heldByServer).isEqualTo(connections);
			assertThat(mostOpen).hasValue(connections);
			assertThat(served).hasValue(connections);
			// The per-connection view (the Actuator endpoint's): bounded, whatever the
			// number of connections, and showing the clients behind the proxy.
			long viewStarted = System.nanoTime();
			ListenerConnections view = this.ngi.connections(listener, 100);
			double viewMillis = (System.nanoTime() - viewStarted) / 1e6;
			Scale.report("connection view", String.format("%d open connections: the first %d in %.2f ms", view.total(),
					view.first().size(), viewMillis));
			assertThat(view.total()).isEqualTo(connections);
			assertThat(view.first()).hasSize(100).allSatisfy((snapshot) -> {
				assertThat(((InetSocketAddress) snapshot.peer()).getHostString()).startsWith("10.0.");
				assertThat(snapshot.proxy()).isNotNull();
				assertThat(snapshot.bytesIn()).isPositive();
			});
			child.process().getOutputStream().close();
			child.process().waitFor(60, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> listener.connections().isEmpty());
		assertThat(open).hasValue(0);
		listener.close();
	}

}
