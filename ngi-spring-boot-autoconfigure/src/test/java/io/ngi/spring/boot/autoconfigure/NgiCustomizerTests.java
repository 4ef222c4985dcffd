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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.ngi.FrameLimits;
import io.ngi.ListenOptions;
import io.ngi.Server;
import io.ngi.adapters.Lines;
import io.ngi.imperative.ImperativeSettings;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.annotation.NgiServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The customizer seams and the properties that act: {@code ngi.*} reaches an
 * implementation the application builds itself, a listener customizer changes the
 * listeners it chooses, {@code max-line-length} reaches {@code new Lines(connection)},
 * and a bad value fails startup with an analysis naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class NgiCustomizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class));

	@Test
	void anApplicationsOwnImplementationBuiltFromTheBuilderKeepsTheProperties() {
		this.runner.withUserConfiguration(OwnImplementation.class)
			.withPropertyValues("ngi.loops=3", "ngi.loop.blocked-threshold=2s")
			.run((context) -> {
				assertThat(context).hasSingleBean(NioImplementation.class);
				NioImplementation implementation = context.getBean(NioImplementation.class);
				assertThat(implementation.name()).isEqualTo("own-loop");
				assertThat(implementation.loops()).isEqualTo(3);
				assertThat(implementation.blockedLoopThreshold()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void aCustomizerAfterThePropertiesOverridesThemAndEachInjectionGetsAFreshBuilder() {
		this.runner.withUserConfiguration(LoopsCustomizer.class).withPropertyValues("ngi.loops=3").run((context) -> {
			assertThat(context.getBean(NioImplementation.class).loops()).isEqualTo(5);
			NioImplementation.Builder first = context.getBean(NioImplementation.Builder.class);
			assertThat(first).isNotSameAs(context.getBean(NioImplementation.Builder.class));
		});
	}

	@Test
	void aListenerCustomizerChangesTheListenersItChoosesOnTopOfTheProperties() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withUserConfiguration(NgiAutoConfigurationTests.FakeImplementationConfiguration.class, TwoServers.class,
					SlowClientsCustomizer.class)
			.withPropertyValues("ngi.defaults.idle-timeout=30s", "ngi.servers.telnet.max-line-length=1KB")
			.run((context) -> {
				ListenOptions telnet = optionsOf(context, "telnet");
				ListenOptions api = optionsOf(context, "api");
				assertThat(telnet.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
				assertThat(telnet.frameLimits().maxLineLength()).isEqualTo(1024);
				assertThat(api.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(api.frameLimits()).isEqualTo(FrameLimits.DEFAULTS);
			});
	}

	@Test
	void aListenerCustomizerThatSetsABadValueFailsStartupNamingItAndTheListener() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withUserConfiguration(NgiAutoConfigurationTests.FakeImplementationConfiguration.class, TwoServers.class)
			.withBean(NgiListenerCustomizer.class, () -> (name, options) -> options.backlog(-1))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NgiAutoConfigurationTests.analyze(context.getStartupFailure()).getDescription())
					.contains("NGI listener 'telnet'", "backlog must be > 0: -1");
			});
	}

	@Test
	void maxLineLengthReachesLinesWithoutUserCode() throws Exception {
		this.runner.withUserConfiguration(LinesEcho.class)
			.withPropertyValues("ngi.loops=1", "ngi.servers.lines.max-line-length=8B")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getEnvironment().getRequiredProperty("local.ngi.lines.port", Integer.class);
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
					socket.setSoTimeout(5000);
					OutputStream out = socket.getOutputStream();
					// Eight bytes are served; nine close the connection.
					out.write("12345678\n123456789\n".getBytes(StandardCharsets.US_ASCII));
					ByteArrayOutputStream read = new ByteArrayOutputStream();
					socket.getInputStream().transferTo(read);
					assertThat(read.toString(StandardCharsets.US_ASCII)).isEqualTo("12345678\n");
				}
			});
	}

	@Test
	void aBadOutputValueFailsStartupWithTheAnalysisNamingTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadPropertyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--ngi.output.low-water-mark=2MB",
				"--ngi.output.high-water-mark=1MB", "--ngi.servers.echo.max-connections=0"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Binding to target io.ngi.spring.boot.autoconfigure.NgiProperties failed",
				"Property: ngi.output.high-water-mark", "must be above ngi.output.low-water-mark (2097152B)",
				"Property: ngi.servers.echo.max-connections", "must be -1 (no limit) or > 0");
	}

	@Test
	void imperativeBodiesFollowSpringThreadsVirtualEnabledUnlessSet() {
		ImperativeSettings before = ImperativeSettings.current();
		boolean jdkHasVirtualThreads = Runtime.version().feature() >= 21;
		try {
			this.runner
				.run((context) -> assertThat(context.getBean(ImperativeSettings.class).virtualThreads()).isFalse());
			this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "ngi.imperative.spins=7")
				.run((context) -> {
					ImperativeSettings settings = context.getBean(ImperativeSettings.class);
					assertThat(settings.virtualThreads()).isEqualTo(jdkHasVirtualThreads);
					assertThat(settings.callerSpins()).isEqualTo(7);
					assertThat(ImperativeSettings.current()).isEqualTo(settings);
				});
			this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "ngi.imperative.threads=platform")
				.run((context) -> assertThat(context.getBean(ImperativeSettings.class).virtualThreads()).isFalse());
		}
		finally {
			ImperativeSettings.use(before);
		}
	}

	private static ListenOptions optionsOf(AssertableApplicationContext context, String name) {
		List<String> names = context.getBean(NgiListenerRegistry.class)
			.listeners()
			.stream()
			.map(NgiRegisteredListener::name)
			.toList();
		return context.getBean(FakeImplementation.class).listener(names.indexOf(name)).options;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnImplementation {

		@Bean(destroyMethod = "close")
		NioImplementation ngiImplementation(NioImplementation.Builder builder) {
			return builder.name("own-loop").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoopsCustomizer {

		@Bean
		NgiImplementationCustomizer fiveLoops() {
			return (builder) -> builder.loops(5);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoServers {

		@Bean
		@NgiServer(name = "telnet", address = "127.0.0.1:0")
		Server telnet() {
			return (connection) -> connection.close();
		}

		@Bean
		@NgiServer(name = "api", address = "127.0.0.1:0")
		Server api() {
			return (connection) -> connection.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowClientsCustomizer {

		@Bean
		@Order(10)
		NgiListenerCustomizer slowClients() {
			return (name, options) -> {
				if (name.equals("telnet")) {
					options.idleTimeout(Duration.ofMinutes(10));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LinesEcho {

		@Bean
		@NgiServer(name = "lines", address = "127.0.0.1:0")
		Server lines() {
			return (connection) -> new Lines(connection).setHandler((lines, line) -> {
				lines.write(line);
				lines.write("\n");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BadPropertyApplication {

	}

}
