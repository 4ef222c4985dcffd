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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accept storm: 5,000 connects from 8 threads, as fast as they go, against the default
 * backlog of 255. Each attempt must end within its bound, either served (an echo round
 * trip) or refused or reset cleanly; none may hang. CI and full: 5,000
 * ({@code -Dngi.reliability.storm=N}).
 */
class AcceptStormReliabilityTests {

	private static final int THREADS = 8;

	private final NioImplementation ngi = NioImplementation.builder().name("storm").build();

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.ngi.close();
	}

	@Test
	void aStormOfConnectsIsAllAcceptedOrRefusedCleanlyAndNoneHangs() throws Exception {
		int connects = Scale.count("storm", 5000, 5000);
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		InetSocketAddress address = (InetSocketAddress) listener.address();
		AtomicInteger served = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger hung = new AtomicInteger();
		long started = System.nanoTime();
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int share = connects / THREADS + ((t < connects % THREADS) ? 1 : 0);
			work.add(this.threads.submit(() -> {
				for (int i = 0; i < share; i++) {
					connectOnce(address, served, refused, hung);
				}
				return null;
			}));
		}
		for (Future<?> future : work) {
			future.get(2, TimeUnit.MINUTES);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Scale.report("accept storm", String.format("%d connects in %.2f s: %d served, %d refused or reset, %d hung",
				connects, seconds, served.get(), refused.get(), hung.get()));
		assertThat(hung).hasValue(0);
		assertThat(served.get() + refused.get()).isEqualTo(connects);
		assertThat(served.get()).isPositive();
		await().atMost(Duration.ofSeconds(30)).until(() -> listener.connections().isEmpty());
		assertThat(this.ngi.loopFailures()).isZero();
		listener.close();
	}

	private static void connectOnce(InetSocketAddress address, AtomicInteger served, AtomicInteger refused,
			AtomicInteger hung) {
		try (Socket socket = new Socket()) {
			socket.connect(address, 10_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write('x');
			if (socket.getInputStream().read() == 'x') {
				served.incrementAndGet();
			}
			else {
				refused.incrementAndGet();
			}
		}
		catch (SocketTimeoutException ex) {
			hung.incrementAndGet();
		}
		catch (SocketException ex) {
			refused.incrementAndGet();
		}
		catch (IOException ex) {
			throw new IllegalStateException("connect to " + address + " failed unexpectedly", ex);
		}
	}

}
