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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ngi.Listener;
import io.ngi.adapters.Lines;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stalled clients: 1,000 clients that send half a line and stop must not keep 100 normal
 * clients from being served. After a warm-up round, the latencies (p50, p99) of the
 * normal clients' requests, with and without the stalled ones, are printed for
 * RELIABILITY.md, not asserted. CI: 1,000 stalled, 100 normal x 50 requests; full: 1,000
 * x 100 x 1,000 ({@code -Dngi.reliability.stalled=N},
 * {@code -Dngi.reliability.stalledRequests=N}).
 */
class StalledClientsReliabilityTests {

	private static final int NORMAL = 100;

	private final NioImplementation ngi = NioImplementation.builder().name("stalled").loops(2).build();

	private final ExecutorService threads = Executors.newFixedThreadPool(NORMAL);

	private final List<Socket> stalled = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		this.threads.shutdownNow();
		for (Socket socket : this.stalled) {
			socket.close();
		}
		this.ngi.close();
	}

	@Test
	void clientsThatSendHalfALineAndStopDoNotKeepNormalClientsFromBeingServed() throws Exception {
		int stalledCount = Scale.count("stalled", 1000, 1000);
		int requests = Scale.count("stalledRequests", 50, 1000);
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> new Lines(connection).setHandler((lines, line) -> {
					byte[] echoed = Arrays.copyOf(line, line.length + 1);
					echoed[line.length] = '\n';
					lines.write(echoed);
				}));
		InetSocketAddress address = (InetSocketAddress) listener.address();
		runNormalClients(address, requests);
		long[] without = runNormalClients(address, requests);
		for (int i = 0; i < stalledCount; i++) {
			Socket socket = new Socket(address.getAddress(), address.getPort());
			this.stalled.add(socket);
			socket.getOutputStream().write("half a li".getBytes(StandardCharsets.US_ASCII));
		}
		long[] with = runNormalClients(address, requests);
		Scale.report("stalled clients",
				String.format(
						"%d normal clients x %d requests: without stalled p50 %d us p99 %d us; "
								+ "with %d stalled p50 %d us p99 %d us",
						NORMAL, requests, percentile(without, 50), percentile(without, 99), stalledCount,
						percentile(with, 50), percentile(with, 99)));
		assertThat(without).hasSize(NORMAL * requests);
		assertThat(with).hasSize(NORMAL * requests);
		assertThat(listener.connections()).hasSizeGreaterThanOrEqualTo(stalledCount);
		listener.close();
	}

	private long[] runNormalClients(InetSocketAddress address, int requests) throws Exception {
		List<Future<long[]>> work = new ArrayList<>();
		for (int c = 0; c < NORMAL; c++) {
			int client = c;
			work.add(this.threads.submit(() -> requestMany(address, client, requests)));
		}
		long[] all = new long[0];
		for (Future<long[]> future : work) {
			long[] latencies = future.get(5, TimeUnit.MINUTES);
			int from = all.length;
			all = Arrays.copyOf(all, from + latencies.length);
			System.arraycopy(latencies, 0, all, from, latencies.length);
		}
		return all;
	}

	/** Makes {@code requests} round trips; returns their latencies in microseconds. */
	private static long[] requestMany(InetSocketAddress address, int client, int requests) throws IOException {
		long[] latencies = new long[requests];
		try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
			socket.setSoTimeout(30_000);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			for (int i = 0; i < requests; i++) {
				String request = "client " + client + " request " + i;
				long start = System.nanoTime();
				out.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
				String answer = in.readLine();
				latencies[i] = (System.nanoTime() - start) / 1000;
				if (!request.equals(answer)) {
					throw new IllegalStateException("expected " + request + " but got " + answer);
				}
			}
		}
		return latencies;
	}

	private static long percentile(long[] values, int percent) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
	}

}
