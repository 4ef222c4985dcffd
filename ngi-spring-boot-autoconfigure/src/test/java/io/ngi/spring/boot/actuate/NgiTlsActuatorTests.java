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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TLS side of the Actuator support on real sockets: {@code ngi.tls.handshakes} by
 * outcome, and the TLS state in the {@code ngi} endpoint.
 */
class NgiTlsActuatorTests {

	// The handshake timeout leaves a loaded 2-core CI machine time for real handshakes
	// (500 ms was too short there: a client-certificate handshake timed out).
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NgiAutoConfiguration.class,
				NgiMetricsAutoConfiguration.class, NgiEndpointAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(TwoListenersConfiguration.class)
		.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=200ms",
				"management.endpoints.web.exposure.include=ngi",
				"spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
				"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
				"spring.ssl.bundle.pem.server.truststore.certificate=classpath:tls/ca.crt",
				"ngi.servers.secure.ssl.bundle=server", "ngi.servers.secure.ssl.client-auth=want",
				"ngi.servers.secure.ssl.handshake-timeout=3s");

	@Test
	void handshakesShouldBeCountedBySuccessFailureAndTimeout() {
		this.runner.run((context) -> {
			int port = context.getEnvironment().getRequiredProperty("local.ngi.secure.port", Integer.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (TlsClient client = new TlsClient(port)) {
				assertThat(client.echo("hi")).isEqualTo("hi");
			}
			try (TlsClient client = new TlsClient(port, true)) {
				assertThat(client.echo("hi")).isEqualTo("hi");
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(handshakes(registry, "success")).isEqualTo(2));
			// a plaintext client on the TLS port: its bytes are no ClientHello
			try (Socket plain = connect(port)) {
				OutputStream out = plain.getOutputStream();
				out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(readToEnd(plain.getInputStream())).doesNotContain("hello");
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(handshakes(registry, "failure")).isEqualTo(1));
			// a client that never starts the handshake is closed after the handshake
			// timeout
			try (Socket silent = connect(port)) {
				// at most a TLS alert record, then the end
				assertThat(readToEnd(silent.getInputStream())).doesNotContain("hi");
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(handshakes(registry, "timeout")).isEqualTo(1));
			// a probe that connects and closes, as a balancer's TCP health check does
			connect(port).close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(handshakes(registry, "abandoned")).isEqualTo(1));
			assertThat(handshakes(registry, "success")).isEqualTo(2);
			assertThat(handshakes(registry, "failure")).isEqualTo(1);
			assertThat(registry.find("ngi.tls.handshakes").meter().getId().getTags())
				.extracting(io.micrometer.core.instrument.Tag::getKey)
				.containsExactlyInAnyOrder("listener", "outcome");
			assertThat(registry.find("ngi.tls.handshakes").tag("listener", "plain").meters()).isEmpty();
			NgiEndpoint.TlsDescriptor tls = context.getBean(NgiEndpoint.class).listener("secure").tls();
			assertThat(tls.handshakesSucceeded()).isEqualTo(2);
			assertThat(tls.handshakesFailed()).isEqualTo(1);
			assertThat(tls.handshakesTimedOut()).isEqualTo(1);
			assertThat(tls.handshakesAbandoned()).isEqualTo(1);
		});
	}

	@Test
	void endpointShouldShowTheTlsOfEachListener() {
		this.runner.withPropertyValues("spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.3,TLSv1.2")
			.run((context) -> {
				NgiEndpoint endpoint = context.getBean(NgiEndpoint.class);
				NgiEndpoint.TlsDescriptor secure = endpoint.listener("secure").tls();
				assertThat(secure.enabled()).isTrue();
				assertThat(secure.bundle()).isEqualTo("server");
				assertThat(secure.clientAuth()).isEqualTo("want");
				assertThat(secure.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
				assertThat(secure.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(secure.lastReload()).isNull();
				assertThat(secure.reloads()).isZero();
				NgiEndpoint.TlsDescriptor plain = endpoint.listener("plain").tls();
				assertThat(plain.enabled()).isFalse();
				assertThat(plain.bundle()).isNull();
				assertThat(endpoint.listeners().listeners()).extracting((listener) -> listener.tls().enabled())
					.containsExactlyInAnyOrder(true, false);
			});
	}

	@Test
	void tlsListenerWithJdkDefaultProtocolsShouldShowThem() {
		this.runner.run((context) -> {
			NgiEndpoint.TlsDescriptor secure = context.getBean(NgiEndpoint.class).listener("secure").tls();
			assertThat(secure.protocols()).contains("TLSv1.3");
		});
	}

	private static double handshakes(MeterRegistry registry, String outcome) {
		return registry.get("ngi.tls.handshakes")
			.tags("listener", "secure", "outcome", outcome)
			.functionCounter()
			.count();
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String readToEnd(InputStream in) throws IOException {
		try {
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (java.net.SocketException ex) {
			return ""; // reset
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListenersConfiguration {

		@Bean
		@NgiServer(name = "secure", address = "127.0.0.1:0")
		ConnectionHandler secure() {
			return new Echo();
		}

		@Bean
		@NgiServer(name = "plain", address = "127.0.0.1:0")
		ConnectionHandler plain() {
			return new Echo();
		}

	}

	static final class Echo implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(data);
		}

	}

}
