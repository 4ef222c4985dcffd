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

package io.ngi.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.actuate.NgiHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes a running application while requests are in flight, over real sockets: every
 * request that arrived before the close is answered, and a connection that never finishes
 * is force-closed when the drain time (within
 * {@code spring.lifecycle.timeout-per-shutdown-phase=1s}) runs out.
 */
class NgiGracefulShutdownTests {

	private static final int REQUESTS = 40;

	@Test
	void contextCloseUnderLoadShouldAnswerInFlightRequestsAndForceCloseTheRest() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SlowApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.lifecycle.timeout-per-shutdown-phase=1s", "ngi.loops=2")
			.run();
		SlowService service = context.getBean("slowService", SlowService.class);
		ExecutorService clients = Executors.newFixedThreadPool(REQUESTS + 1);
		Thread closer = new Thread(context::close, "test-closer");
		try {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.slow.port", Integer.class);
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				String request = "request-" + i;
				answers.add(clients.submit(() -> {
					try (SocketClient client = new SocketClient(port)) {
						client.send(request + "\n");
						return client.readToEnd();
					}
				}));
			}
			Future<String> stuck = clients.submit(() -> {
				try (SocketClient client = new SocketClient(port)) {
					client.send("hang\n");
					return client.readToEnd();
				}
				catch (IOException ex) {
					return "reset: " + ex;
				}
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> service.received.get() == REQUESTS && service.hanging.get() != null);

			NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
			NgiRegisteredListener listener = registry.listener("slow");
			NgiHealthIndicator health = new NgiHealthIndicator(registry);
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			closer.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> !listener.isOpen());
			// Not accepting any more, while the in-flight requests drain: a balancer
			// checking this health takes the instance out of rotation now.
			assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.health(true).getDetails()).containsEntry("draining", true);
			service.release.countDown();

			for (int i = 0; i < REQUESTS; i++) {
				assertThat(answers.get(i).get()).isEqualTo("answer to request-" + i + "\n");
			}
			assertThat(stuck.get()).doesNotContain("answer");
			closer.join(10_000);
			assertThat(closer.isAlive()).isFalse();
			assertThat(context.isActive()).isFalse();
			assertThat(service.hangingCloseReason.get()).isEqualTo("stopped");
			await().atMost(Duration.ofSeconds(10)).until(() -> SocketClient.liveNgiThreads().isEmpty());
		}
		finally {
			service.release.countDown();
			clients.shutdownNow();
			context.close();
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ NgiAutoConfiguration.class, LifecycleAutoConfiguration.class })
	static class SlowApplication {

		@Bean(destroyMethod = "shutdown")
		SlowService slowService() {
			return new SlowService();
		}

		@NgiServer(name = "slow", address = "127.0.0.1:0")
		ConnectionHandler slow(SlowService service) {
			return service;
		}

	}

	/**
	 * Answers each request line from a worker thread once {@link #release} opens; never
	 * answers "hang".
	 */
	static final class SlowService implements ConnectionHandler {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger received = new AtomicInteger();

		final AtomicReference<Connection> hanging = new AtomicReference<>();

		final AtomicReference<String> hangingCloseReason = new AtomicReference<>();

		private final ExecutorService workers = Executors.newFixedThreadPool(4);

		@Override
		public void handleInput(Connection connection, byte[] data) {
			String request = new String(data, StandardCharsets.UTF_8).strip();
			if (request.equals("hang")) {
				this.hanging.set(connection);
				return;
			}
			this.workers.execute(() -> {
				try {
					this.release.await();
					connection.write("answer to " + request + "\n");
					connection.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			this.received.incrementAndGet();
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			if (connection == this.hanging.get()) {
				this.hangingCloseReason.set(reason);
			}
		}

		void shutdown() {
			this.workers.shutdownNow();
		}

	}

}
