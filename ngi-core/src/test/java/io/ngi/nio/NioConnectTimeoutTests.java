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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connect timeout on loopback, against a listener whose accept queue is full: the
 * kernel drops the SYN, so without a timeout the connect would hang for minutes.
 */
class NioConnectTimeoutTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private final NioImplementation ngi = NioImplementation.builder().name("connect-timeout").build();

	private final List<Socket> held = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		for (Socket socket : this.held) {
			socket.close();
		}
		this.ngi.close();
	}

	@Test
	void aConnectThatHangsFailsWithTheTimeoutAndLeaksNoDescriptor() throws Exception {
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
			fillAcceptQueue(address);
			// Warm the loop up, so the descriptor count below only sees the connect.
			attempt(address).get(10, TimeUnit.SECONDS);
			long descriptors = openDescriptors();
			long started = System.nanoTime();
			CloseReason reason = attempt(address).get(10, TimeUnit.SECONDS);
			long took = System.nanoTime() - started;
			System.out.printf("[connect-timeout] failed after %.1f ms with a %d ms timeout: %s%n", took / 1e6,
					TIMEOUT.toMillis(), reason);
			assertThat(reason.kind()).isEqualTo(CloseReason.Kind.TIMEOUT);
			assertThat(reason.text()).isEqualTo("connect timed out after 300 ms");
			assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
			await().atMost(Duration.ofSeconds(5)).until(() -> openDescriptors() <= descriptors);
		}
	}

	/** Connects blocking sockets until one no longer completes: the queue is full. */
	private void fillAcceptQueue(InetSocketAddress address) throws IOException {
		for (int i = 0; i < 64; i++) {
			Socket socket = new Socket();
			this.held.add(socket);
			try {
				socket.connect(address, 200);
			}
			catch (IOException ex) {
				return;
			}
		}
		throw new IllegalStateException("the accept queue of " + address + " never filled up");
	}

	private CompletableFuture<CloseReason> attempt(InetSocketAddress address) {
		CompletableFuture<CloseReason> failed = new CompletableFuture<>();
		this.ngi.connect(address, new ClientConnectHandler() {

			@Override
			public void connected(Connection connection) {
				connection.close();
				failed.completeExceptionally(new AssertionError("connected to a full accept queue"));
			}

			@Override
			public void failedConnect(CloseReason reason) {
				failed.complete(reason);
			}

			@Override
			public void failedConnect(String reason) {
			}

		}, ConnectOptions.builder().timeout(TIMEOUT).build());
		return failed;
	}

	private static long openDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

}
