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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Server;
import io.ngi.client.Backoff;
import io.ngi.client.ReconnectingClient.State;
import io.ngi.spring.annotation.NgiClient;
import io.ngi.spring.annotation.NgiServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @NgiClient} beans on the NIO implementation, over loopback: lifecycle, address
 * resolution, and every configuration error a user can make, through the failure
 * analyzer.
 */
class NgiClientAutoConfigurationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
		.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=200ms", "ngi.clients.upstream.backoff.initial=10ms",
				"ngi.clients.upstream.backoff.max=100ms");

	@Test
	void clientWhenUpstreamIsDownShouldStartAndConnectWhenItAppears() throws Exception {
		int port = freePort();
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:" + port)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(() -> client.consecutiveFailures() >= 2);
				assertThat(client.isConnected()).isFalse();
				assertThat(client.write(new byte[] { 1 })).isFalse();
				try (ServerSocket upstream = new ServerSocket()) {
					upstream.setReuseAddress(true);
					upstream.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					try (Socket accepted = upstream.accept()) {
						await().atMost(PATIENCE).until(client::isConnected);
						assertThat(client.write("ping\n".getBytes(StandardCharsets.UTF_8))).isTrue();
						assertThat(readLine(accepted.getInputStream())).isEqualTo("ping");
						OutputStream out = accepted.getOutputStream();
						out.write("pong\n".getBytes(StandardCharsets.UTF_8));
						out.flush();
						RecordingClientConfiguration recorder = context.getBean(RecordingClientConfiguration.class);
						await().atMost(PATIENCE).until(() -> String.join("", recorder.received).equals("pong\n"));
					}
				}
				// The upstream went away: the client notices and waits again.
				await().atMost(PATIENCE).until(() -> !client.isConnected());
				assertThat(client.successfulConnects()).isEqualTo(1);
				assertThat(client.failedConnects()).isGreaterThanOrEqualTo(2);
			});
		await().atMost(PATIENCE).until(() -> SocketClient.liveNgiThreads().isEmpty());
	}

	@Test
	void clientOfTheApplicationsOwnListenerShouldResolveItsPortAtStart() {
		this.runner.withUserConfiguration(EchoServerConfiguration.class, RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:${local.ngi.echo.port}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(client::isConnected);
				int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
				assertThat(client.address()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
				client.write("hello\n".getBytes(StandardCharsets.UTF_8));
				RecordingClientConfiguration recorder = context.getBean(RecordingClientConfiguration.class);
				await().atMost(PATIENCE).until(() -> String.join("", recorder.received).equals("hello\n"));
			});
	}

	@Test
	void annotatedClassShouldBeAClientNamedAfterItsBean() {
		this.runner.withUserConfiguration(EchoServerConfiguration.class, AnnotatedClient.class).run((context) -> {
			assertThat(context).hasNotFailed();
			NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).clients().get(0);
			assertThat(client.beanName()).endsWith("AnnotatedClient");
			assertThat(client.name()).isEqualTo(client.beanName());
			await().atMost(PATIENCE).until(client::isConnected);
			AnnotatedClient handler = context.getBean(AnnotatedClient.class);
			client.write("class\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(PATIENCE).until(() -> String.join("", handler.received).equals("class\n"));
		});
	}

	@Test
	void stoppedContextShouldCloseTheClientAndWriteShouldThenFailNamingIt() {
		this.runner.withUserConfiguration(EchoServerConfiguration.class, RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:${local.ngi.echo.port}")
			.run((context) -> {
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(client::isConnected);
				context.stop();
				assertThat(client.state()).isEqualTo(State.CLOSED);
				assertThat(client.connection()).isNull();
				org.assertj.core.api.Assertions.assertThatIllegalStateException()
					.isThrownBy(() -> client.write(new byte[] { 1 }))
					.withMessageContaining("NGI client 'upstream'")
					.withMessageContaining("is not running");
				context.start();
				await().atMost(PATIENCE).until(client::isConnected);
				assertThat(client.successfulConnects()).isEqualTo(2);
			});
	}

	@Test
	void disabledClientShouldNotConnect() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(NgiClientRegistry.class).clients()).isEmpty();
			});
	}

	@Test
	void propertiesShouldReachTheClient() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.address=127.0.0.1:" + freePort(),
					"ngi.clients.upstream.connect-timeout=3s", "ngi.clients.upstream.idle-timeout=1m",
					"ngi.clients.upstream.required=true")
			.run((context) -> {
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				assertThat(client.configuredAddress()).doesNotEndWith(":9");
				assertThat(client.options().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(client.options().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(client.required()).isTrue();
				assertThat(client.backoff()).hasToString("exponential(PT0.01S..PT0.1S, full jitter)");
			});
	}

	@Test
	void missingAddressShouldFailNamingTheClientAndTheFix() {
		this.runner.withUserConfiguration(NoAddressConfiguration.class).run((context) -> {
			FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("NGI client 'lonely'", "bean 'lonely'", "no address");
			assertThat(analysis.getAction()).contains("ngi.clients.lonely.address");
		});
	}

	@Test
	void invalidAddressShouldFailNamingTheClientAndTheFix() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=not an address")
			.run((context) -> {
				FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("NGI client 'upstream'", "invalid address");
				assertThat(analysis.getAction()).contains("ngi.clients.upstream.address", "host:port");
			});
	}

	@Test
	void unresolvablePlaceholderShouldFailNamingTheBean() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class).run((context) -> {
			FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("@NgiClient on bean 'upstream'", "${upstream.address}");
			assertThat(analysis.getAction()).contains("Define the property");
		});
	}

	@Test
	void negativeBackoffShouldFailNamingThePropertyAndTheFix() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.backoff.initial=-1s")
			.run((context) -> assertThat(NgiAutoConfigurationTests.bindValidationMessage(context.getStartupFailure()))
				.contains("clients.upstream.backoff.initial", "must be positive"));
	}

	@Test
	void hostNameThatDoesNotResolveShouldBeAFailedConnectNotAFailedStartup() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=no-such-host.invalid:5000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				// A resolver that times out takes seconds for the lookup of a missing
				// name.
				await().atMost(Duration.ofSeconds(60)).until(() -> client.consecutiveFailures() >= 1);
				assertThat(client.lastFailure().text()).startsWith("unknown host no-such-host.invalid");
				assertThat(client.formattedAddress()).isEqualTo("no-such-host.invalid:5000");
			});
	}

	@Test
	void clientCustomizerShouldChangeTheClientItChoosesAndKeepTheMetricsObserver() {
		List<String> transitions = new CopyOnWriteArrayList<>();
		Backoff steady = Backoff.fixed(Duration.ofMillis(20));
		this.runner.withUserConfiguration(RecordingClientConfiguration.class, OtherClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9")
			.withBean("steadyUpstream", NgiClientCustomizer.class, () -> (name, builder) -> {
				if (name.equals("upstream")) {
					builder.backoff(steady)
						.observer((client, from, to, reason) -> transitions.add(name + " " + from + "->" + to));
				}
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiClientRegistry registry = context.getBean(NgiClientRegistry.class);
				NgiRegisteredClient upstream = registry.client("upstream");
				assertThat(upstream.backoff()).isSameAs(steady);
				assertThat(upstream.client().backoff()).isSameAs(steady);
				assertThat(registry.client("other").backoff()).isNotSameAs(steady);
				await().atMost(PATIENCE).until(() -> upstream.failedConnects() >= 2);
				assertThat(transitions).contains("upstream CONNECTING->WAITING", "upstream WAITING->CONNECTING");
				assertThat(transitions).allMatch((transition) -> transition.startsWith("upstream "));
			});
	}

	@Test
	void failingClientCustomizerShouldFailStartupNamingTheClient() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9")
			.withBean("broken", NgiClientCustomizer.class, () -> (name, builder) -> builder.name(" "))
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("The NgiClientCustomizer")
				.hasStackTraceContaining("failed on NGI client 'upstream' (bean 'upstream')")
				.rootCause()
				.hasMessageContaining("name must not be blank"));
	}

	@Test
	void resetAfterShouldReachTheClientAndANegativeOneShouldFail() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9")
			.run((context) -> assertThat(
					context.getBean(NgiClientRegistry.class).client("upstream").client().resetBackoffAfter())
				.isEqualTo(Duration.ofSeconds(5)));
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.backoff.reset-after=1m")
			.run((context) -> assertThat(
					context.getBean(NgiClientRegistry.class).client("upstream").client().resetBackoffAfter())
				.isEqualTo(Duration.ofMinutes(1)));
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.backoff.reset-after=-1s")
			.run((context) -> assertThat(NgiAutoConfigurationTests.bindValidationMessage(context.getStartupFailure()))
				.contains("clients.upstream.backoff.reset-after", "must not be negative"));
	}

	@Test
	void clientNamedLikeAListenerShouldFailNamingBoth() {
		this.runner.withUserConfiguration(EchoServerConfiguration.class, ClientNamedEchoConfiguration.class)
			.run((context) -> {
				FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "an NGI listener", "'echoClient'");
				assertThat(analysis.getAction()).contains("unique name");
			});
	}

	@Test
	void twoClientsWithOneNameShouldFailNamingBothBeans() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class, SecondUpstreamConfiguration.class)
			.withPropertyValues("upstream.address=127.0.0.1:9")
			.run((context) -> {
				FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'upstream'", "'otherUpstream'");
			});
	}

	@Test
	void wrongBeanTypeShouldFailNamingTheBeanAndTheFix() {
		this.runner.withUserConfiguration(WrongTypeConfiguration.class).run((context) -> {
			FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'notAClient'", "@NgiClient", "java.lang.String");
			assertThat(analysis.getAction()).contains("io.ngi.Server", "io.ngi.ConnectionHandler");
		});
	}

	@Test
	void unknownSslBundleShouldFailNamingIt() {
		this.runner.withUserConfiguration(RecordingClientConfiguration.class)
			.withConfiguration(
					AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withPropertyValues("upstream.address=127.0.0.1:9", "ngi.clients.upstream.ssl.bundle=missing")
			.run((context) -> {
				FailureAnalysis analysis = NgiAutoConfigurationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("NGI client 'upstream'", "'missing'");
				assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.missing");
			});
	}

	/**
	 * A TLS echo listener with the server bundle, and the recording client aimed at it.
	 */
	private ApplicationContextRunner tlsEchoServer() {
		return this.runner
			.withConfiguration(
					AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withUserConfiguration(EchoServerConfiguration.class, RecordingClientConfiguration.class)
			.withPropertyValues(NgiTlsAutoConfigurationTests.PEM_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=server",
					"upstream.address=127.0.0.1:${local.ngi.echo.port}");
	}

	@Test
	void sslBundleShouldMakeTheClientSpeakTlsAndVerifyTheServer() {
		tlsEchoServer()
			.withPropertyValues("spring.ssl.bundle.pem.trust.truststore.certificate=classpath:tls/ca.crt",
					"ngi.clients.upstream.ssl.bundle=trust", "ngi.clients.upstream.ssl.server-name=localhost")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(client::isConnected);
				assertThat(client.connection().tlsSession()).isNotNull();
				assertThat(client.options().tls().serverName()).isEqualTo("localhost");
				client.write("secret\n".getBytes(StandardCharsets.UTF_8));
				RecordingClientConfiguration recorder = context.getBean(RecordingClientConfiguration.class);
				await().atMost(PATIENCE).until(() -> String.join("", recorder.received).equals("secret\n"));
			});
	}

	@Test
	void sslBundleThatDoesNotTrustTheServerShouldFailEveryConnectAndBackOff() {
		tlsEchoServer()
			.withPropertyValues("spring.ssl.bundle.pem.other.truststore.certificate=classpath:tls/server-2.crt",
					"ngi.clients.upstream.ssl.bundle=other")
			.run((context) -> {
				NgiRegisteredClient client = context.getBean(NgiClientRegistry.class).client("upstream");
				await().atMost(PATIENCE).until(() -> client.consecutiveFailures() >= 2);
				assertThat(client.isConnected()).isFalse();
				assertThat(client.lastFailure().kind()).isEqualTo(io.ngi.CloseReason.Kind.TLS);
			});
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			line.append((char) b);
		}
		return line.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingClientConfiguration {

		final List<String> received = new CopyOnWriteArrayList<>();

		@NgiClient(name = "upstream", address = "${upstream.address}")
		ConnectionHandler upstream() {
			return (connection, data) -> this.received.add(new String(data, StandardCharsets.UTF_8));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherClientConfiguration {

		@NgiClient(name = "other", address = "127.0.0.1:9")
		ConnectionHandler other() {
			return (connection, data) -> {
			};
		}

	}

	@NgiClient(address = "127.0.0.1:${local.ngi.echo.port}")
	static class AnnotatedClient implements ConnectionHandler {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.received.add(new String(data, StandardCharsets.UTF_8));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoServerConfiguration {

		@NgiServer(name = "echo", address = "127.0.0.1:0")
		ConnectionHandler echo() {
			return Connection::write;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoAddressConfiguration {

		@NgiClient
		Server lonely() {
			return (connection) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientNamedEchoConfiguration {

		@NgiClient(name = "echo", address = "127.0.0.1:9")
		Server echoClient() {
			return (connection) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondUpstreamConfiguration {

		@NgiClient(name = "upstream", address = "127.0.0.1:9")
		Server otherUpstream() {
			return (connection) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongTypeConfiguration {

		@NgiClient(address = "127.0.0.1:9")
		String notAClient() {
			return "not a client";
		}

	}

}
