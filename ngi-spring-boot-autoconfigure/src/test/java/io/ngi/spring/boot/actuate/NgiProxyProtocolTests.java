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

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Server;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ngi.servers.<name>.proxy-protocol} and {@code .trusted-proxies}: a listener
 * behind a proxy sees the client's address from the header, a connection without one is
 * closed and counted in {@code ngi.proxy.rejected}, and a bad trusted-proxies entry fails
 * startup naming the listener and the entry.
 */
class NgiProxyProtocolTests {

	static final List<SocketAddress> PEERS = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class, NgiMetricsAutoConfiguration.class,
				NgiEndpointAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(ProxiedConfiguration.class)
		.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=200ms",
				"management.endpoints.web.exposure.include=ngi", "ngi.servers.behind.proxy-protocol=required",
				"ngi.servers.behind.trusted-proxies=10.0.0.0/8,127.0.0.1");

	@Test
	void theHandlerSeesTheClientFromTheHeaderAndABareConnectionIsCounted() {
		PEERS.clear();
		this.runner.run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.behind.port", Integer.class);
			try (Socket proxy = new Socket("127.0.0.1", port)) {
				proxy.setSoTimeout(10_000);
				proxy.getOutputStream()
					.write("PROXY TCP4 203.0.113.9 127.0.0.1 40000 7000\r\nhi".getBytes(StandardCharsets.US_ASCII));
				assertThat(proxy.getInputStream().readNBytes(2)).asString(StandardCharsets.US_ASCII).isEqualTo("hi");
				// The per-connection view shows the client behind the proxy, and the
				// proxy.
				NgiEndpoint endpoint = context.getBean(NgiEndpoint.class);
				// The loop counts a write just after the socket took it: wait for it.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> endpoint.listener("behind").connections().first().get(0).bytesOut() == 2);
				NgiEndpoint.ListenerDescriptor behind = endpoint.listener("behind");
				assertThat(behind.connections().total()).isEqualTo(1);
				NgiEndpoint.ConnectionDescriptor connection = behind.connections().first().get(0);
				assertThat(connection.peer()).isEqualTo("203.0.113.9:40000");
				assertThat(connection.proxy()).isEqualTo("127.0.0.1:" + proxy.getLocalPort());
				assertThat(connection.bytesIn()).isEqualTo(2);
				assertThat(connection.bytesOut()).isEqualTo(2);
				assertThat(connection.tlsProtocol()).isNull();
				assertThat(context.getBean(NgiEndpoint.class).listeners().listeners().get(0).connections()).isNull();
			}
			assertThat(PEERS).containsExactly(new InetSocketAddress("203.0.113.9", 40000));
			try (Socket bare = new Socket("127.0.0.1", port)) {
				bare.setSoTimeout(10_000);
				bare.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
				assertThat(bare.getInputStream().read()).isEqualTo(-1);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("ngi.proxy.rejected")
					.tag("listener", "behind")
					.functionCounter()
					.count() == 1);
		});
	}

	@Test
	void aBadTrustedProxyFailsStartupNamingTheListenerAndTheEntry() {
		this.runner.withPropertyValues("ngi.servers.behind.trusted-proxies=10.0.0.0/8,lb.example.com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("servers.behind.trusted-proxies")
				.hasMessageContaining("lb.example.com"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedConfiguration {

		@Bean
		@NgiServer(name = "behind", address = "127.0.0.1:0")
		Server behind() {
			return (connection) -> {
				PEERS.add(connection.peerAddress());
				connection.setHandler((c, data) -> c.write(data));
			};
		}

	}

}
