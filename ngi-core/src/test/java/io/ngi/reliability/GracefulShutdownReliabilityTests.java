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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.Listener;
import io.ngi.adapters.Lines;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown under load: many connections each have a request in flight when
 * {@link Listener#closeWait} starts (the server holds every answer until then, and
 * answers after 0 to 300 ms more of simulated work on another thread); every one of them
 * must be answered, and closeWait must return {@code true} once the clients have hung up.
 * CI: 500 requests; full: 5,000 ({@code -Dngi.reliability.inflight=N}).
 */
class GracefulShutdownReliabilityTests {

	private final NioImplementation ngi = NioImplementation.builder().name("shutdown").loops(2).build();

	private final ScheduledExecutorService work = Executors.newScheduledThreadPool(4);

	private final ExecutorService clients = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.clients.shutdownNow();
		this.work.shutdownNow();
		this.ngi.close();
	}

	@Test
	void everyRequestInFlightWhenCloseWaitStartsIsAnswered() throws Exception {
		int inflight = Scale.count("inflight", 500, 5000);
		AtomicInteger received = new AtomicInteger();
		Random delays = new Random(42);
		Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> new Lines(connection).setHandler((lines, line) -> {
					received.incrementAndGet();
					String answer = "done " + new String(line, StandardCharsets.US_ASCII) + "\n";
					pending.add(() -> lines.write(answer));
				}));
		InetSocketAddress address = (InetSocketAddress) listener.address();
		List<Socket> sockets = new ArrayList<>();
		List<Future<String>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < inflight; i++) {
				Socket socket = new Socket(address.getAddress(), address.getPort());
				socket.setSoTimeout(30_000);
				sockets.add(socket);
				socket.getOutputStream().write(("request " + i + "\n").getBytes(StandardCharsets.US_ASCII));
				answers.add(this.clients.submit(() -> readAnswerAndHangUp(socket)));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == inflight);
			long before = answers.stream().filter(Future::isDone).count();
			Future<Boolean> closing = this.clients.submit(() -> listener.closeWait(Duration.ofSeconds(30)));
			await().atMost(Duration.ofSeconds(10)).until(() -> !listener.isOpen());
			Runnable answer;
			while ((answer = pending.poll()) != null) {
				this.work.schedule(answer, delays.nextInt(300), TimeUnit.MILLISECONDS);
			}
			boolean closed = closing.get(60, TimeUnit.SECONDS);
			int answered = 0;
			for (int i = 0; i < inflight; i++) {
				assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("done request " + i);
				answered++;
			}
			Scale.report("graceful shutdown", String.format(
					"%d requests in flight (%d already answered) when closeWait started: %d answered, closeWait %s",
					inflight, before, answered, closed));
			assertThat(closed).isTrue();
			assertThat(listener.isOpen()).isFalse();
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static String readAnswerAndHangUp(Socket socket) throws IOException {
		try (socket) {
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
