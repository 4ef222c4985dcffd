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

package io.ngi.spring.boot.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.ngi.Server;
import io.ngi.spring.annotation.NgiClient;
import io.ngi.spring.boot.actuate.NgiEndpoint.ClientDescriptor;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with an {@code @NgiClient} whose upstream is down: it starts, the
 * endpoint and health report the client disconnected (health UP unless the client is
 * required), it connects when the upstream appears, and it closes leaving no NGI thread.
 */
class NgiClientActuatorTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class, NgiMetricsAutoConfiguration.class,
				NgiHealthContributorAutoConfiguration.class, NgiEndpointAutoConfiguration.class))
		.withPropertyValues("ngi.loops=1", "management.endpoints.web.exposure.include=ngi",
				"spring.lifecycle.timeout-per-shutdown-phase=2s", "ngi.clients.upstream.backoff.initial=10ms",
				"ngi.clients.upstream.backoff.max=200ms")
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(UpstreamClientConfiguration.class);

	@Test
	void clientWhoseUpstreamIsDownShouldBeReportedAndConnectWhenItAppears() throws IOException {
		int port = freePort();
		this.runner.withPropertyValues("upstream.port=" + port).run((context) -> {
			assertThat(context).hasNotFailed();
			NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
			await().atMost(PATIENCE).until(() -> client.consecutiveFailures() >= 1);

			ClientDescriptor down = context.getBean(NgiEndpoint.class).listeners().clients().get(0);
			assertThat(down.name()).isEqualTo("upstream");
			assertThat(down.address()).isEqualTo("127.0.0.1:" + port);
			assertThat(down.connected()).isFalse();
			assertThat(down.attempts()).isPositive();
			assertThat(down.lastFailure()).startsWith("REFUSED");
			Health health = context.getBean(NgiHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(clientDetails(health)).containsEntry("connected", false)
				.containsEntry("address", "127.0.0.1:" + port);

			try (ServerSocket upstream = new ServerSocket()) {
				upstream.setReuseAddress(true);
				upstream.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				try (Socket accepted = upstream.accept()) {
					await().atMost(PATIENCE).until(client::isConnected);
					ClientDescriptor up = context.getBean(NgiEndpoint.class).listeners().clients().get(0);
					assertThat(up.connected()).isTrue();
					assertThat(up.state()).isEqualTo("connected");
					assertThat(up.connectedSince()).isNotNull();
					assertThat(clientDetails(context.getBean(NgiHealthIndicator.class).health(true)))
						.containsEntry("connected", true);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(meters.get("ngi.client.connects")
						.tags("client", "upstream", "outcome", "success")
						.functionCounter()
						.count()).isEqualTo(1);
					assertThat(meters.get("ngi.client.connects")
						.tags("client", "upstream", "outcome", "failure")
						.functionCounter()
						.count()).isPositive();
					assertThat(meters.get("ngi.client.connected").gauge().value()).isEqualTo(1);
				}
			}
		});
		await().atMost(PATIENCE).until(() -> liveNgiThreads() == 0);
	}

	@Test
	void requiredClientWhenDisconnectedShouldMakeHealthDown() throws IOException {
		this.runner.withPropertyValues("upstream.port=" + freePort(), "ngi.clients.upstream.required=true")
			.run((context) -> {
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(() -> client.consecutiveFailures() >= 1);
				Health health = context.getBean(NgiHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(clientDetails(health)).containsEntry("required", true).containsKey("lastFailure");
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientDetails(Health health) {
		Map<String, Object> clients = (Map<String, Object>) health.getDetails().get("clients");
		return (Map<String, Object>) clients.get("upstream");
	}

	private static long liveNgiThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("ngi-"))
			.count();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UpstreamClientConfiguration {

		@NgiClient(name = "upstream", address = "127.0.0.1:${upstream.port}")
		Server upstream() {
			return (connection) -> connection.setHandler((c, data) -> {
			});
		}

	}

}
