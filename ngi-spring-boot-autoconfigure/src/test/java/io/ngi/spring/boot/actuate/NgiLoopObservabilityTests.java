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

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loops seen from Spring: {@code ngi.loop.*} meters per loop, the health details'
 * {@code blockedLoops} while a handler blocks its loop, and health DOWN only once a loop
 * stays blocked longer than {@code ngi.loop.blocked-health-down-after}.
 */
class NgiLoopObservabilityTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class, NgiMetricsAutoConfiguration.class,
				NgiHealthContributorAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(BlockingConfiguration.class)
		.withPropertyValues("ngi.loops=2", "ngi.shutdown-timeout=200ms", "ngi.loop.blocked-threshold=100ms");

	@Test
	void theBuilderGetsTheThresholdAndEveryLoopHasItsMeters() {
		this.runner.run((context) -> {
			NioImplementation nio = context.getBean(NioImplementation.class);
			assertThat(nio.blockedLoopThreshold()).isEqualTo(Duration.ofMillis(100));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : List.of("ngi.loop.blocked", "ngi.loop.blocked.duration", "ngi.loop.lag",
					"ngi.loop.lag.max", "ngi.loop.tasks.pending")) {
				assertThat(registry.find(name).meters()).as(name).hasSize(2);
				assertThat(registry.find(name).tag("loop", "ngi-loop-1").meter()).as(name).isNotNull();
			}
		});
	}

	@Test
	void detectionCanBeTurnedOff() {
		this.runner.withPropertyValues("ngi.loop.blocked-threshold=0")
			.run((context) -> assertThat(context.getBean(NioImplementation.class).blockedLoopThreshold()).isNull());
	}

	@Test
	void aBlockedLoopIsListedAndCountedAndHealthStaysUp() {
		this.runner.run((context) -> {
			Blocker blocker = context.getBean(Blocker.class);
			NgiHealthIndicator health = context.getBean(NgiHealthIndicator.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Socket client = connect(
					context.getEnvironment().getRequiredProperty("local.ngi.blocker.port", Integer.class))) {
				client.getOutputStream().write("block".getBytes(StandardCharsets.US_ASCII));
				await().atMost(Duration.ofSeconds(10)).until(() -> !blockedLoops(health.health(true)).isEmpty());
				Health during = health.health(true);
				assertThat(during.getStatus()).isEqualTo(Status.UP);
				Map<?, ?> loop = (Map<?, ?>) blockedLoops(during).get(0);
				assertThat(loop.get("loop").toString()).startsWith("ngi-loop-");
				assertThat(loop.get("blockedBy").toString()).contains(Blocker.class.getName());
				blocker.release.countDown();
				assertThat(client.getInputStream().readNBytes(5)).hasSize(5);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> blockedLoops(health.health(true)).isEmpty());
			assertThat(
					registry.find("ngi.loop.blocked").functionCounters().stream().mapToDouble((c) -> c.count()).sum())
				.isEqualTo(1);
			assertThat(registry.find("ngi.loop.blocked.duration")
				.functionTimers()
				.stream()
				.mapToDouble(FunctionTimer::count)
				.sum()).isEqualTo(1);
		});
	}

	@Test
	void healthIsDownAndLivenessBrokenOnceALoopStaysBlockedPastTheProperty() {
		this.runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues("ngi.loop.blocked-health-down-after=300ms")
			.run((context) -> {
				Blocker blocker = context.getBean(Blocker.class);
				NgiHealthIndicator health = context.getBean(NgiHealthIndicator.class);
				ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
				// What SpringApplication publishes once the application has started.
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				try (Socket client = connect(
						context.getEnvironment().getRequiredProperty("local.ngi.blocker.port", Integer.class))) {
					client.getOutputStream().write("block".getBytes(StandardCharsets.US_ASCII));
					await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus() == Status.DOWN);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> availability.getLivenessState() == LivenessState.BROKEN);
					// Liveness is about the loops, not traffic: readiness is untouched.
					assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
					blocker.release.countDown();
					assertThat(client.getInputStream().readNBytes(5)).hasSize(5);
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> health.health(true).getStatus() == Status.UP);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> availability.getLivenessState() == LivenessState.CORRECT);
			});
	}

	private static List<?> blockedLoops(Health health) {
		return (List<?>) health.getDetails().get("blockedLoops");
	}

	private static Socket connect(int port) throws Exception {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingConfiguration {

		@Bean
		@NgiServer(name = "blocker", address = "127.0.0.1:0")
		Blocker blocker() {
			return new Blocker();
		}

	}

	/**
	 * Blocks its loop until the test releases it (a handler that does slow work inline).
	 */
	static final class Blocker implements ConnectionHandler {

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void handleInput(Connection connection, byte[] data) {
			try {
				this.release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			connection.write(data);
		}

	}

}
