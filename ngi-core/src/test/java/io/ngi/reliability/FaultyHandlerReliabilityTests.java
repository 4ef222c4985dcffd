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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.adapters.Lines;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faulty handlers: a handler that throws on 1% of its messages (those whose number ends
 * in 37 modulo 100). The failing message's connection closes; the clients reconnect and
 * go on, and every other message must be answered. The observer's {@code handlerFailed}
 * count and the ERROR log lines must equal the throws. CI: 20,000 requests; full:
 * 1,000,000 ({@code -Dngi.reliability.requests=N}).
 */
class FaultyHandlerReliabilityTests {

	private static final int CLIENTS = 16;

	private final NioImplementation ngi = NioImplementation.builder().name("faulty").loops(2).build();

	private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.ngi.close();
	}

	@Test
	void aHandlerThatThrowsOnOnePercentOfMessagesLeavesTheOtherNinetyNineServed() throws Exception {
		int requests = Scale.count("requests", 20_000, 1_000_000);
		AtomicInteger throwsCount = new AtomicInteger();
		AtomicInteger failuresSeen = new AtomicInteger();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void handlerFailed(Throwable failure) {
				failuresSeen.incrementAndGet();
			}
		};
		AtomicInteger answered = new AtomicInteger();
		AtomicInteger unanswered = new AtomicInteger();
		try (LogRecorder logs = new LogRecorder()) {
			Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
					(connection) -> new Lines(connection).setHandler((lines, line) -> {
						long number = Long.parseLong(new String(line, StandardCharsets.US_ASCII));
						if (number % 100 == 37) {
							throwsCount.incrementAndGet();
							throw new IllegalStateException("faulty handler on message " + number);
						}
						lines.write("ok " + number + "\n");
					}), ListenOptions.builder().observer(observer).build());
			InetSocketAddress address = (InetSocketAddress) listener.address();
			List<Future<?>> work = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int first = c;
				work.add(
						this.threads.submit(() -> requestAll(address, first, requests, CLIENTS, answered, unanswered)));
			}
			for (Future<?> future : work) {
				future.get(5, TimeUnit.MINUTES);
			}
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> listener.connections().isEmpty());
			listener.close();
			int expectedThrows = (requests + 62) / 100;
			Scale.report("faulty handlers",
					String.format("%d requests, %d answered, %d throws, %d handlerFailed calls, %d ERROR lines",
							requests, answered.get(), throwsCount.get(), failuresSeen.get(),
							logs.count(Level.ERROR, "handleInput failed")));
			assertThat(throwsCount).hasValue(expectedThrows);
			assertThat(unanswered).hasValue(expectedThrows);
			assertThat(answered).hasValue(requests - expectedThrows);
			assertThat(failuresSeen).hasValue(throwsCount.get());
			assertThat(logs.count(Level.ERROR, "handleInput failed")).isEqualTo(throwsCount.get());
			assertThat(this.ngi.loopFailures()).isZero();
		}
	}

	/**
	 * Sends messages first, first + step, ... one at a time, reconnecting after a
	 * failure.
	 */
	private static Void requestAll(InetSocketAddress address, int first, int requests, int step, AtomicInteger answered,
			AtomicInteger unanswered) throws IOException {
		Socket socket = null;
		BufferedReader in = null;
		try {
			for (int number = first; number < requests; number += step) {
				if (socket == null) {
					socket = new Socket(address.getAddress(), address.getPort());
					socket.setSoTimeout(30_000);
					in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				}
				OutputStream out = socket.getOutputStream();
				out.write((number + "\n").getBytes(StandardCharsets.US_ASCII));
				String answer = in.readLine();
				if (answer == null) {
					unanswered.incrementAndGet();
					socket.close();
					socket = null;
				}
				else if (answer.equals("ok " + number)) {
					answered.incrementAndGet();
				}
				else {
					throw new IllegalStateException("wrong answer to " + number + ": " + answer);
				}
			}
		}
		finally {
			if (socket != null) {
				socket.close();
			}
		}
		return null;
	}

}
