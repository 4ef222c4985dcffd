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

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.ngi.Connection;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow readers and floods: clients pipeline requests to an echo server and never read a
 * reply. The documented bound ({@link NioImplementation}): a connection stops being read
 * while more than the output high-water mark (1 MiB) is queued, and one read is at most
 * 64 KiB, so the server's queued output, measured here as bytes received minus bytes sent
 * by its observer, stays within clients x (1 MiB + 64 KiB). CI: 40 clients; full: 400
 * ({@code -Dngi.reliability.flooders=N}). Run over plaintext and over TLS, with the same
 * bound on plaintext queued.
 */
class FloodReliabilityTests {

	private static final long PER_CONNECTION_BOUND = NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK + 64 * 1024;

	private final NioImplementation ngi = NioImplementation.builder().name("flood").loops(2).build();

	private final List<Socket> sockets = new ArrayList<>();

	private final List<Thread> writers = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		for (Thread writer : this.writers) {
			writer.join(10_000);
		}
		this.ngi.close();
	}

	@ParameterizedTest
	@EnumSource(Encryption.class)
	void clientsThatPipelineAndNeverReadKeepTheServersQueuedOutputWithinTheDocumentedBound(Encryption encryption)
			throws Exception {
		int clients = Scale.count("flooders", 40, 400);
		AtomicLong received = new AtomicLong();
		AtomicLong sent = new AtomicLong();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void bytesReceived(int bytes) {
				received.addAndGet(bytes);
			}

			@Override
			public void bytesSent(int bytes) {
				sent.addAndGet(bytes);
			}
		};
		Map<Connection, AtomicLong> perConnection = new ConcurrentHashMap<>();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long heapBefore = memory.getHeapMemoryUsage().getUsed();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			AtomicLong mine = perConnection.computeIfAbsent(connection, (key) -> new AtomicLong());
			connection.setHandler((c, data) -> {
				mine.addAndGet(data.length);
				c.write(data);
			});
		}, encryption.listenOptions().observer(observer).build());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		AtomicLong written = new AtomicLong();
		for (int i = 0; i < clients; i++) {
			Socket socket = encryption.connect(address, 4096);
			this.sockets.add(socket);
			Thread writer = new Thread(() -> flood(socket, written), "flooder-" + i);
			writer.setDaemon(true);
			this.writers.add(writer);
			writer.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> perConnection.size() == clients && perConnection.values()
				.stream()
				.allMatch((bytes) -> bytes.get() >= NioImplementation.DEFAULT_OUTPUT_HIGH_WATER_MARK));
		long[] last = { -1 };
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			long now = received.get();
			boolean stable = now == last[0];
			last[0] = now;
			return stable;
		});
		System.gc();
		long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
		long queued = received.get() - sent.get();
		long bound = clients * PER_CONNECTION_BOUND;
		Scale.report("flood " + encryption,
				String.format("%d clients never reading: clients wrote %d MiB, server read %d MiB, sent %d MiB, "
						+ "queued %.1f MiB (bound %.1f MiB), heap growth after GC %.1f MiB, %d connections open",
						clients, written.get() >> 20, received.get() >> 20, sent.get() >> 20, queued / 1048576.0,
						bound / 1048576.0, heapGrowth / 1048576.0, listener.connections().size()));
		assertThat(queued).isLessThanOrEqualTo(bound);
		// Over TLS a connection also keeps the ciphertext the socket did not take, at
		// most
		// one of its loop's buffers.
		long tlsBound = (encryption == Encryption.TLS) ? clients * 96L * 1024 : 0;
		assertThat(heapGrowth).isLessThanOrEqualTo(bound + tlsBound + 32 * 1024 * 1024);
		assertThat(listener.connections()).hasSize(clients);
		listener.close();
	}

	private static void flood(Socket socket, AtomicLong written) {
		byte[] requests = new byte[16 * 1024];
		for (int i = 0; i < requests.length; i++) {
			requests[i] = (byte) ((i % 64 == 63) ? '\n' : 'a' + i % 26);
		}
		try {
			OutputStream out = socket.getOutputStream();
			while (true) {
				out.write(requests);
				written.addAndGet(requests.length);
			}
		}
		catch (IOException ex) {
			// the test closed the socket: the flood is over
		}
	}

}
