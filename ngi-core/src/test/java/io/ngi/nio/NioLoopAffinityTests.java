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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connect made from a loop thread puts the new connection on that loop, so a proxy's
 * two connections (and their tasks) are served by one thread.
 */
class NioLoopAffinityTests {

	private final NioImplementation ngi = NioImplementation.builder().name("affinity").loops(4).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	@Test
	void aConnectFromAHandlerStaysOnTheHandlersLoop() throws Exception {
		Listener upstream = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		Map<String, List<String>> threads = new ConcurrentHashMap<>();
		Listener proxy = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(downstream) -> downstream.setHandler((d, data) -> {
					String name = new String(data, StandardCharsets.US_ASCII);
					List<String> seen = threads.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>());
					seen.add(Thread.currentThread().getName());
					this.ngi.connect(upstream.address(), new ClientConnectHandler() {

						@Override
						public void connected(Connection connection) {
							seen.add(Thread.currentThread().getName());
							connection.setHandler((c, answer) -> {
								seen.add(Thread.currentThread().getName());
								d.write(answer);
								c.close();
							});
							connection.write(data);
						}

						@Override
						public void failedConnect(String reason) {
							d.close();
						}

					});
				}));
		List<Recorder> clients = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 8; i++) {
			Recorder client = new Recorder(("client " + i).getBytes(StandardCharsets.US_ASCII));
			clients.add(client);
			this.ngi.connect(proxy.address(), client);
		}
		for (int i = 0; i < 8; i++) {
			assertThat(new String(clients.get(i).firstInput.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
				.isEqualTo("client " + i);
		}
		assertThat(threads).hasSize(8);
		assertThat(threads.values()).allSatisfy((seen) -> assertThat(seen).hasSize(3).containsOnly(seen.get(0)));
		assertThat(threads.values().stream().map((seen) -> seen.get(0)).distinct().count())
			.as("the proxied connections are spread over the loops")
			.isGreaterThan(1);
		proxy.close();
		upstream.close();
	}

}
