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

import java.math.BigInteger;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.ClientAuth;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.TlsOptions;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfigurationTests.EchoHandler;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfigurationTests.FakeImplementationConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code ngi.servers.<name>.ssl.*} and {@code ngi.defaults.ssl.*}: SSL bundles (PEM and
 * PKCS12) reach the listener's {@link TlsOptions}, and mistakes fail startup with a
 * description and an action.
 */
@ExtendWith(OutputCaptureExtension.class)
class NgiTlsAutoConfigurationTests {

	static final String[] PEM_BUNDLE = { "spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
			"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
			"spring.ssl.bundle.pem.server.truststore.certificate=classpath:tls/ca.crt" };

	static final String[] PKCS12_BUNDLE = { "spring.ssl.bundle.jks.store.keystore.location=classpath:tls/server.p12",
			"spring.ssl.bundle.jks.store.keystore.password=secret", "spring.ssl.bundle.jks.store.keystore.type=PKCS12",
			"spring.ssl.bundle.jks.store.truststore.location=classpath:tls/trust.p12",
			"spring.ssl.bundle.jks.store.truststore.password=secret",
			"spring.ssl.bundle.jks.store.truststore.type=PKCS12" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NgiAutoConfiguration.class))
		.withUserConfiguration(FakeImplementationConfiguration.class, EchoHandler.class)
		.withPropertyValues("ngi.shutdown-timeout=100ms");

	@Test
	void noBundleShouldListenInPlaintext() {
		this.runner.run((context) -> {
			NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("echo");
			assertThat(listener.tls()).isNull();
			assertThat(listener.settings().ssl().enabled()).isFalse();
			assertThat(listener.settings().ssl().handshakeTimeout()).isEqualTo(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
			assertThat(listener.settings().ssl().clientAuth()).isEqualTo(ClientAuth.NONE);
			assertThat(fake(context).listener(0).options.tls()).isNull();
		});
	}

	@Test
	void pemBundleShouldReachTheListenOptions() {
		this.runner.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=server", "ngi.servers.echo.ssl.client-auth=want",
					"ngi.servers.echo.ssl.handshake-timeout=3s",
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv1.3",
					"spring.ssl.bundle.pem.server.options.ciphers=TLS_AES_128_GCM_SHA256")
			.run((context) -> {
				NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("echo");
				NgiListenerTls tls = listener.tls();
				assertThat(tls).isNotNull();
				assertThat(tls.bundle()).isEqualTo("server");
				TlsOptions options = fake(context).listener(0).options.tls();
				assertThat(options).isNotNull().isSameAs(tls.options());
				assertThat(options.clientAuth()).isEqualTo(ClientAuth.WANT);
				assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.protocols()).containsExactly("TLSv1.3");
				assertThat(options.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
				assertThat(options.context()).isSameAs(tls.context());
				assertThat(tls.effectiveProtocols()).containsExactly("TLSv1.3");
				assertThat(tls.lastReload()).isNull();
			});
	}

	@Test
	void defaultsShouldApplyToListenersThatNameABundle() {
		this.runner.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=server", "ngi.defaults.ssl.client-auth=need",
					"ngi.defaults.ssl.handshake-timeout=0")
			.run((context) -> {
				TlsOptions options = fake(context).listener(0).options.tls();
				assertThat(options.clientAuth()).isEqualTo(ClientAuth.NEED);
				assertThat(options.handshakeTimeout()).isZero();
				assertThat(options.protocols()).isEmpty();
				NgiListenerTls tls = context.getBean(NgiListenerRegistry.class).listener("echo").tls();
				assertThat(tls.effectiveProtocols()).isNotEmpty();
			});
	}

	@Test
	void pkcs12BundleShouldReachTheListenOptions() {
		this.runner.withPropertyValues(PKCS12_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=store")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TlsOptions options = fake(context).listener(0).options.tls();
				assertThat(options).isNotNull();
				assertThat(options.clientAuth()).isEqualTo(ClientAuth.NONE);
				assertThat(options.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(context.getBean(NgiListenerRegistry.class).listener("echo").tls().bundle())
					.isEqualTo("store");
			});
	}

	@Test
	void pkcs12BundleShouldServeTlsOnRealSockets() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NgiAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues(PKCS12_BUNDLE)
			.withPropertyValues("ngi.loops=1", "ngi.shutdown-timeout=100ms", "ngi.servers.echo.ssl.bundle=store",
					"ngi.servers.echo.ssl.client-auth=need")
			.run((context) -> {
				int port = context.getEnvironment().getRequiredProperty("local.ngi.echo.port", Integer.class);
				BigInteger expected = TlsClient.serial(TlsClient.resource("tls/server.crt"));
				try (TlsClient client = new TlsClient(port, true)) {
					assertThat(client.serverSerial()).isEqualTo(expected);
					assertThat(client.echo("hello")).isEqualTo("hello");
				}
				// need: a client without a certificate is refused
				assertThatException().isThrownBy(() -> {
					try (TlsClient client = new TlsClient(port, false)) {
						client.echo("hello");
					}
				});
			});
	}

	@Test
	void missingBundleShouldFailNamingListenerBundleAndFix() {
		this.runner.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'echo'", "'nope'", "ngi.servers.echo.ssl.bundle",
						"defined: server");
				assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.nope", "spring.ssl.bundle.jks.nope");
			});
	}

	@Test
	void missingBundleInAnApplicationShouldPrintTheFailureAnalysis(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TlsApplication.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "ngi.loops=1", "ngi.servers.echo.ssl.bundle=missing")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START", "NGI listener 'echo'", "'missing'",
				"spring.ssl.bundle.pem.missing");
	}

	@Test
	void badClientAuthShouldFailNamingThePropertyAndTheValues(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TlsApplication.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "ngi.loops=1", "ngi.servers.echo.ssl.client-auth=maybe")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START", "ngi.servers.echo.ssl.client-auth", "maybe", "NONE",
				"WANT", "NEED");
	}

	@Test
	void badDefaultClientAuthShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("ngi.defaults.ssl.client-auth=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ngi.defaults.ssl.client-auth")
				.hasStackTraceContaining("sometimes"));
	}

	@Test
	void negativeHandshakeTimeoutShouldFailNamingTheBundle() {
		this.runner.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=server", "ngi.servers.echo.ssl.handshake-timeout=-1s")
			.run((context) -> assertThat(NgiAutoConfigurationTests.bindValidationMessage(context.getStartupFailure()))
				.contains("servers.echo.ssl.handshake-timeout", "must not be negative"));
	}

	@Test
	void unknownProtocolShouldFailNamingTheBundleOptions() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, NgiAutoConfiguration.class))
			.withUserConfiguration(EchoHandler.class)
			.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.loops=1", "ngi.servers.echo.ssl.bundle=server",
					"spring.ssl.bundle.pem.server.options.enabled-protocols=TLSv9")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "'server'", "TLSv9");
				assertThat(analysis.getAction()).contains("spring.ssl.bundle.*.server.options.enabled-protocols");
			});
	}

	@Test
	void udpListenerWithABundleShouldFail() {
		this.runner.withUserConfiguration(UdpConfiguration.class)
			.withPropertyValues(PEM_BUNDLE)
			.withPropertyValues("ngi.servers.log.ssl.bundle=server")
			.run((context) -> {
				FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("UDP listener 'log'", "'server'");
				assertThat(analysis.getAction()).contains("ngi.servers.log.ssl.bundle");
			});
	}

	@Test
	void noSslBundlesBeanShouldFailNamingSslAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withUserConfiguration(FakeImplementationConfiguration.class, EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.ssl.bundle=server")
			.run((context) -> {
				FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "no SslBundles bean");
				assertThat(analysis.getAction()).contains("SslAutoConfiguration");
			});
	}

	private static FakeImplementation fake(org.springframework.context.ApplicationContext context) {
		return context.getBean(FakeImplementation.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class UdpConfiguration {

		@Bean
		@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
		UdpHandler log() {
			return (source, message) -> {
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TlsApplication {

		@NgiServer(name = "echo", address = "127.0.0.1:0")
		ConnectionHandler echo() {
			return new ConnectionHandler() {

				@Override
				public void handleInput(Connection connection, byte[] data) {
					connection.write(data);
				}

			};
		}

	}

}
