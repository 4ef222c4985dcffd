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

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.Server;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.UdpHandler;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NgiActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class, NgiMetricsAutoConfiguration.class,
				NgiHealthContributorAutoConfiguration.class, NgiEndpointAutoConfiguration.class))
		.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=200ms",
				"management.endpoints.web.exposure.include=ngi")
		.withUserConfiguration(EchoConfiguration.class);

	@Test
	void metersWhenTrafficFlowsShouldCountConnectionsAndBytes() {
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
			int connections = 5;
			int bytes = 3000;
			for (int i = 0; i < connections; i++) {
				exchange(port, bytes);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(gauge(registry, "ngi.connections.active")).isZero());
			assertThat(counter(registry, "ngi.connections.accepted")).isEqualTo(connections);
			assertThat(counter(registry, "ngi.bytes.received")).isEqualTo(connections * bytes);
			assertThat(counter(registry, "ngi.bytes.sent")).isEqualTo(connections * bytes);
			assertThat(counter(registry, "ngi.handler.errors")).isZero();
			assertThat(registry.find("ngi.bytes.sent").meter().getId().getTags())
				.extracting(io.micrometer.core.instrument.Tag::getKey)
				.containsExactlyInAnyOrder("listener", "transport");
			assertThat(registry.find("ngi.udp.messages.received").tag("listener", "log").functionCounter()).isNotNull();
			assertThat(registry.find("ngi.connections.active").tag("listener", "log").gauge()).isNull();
		});
	}

	@Test
	void unixAddressShouldTagUnixTransportAndPublishNoPort(@TempDir Path directory) {
		String socket = directory.resolve("echo.sock").toString();
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ngi.servers.echo.address=unix:" + socket)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				assertThat(registry.listener("echo").transport().tag()).isEqualTo("unix");
				assertThat(context.getEnvironment().getProperty("local.ngi.echo.port")).isNull();
				try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
					channel.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
					ByteBuffer echoed = ByteBuffer.allocate(3);
					while (echoed.hasRemaining() && channel.read(echoed) >= 0) {
						// read until the three bytes are back
					}
					assertThat(echoed.array()).containsExactly(1, 2, 3);
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.get("ngi.bytes.received")
						.tags("listener", "echo", "transport", "unix")
						.functionCounter()
						.count()).isEqualTo(3));
			});
	}

	@Test
	void noMeterRegistryBeanShouldNotConfigureMetrics() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NgiMetrics.class));
	}

	@Test
	void noMicrometerOnClassPathShouldStartWithoutMeters() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(NgiMetrics.class).hasSingleBean(NgiEndpoint.class);
			exchange(context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class), 10);
		});
	}

	@Test
	void noActuatorOrMicrometerOnClassPathShouldStartWithoutActuatorBeans() {
		this.runner
			.withClassLoader(new FilteredClassLoader("io.micrometer.", "org.springframework.boot.actuate.",
					"org.springframework.boot.health.", "org.springframework.boot.micrometer."))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(NgiListenerRegistry.class)
					.doesNotHaveBean(NgiMetrics.class)
					.doesNotHaveBean(NgiHealthIndicator.class)
					.doesNotHaveBean(NgiEndpoint.class);
				exchange(context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class), 10);
			});
	}

	@Test
	void healthWhenListenersOpenShouldBeUp() {
		this.runner.run((context) -> {
			NgiHealthIndicator indicator = context.getBean(NgiHealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health(true).getDetails()).containsKeys("listeners", "loopFailures");
		});
	}

	@Test
	void healthWhenListenerNotBoundShouldBeDown() {
		this.runner.run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
			exchange(port, 1);
			Listener listener = context.getBean(EchoConfiguration.class).listener.get();
			listener.close();
			NgiHealthIndicator indicator = context.getBean(NgiHealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void healthWhenALoopIterationFailedShouldStayUpAndCountIt() {
		this.runner.run((context) -> {
			NgiHealthIndicator indicator = context.getBean(NgiHealthIndicator.class);
			assertThat(indicator.health(true).getDetails()).containsEntry("loopFailures", 0L);
			NioImplementation implementation = context.getBean(NioImplementation.class);
			Listener failing = implementation.listen(new InetSocketAddress("127.0.0.1", 0),
					(connection) -> connection.setHandler(new LoopKillingHandler()),
					ListenOptions.builder().observer(new FailingObserver()).build());
			try (Socket socket = new Socket()) {
				socket.connect(failing.address(), 5000);
				socket.getOutputStream().write(1);
				await().atMost(Duration.ofSeconds(10)).until(() -> implementation.loopFailures() == 1);
			}
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("loopFailures", 1L);
			exchange(context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class), 4);
			failing.close();
		});
	}

	@Test
	void healthWhenStoppedShouldBeOutOfService() {
		// Stopped on purpose (a shutdown, an operator): not accepting, so a balancer
		// routes
		// elsewhere; not a failure.
		this.runner.run((context) -> {
			context.getBean(NgiListenerRegistry.class).stop();
			assertThat(context.getBean(NgiHealthIndicator.class).health(true).getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void healthWhenDisabledShouldBackOff() {
		this.runner.withPropertyValues("management.health.ngi.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NgiHealthIndicator.class));
	}

	@Test
	void endpointWhenExposedShouldListListenersAndTraffic() {
		this.runner.run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
			exchange(port, 100);
			NgiEndpoint endpoint = context.getBean(NgiEndpoint.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(endpoint.listener("echo").openConnections()).isZero());
			NgiEndpoint.ListenersDescriptor all = endpoint.listeners();
			assertThat(all.running()).isTrue();
			assertThat(all.listeners()).extracting(NgiEndpoint.ListenerDescriptor::name).containsExactly("echo", "log");
			NgiEndpoint.ListenerDescriptor echo = endpoint.listener("echo");
			assertThat(echo.boundAddress()).isEqualTo("127.0.0.1:" + port);
			assertThat(echo.address()).isEqualTo("127.0.0.1:0");
			assertThat(echo.transport()).isEqualTo("tcp");
			assertThat(echo.acceptedConnections()).isEqualTo(1);
			assertThat(echo.bytesReceived()).isEqualTo(100);
			assertThat(echo.bytesSent()).isEqualTo(100);
			assertThat(endpoint.listener("missing")).isNull();
		});
	}

	@Test
	void endpointWhenNotExposedShouldBackOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(NgiEndpoint.class));
	}

	private static double counter(MeterRegistry registry, String name) {
		return registry.get(name).tag("listener", "echo").tag("transport", "tcp").functionCounter().count();
	}

	private static double gauge(MeterRegistry registry, String name) {
		return registry.get(name).tag("listener", "echo").tag("transport", "tcp").gauge().value();
	}

	static void exchange(int port, int size) throws Exception {
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) 'x');
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(data);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] echoed = in.readNBytes(size);
			assertThat(echoed).isEqualTo(data);
		}
	}

	/**
	 * Fails while the loop reads input, outside any handler call, so the loop closes the
	 * connection for it.
	 */
	/**
	 * Fails while input is read, and then with an {@link Error} while the loop closes the
	 * failed connection: a failure outside every connection's calls, which fails the loop
	 * iteration (and ended the loop thread in the first release).
	 */
	static final class FailingObserver implements ListenerObserver {

		@Override
		public void bytesReceived(int bytes) {
			throw new IllegalStateException("observer fails on purpose");
		}

		@Override
		public void connectionClosed() {
			throw new AssertionError("observer fails on purpose while the loop handles a failure");
		}

	}

	static final class LoopKillingHandler implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		final AtomicReference<Listener> listener = new AtomicReference<>();

		final List<byte[]> datagrams = new ArrayList<>();

		@Bean
		@NgiServer(name = "echo", address = "127.0.0.1:0")
		Server echo() {
			return (connection) -> {
				this.listener.set(connection.listener());
				connection.setHandler((c, data) -> c.write(data));
			};
		}

		@Bean
		@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
		UdpHandler log() {
			return (source, message) -> this.datagrams.add(message);
		}

	}

}
