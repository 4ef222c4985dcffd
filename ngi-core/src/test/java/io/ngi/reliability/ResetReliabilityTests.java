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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Abrupt resets: clients that close with {@code SO_LINGER 0} (a TCP RST) while the server
 * is reading their input or writing its output. No exception may escape the loop, and
 * each connection's handler must see {@code handleClose} exactly once. CI: 600
 * connections; full: 10,000 ({@code -Dngi.reliability.resets=N}).
 */
class ResetReliabilityTests {

	private static final byte[] REPLY = new byte[48 * 1024];

	private final NioImplementation ngi = NioImplementation.builder().name("resets").loops(2).build();

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.ngi.close();
	}

	@Test
	void resetsInTheMiddleOfReadsAndWritesCloseEachConnectionExactlyOnceAndNothingEscapes() throws Exception {
		int connections = Scale.count("resets", 600, 10_000);
		Map<Connection, AtomicInteger> closes = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
		AtomicInteger opened = new AtomicInteger();
		try (LogRecorder logs = new LogRecorder(Level.DEBUG)) {
			Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
				opened.incrementAndGet();
				connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						c.write(REPLY);
					}

					@Override
					public void handleClose(Connection c, String reason) {
						closes.computeIfAbsent(c, (key) -> new AtomicInteger()).incrementAndGet();
						reasons.computeIfAbsent(reason, (key) -> new AtomicInteger()).incrementAndGet();
					}
				});
			});
			InetSocketAddress address = (InetSocketAddress) listener.address();
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				long seed = i;
				work.add(this.threads.submit(() -> resetAbruptly(address, new Random(seed))));
			}
			for (Future<?> future : work) {
				future.get(2, TimeUnit.MINUTES);
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> closes.size() == connections && listener.connections().isEmpty());
			listener.closeWait(Duration.ofSeconds(5));
			Scale.report("abrupt resets", String.format(
					"%d connections reset, %d handleClose calls %s, %d resets seen by a read and %d by a write, "
							+ "%d ERROR and %d WARN log lines",
					connections, closes.values().stream().mapToInt(AtomicInteger::get).sum(), reasons,
					logs.count(Level.DEBUG, "read failed"), logs.count(Level.DEBUG, "write failed"),
					logs.events(Level.ERROR).size(), logs.events(Level.WARN).size()));
			assertThat(opened).hasValue(connections);
			assertThat(closes).hasSize(connections);
			assertThat(closes.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
			assertThat(logs.count(Level.DEBUG, "read failed") + logs.count(Level.DEBUG, "write failed"))
				.as("connections that saw the reset as a failed read or write")
				.isPositive();
			assertThat(logs.events(Level.ERROR)).isEmpty();
			assertThat(this.ngi.loopFailures()).isZero();
		}
	}

	/**
	 * Sends some input in pieces, then either resets at once (the server is reading) or
	 * reads a little of the replies and resets while the server still has output queued.
	 */
	private static Void resetAbruptly(InetSocketAddress address, Random random) throws IOException {
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.setSoTimeout(30_000);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			byte[] input = new byte[1 + random.nextInt(4096)];
			random.nextBytes(input);
			Pieces.write(out, input, input.length, random);
			if (random.nextBoolean()) {
				InputStream in = socket.getInputStream();
				in.readNBytes(1 + random.nextInt(8192));
			}
			socket.setSoLinger(true, 0);
		}
		return null;
	}

}
