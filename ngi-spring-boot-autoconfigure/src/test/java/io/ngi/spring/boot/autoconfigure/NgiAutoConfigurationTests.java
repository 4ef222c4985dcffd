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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.nio.NioImplementation;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestingImplementation;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.spring.boot.autoconfigure.FakeImplementation.FakeConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class NgiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
		.withUserConfiguration(FakeImplementationConfiguration.class)
		.withPropertyValues("ngi.shutdown-timeout=100ms");

	@Test
	void annotatedClassWhenContextStartsShouldListenAndPublishPort() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NgiListenerRegistry.class);
			FakeImplementation implementation = context.getBean(FakeImplementation.class);
			assertThat(implementation.listeners).hasSize(1);
			NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("echo");
			assertThat(listener).isNotNull();
			assertThat(listener.isOpen()).isTrue();
			assertThat(listener.transport()).isEqualTo(NgiTransport.TCP);
			int port = ((InetSocketAddress) listener.boundAddress()).getPort();
			assertThat(port).isPositive();
			assertThat(context.getEnvironment().getProperty("local.ngi.echo.port", Integer.class)).isEqualTo(port);
			FakeConnection connection = implementation.listener(0).connect();
			connection.input("hi".getBytes(StandardCharsets.UTF_8));
			assertThat(connection.output.toString(StandardCharsets.UTF_8)).isEqualTo("hi");
		});
	}

	@Test
	void annotatedBeanMethodWhenContextStartsShouldListen() {
		this.runner.withUserConfiguration(BeanMethodConfiguration.class).run((context) -> {
			NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
			assertThat(registry.listeners()).extracting(NgiRegisteredListener::name)
				.containsExactlyInAnyOrder("upper", "lower", "log");
			assertThat(registry.listener("upper").beanName()).isEqualTo("upperServer");
			assertThat(registry.listener("lower").beanName()).isEqualTo("lowerServer");
			assertThat(registry.listener("log").transport()).isEqualTo(NgiTransport.UDP);
			assertThat(registry.listeners()).allMatch(NgiRegisteredListener::isOpen);
		});
	}

	@Test
	void emptyNameWhenAnnotatedShouldUseBeanName() {
		this.runner.withUserConfiguration(UnnamedConfiguration.class).run((context) -> {
			assertThat(context.getBean(NgiListenerRegistry.class).listener("unnamed")).isNotNull();
		});
	}

	@Test
	void userDefinedImplementationWhenPresentShouldBackOff() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(Implementation.class).doesNotHaveBean(NioImplementation.class);
			assertThat(context.getBean(NgiListenerRegistry.class).implementation())
				.isSameAs(context.getBean(FakeImplementation.class));
		});
	}

	@Test
	void noUserImplementationShouldDefineNioImplementationWithConfiguredLoops() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withPropertyValues("ngi.loops=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(NioImplementation.class);
				NioImplementation implementation = context.getBean(NioImplementation.class);
				assertThat(implementation.loops()).isEqualTo(3);
				assertThat(implementation.name()).isEqualTo("ngi-loop");
				context.close();
				assertThat(implementation.isClosed()).isTrue();
			});
	}

	@Test
	void inconsistentOutputMarksShouldFailStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withPropertyValues("ngi.output.low-water-mark=2MB", "ngi.output.high-water-mark=1MB")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void testingImplementationWhenUserBeanShouldServeAnnotatedHandlersWithoutSockets() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withBean(TestingImplementation.class, TestingImplementation::new)
			.withUserConfiguration(EchoHandler.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NioImplementation.class);
				NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("echo");
				TestConnection client = context.getBean(TestingImplementation.class).connect(listener.boundAddress());
				client.write("hi");
				assertThat(client.output()).isEqualTo("-> 'hi'");
				assertThat(listener.statistics().bytesReceived()).isEqualTo(2);
				assertThat(listener.statistics().active()).isEqualTo(1);
				client.close();
				assertThat(listener.statistics().active()).isZero();
			});
	}

	@Test
	void userDefinedRegistryWhenPresentShouldBackOff() {
		this.runner.withUserConfiguration(CustomRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(NgiListenerRegistry.class);
			assertThat(context).hasBean("customRegistry");
		});
	}

	@Test
	void ngiDisabledWhenPropertyFalseShouldNotConfigureAnything() {
		this.runner.withUserConfiguration(EchoHandler.class).withPropertyValues("ngi.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(NgiListenerRegistry.class);
			assertThat(context.getBean(FakeImplementation.class).listeners).isEmpty();
		});
	}

	@Test
	void addressPropertyWhenSetShouldOverrideAnnotation() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.address=127.0.0.1:7001")
			.run((context) -> {
				NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("echo");
				assertThat(listener.boundAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
				assertThat(context.getEnvironment().getProperty("local.ngi.echo.port")).isEqualTo("7001");
			});
	}

	@Test
	void placeholderWhenInAnnotationShouldBeResolved() {
		this.runner.withUserConfiguration(PlaceholderHandler.class)
			.withPropertyValues("test.name=resolved", "test.port=7002")
			.run((context) -> {
				NgiRegisteredListener listener = context.getBean(NgiListenerRegistry.class).listener("resolved");
				assertThat(listener.boundAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 7002));
			});
	}

	@Test
	void disabledServerWhenPropertyFalseShouldNotStart() {
		this.runner.withUserConfiguration(EchoHandler.class, BeanMethodConfiguration.class)
			.withPropertyValues("ngi.servers.echo.enabled=false")
			.run((context) -> {
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				assertThat(registry.listener("echo")).isNull();
				assertThat(registry.listener("upper")).isNotNull();
				assertThat(context.getBean(FakeImplementation.class).listeners)
					.noneMatch((listener) -> listener.server instanceof EchoHandler);
				assertThat(context.getEnvironment().getProperty("local.ngi.echo.port")).isNull();
			});
	}

	@Test
	void listenOptionsWhenConfiguredShouldReachImplementation() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.defaults.backlog=17", "ngi.servers.echo.max-connections=3",
					"ngi.servers.other.max-line-length=1KB")
			.run((context) -> {
				FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
				assertThat(listener.options.backlog()).isEqualTo(17);
				assertThat(listener.options.maxConnections()).isEqualTo(3);
				NgiListenerSettings settings = context.getBean(NgiListenerRegistry.class).listener("echo").settings();
				assertThat(settings.maxLineLength().toKilobytes()).isEqualTo(64);
				assertThat(settings.maxLineLengthInBytes()).isEqualTo(65536);
				assertThat(settings.maxFrameLengthInBytes()).isEqualTo(16 * 1024 * 1024);
			});
	}

	@Test
	void allowHalfCloseWhenSetPerServerShouldReachTheListenOptions() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.allow-half-close=true")
			.run((context) -> assertThat(context.getBean(FakeImplementation.class).listener(0).options.allowHalfClose())
				.isTrue());
	}

	@Test
	void idleTimeoutWhenSetByDefaultsAndPerServerShouldReachTheListenOptions() {
		this.runner.withUserConfiguration(BeanMethodConfiguration.class)
			.withPropertyValues("ngi.defaults.idle-timeout=30s", "ngi.servers.lower.idle-timeout=5s")
			.run((context) -> {
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				assertThat(registry.listener("lower").settings().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(registry.listener("upper").settings().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void idleTimeoutWhenNegativeShouldFailNamingTheProperty() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.idle-timeout=-1s")
			.run((context) -> assertThat(bindValidationMessage(context.getStartupFailure()))
				.contains("servers.echo.idle-timeout", "must not be negative"));
	}

	@Test
	void allowHalfCloseWhenNotSetShouldBeOff() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.run((context) -> assertThat(context.getBean(FakeImplementation.class).listener(0).options.allowHalfClose())
				.isFalse());
	}

	@Test
	void singletonHandlerWhenConnectionsArriveShouldBeShared() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
			FakeConnection first = listener.connect();
			FakeConnection second = listener.connect();
			assertThat(first.handler).isSameAs(second.handler).isSameAs(context.getBean(EchoHandler.class));
		});
	}

	@Test
	void singletonHandlerWithMutableFieldsShouldBeNamedInAWarning(CapturedOutput output) {
		this.runner.withUserConfiguration(StatefulSingletonConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("@NgiServer 'counter': singleton handler bean 'counter' is shared by every "
					+ "connection and called from several loop threads at once, and has mutable fields [count]");
		});
	}

	@Test
	void singletonHandlerWithoutMutableFieldsShouldNotBeWarnedAbout(CapturedOutput output) {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("singleton handler bean");
		});
	}

	@Test
	void prototypeHandlerWhenConnectionsArriveShouldBeCreatedPerConnection() {
		this.runner.withUserConfiguration(PrototypeConfiguration.class).run((context) -> {
			FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
			FakeConnection first = listener.connect();
			FakeConnection second = listener.connect();
			first.input(new byte[3]);
			first.input(new byte[3]);
			second.input(new byte[3]);
			assertThat(first.handler).isNotSameAs(second.handler);
			assertThat(first.output.toString(StandardCharsets.UTF_8)).isEqualTo("1 2 ");
			assertThat(second.output.toString(StandardCharsets.UTF_8)).isEqualTo("1 ");
		});
	}

	@Test
	void startedEventWhenAllListenersOpenShouldBePublished() {
		this.runner.withUserConfiguration(BeanMethodConfiguration.class, EventRecorder.class).run((context) -> {
			List<NgiListenersStartedEvent> events = context.getBean(EventRecorder.class).events;
			assertThat(events).hasSize(1);
			assertThat(events.get(0).getListeners()).hasSize(3).allMatch(NgiRegisteredListener::isOpen);
		});
	}

	@Test
	void wrongBeanTypeWhenAnnotatedShouldFailNamingBeanAndFix() {
		this.runner.withUserConfiguration(WrongTypeConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'notAHandler'", "@NgiServer", "java.lang.String");
			assertThat(analysis.getAction()).contains("io.ngi.Server", "io.ngi.ConnectionHandler");
		});
	}

	@Test
	void wrongBeanTypeWhenUdpShouldFailNamingBeanAndFix() {
		this.runner.withUserConfiguration(WrongUdpTypeConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'notUdp'", "@NgiUdpHandler");
			assertThat(analysis.getAction()).contains("io.ngi.UdpHandler");
		});
	}

	@Test
	void missingAddressWhenNoPropertyShouldFailNamingBeanAndFix() {
		this.runner.withUserConfiguration(NoAddressHandler.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'nowhere'", "no address");
			assertThat(analysis.getAction()).contains("ngi.servers.nowhere.address");
		});
	}

	@Test
	void missingAddressWhenPropertySetShouldStart() {
		this.runner.withUserConfiguration(NoAddressHandler.class)
			.withPropertyValues("ngi.servers.nowhere.address=:0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void invalidAddressShouldFailNamingBeanAndFix() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.address=localhost:99999")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "invalid address", "99999");
				assertThat(analysis.getAction()).contains("ngi.servers.echo.address");
			});
	}

	@Test
	void duplicateNamesShouldFailNamingBothBeans() {
		this.runner.withUserConfiguration(EchoHandler.class, DuplicateNameConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'echo'", "echoUdp");
			assertThat(analysis.getAction()).contains("unique name");
		});
	}

	@Test
	void addressInUseShouldFailNamingBeanAndFixAndCloseOthers() {
		FakeImplementation implementation = new FakeImplementation();
		implementation.busy.add(new InetSocketAddress("127.0.0.1", 7003));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NgiAutoConfiguration.class))
			.withBean(FakeImplementation.class, () -> implementation)
			.withUserConfiguration(BeanMethodConfiguration.class, EchoHandler.class)
			.withPropertyValues("ngi.servers.echo.address=127.0.0.1:7003")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "already in use", "127.0.0.1:7003");
				assertThat(analysis.getAction()).contains("ngi.servers.echo.address");
			});
		assertThat(implementation.listeners).noneMatch((listener) -> listener.open);
	}

	@Test
	void unresolvablePlaceholderShouldFailNamingBean() {
		this.runner.withUserConfiguration(PlaceholderHandler.class).withPropertyValues("test.name=x").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("PlaceholderHandler", "test.port");
		});
	}

	@Test
	void twoImplementationsWhenListenersDeclaredShouldFailWithAdvice() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withBean("secondImplementation", FakeImplementation.class, FakeImplementation::new)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'echo'", "no unique io.ngi.Implementation");
				assertThat(analysis.getAction()).contains("exactly one io.ngi.Implementation");
			});
	}

	@Test
	void closeWhenConnectionsFinishInTimeShouldAnswerThem() throws Exception {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.shutdown-timeout=20s")
			.run((context) -> {
				FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
				FakeConnection inFlight = listener.connect();
				Thread finisher = new Thread(() -> {
					await().atMost(Duration.ofSeconds(10)).until(() -> !listener.open);
					inFlight.write("answer".getBytes(StandardCharsets.UTF_8));
					inFlight.close();
				});
				finisher.start();
				context.close();
				finisher.join(10_000);
				assertThat(inFlight.output.toString(StandardCharsets.UTF_8)).isEqualTo("answer");
				assertThat(inFlight.closeReason).isNull();
			});
	}

	@Test
	void closeWhenConnectionNeverFinishesShouldForceCloseAtTimeout() {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.shutdown-timeout=50ms")
			.run((context) -> {
				FakeConnection stuck = context.getBean(FakeImplementation.class).listener(0).connect();
				context.close();
				assertThat(stuck.isOpen()).isFalse();
				assertThat(stuck.closeReason).isEqualTo("stopped");
			});
	}

	@Test
	void stopWhenListenerFailsToStopShouldForceCloseAndStillCallBack() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
			listener.failOnStop = true;
			NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
			CountDownLatch calledBack = new CountDownLatch(1);
			registry.shutDownGracefully(calledBack::countDown);
			assertThat(calledBack.await(10, TimeUnit.SECONDS)).isTrue();
			registry.stop();
			assertThat(listener.open).isFalse();
			assertThat(registry.isRunning()).isFalse();
		});
	}

	@Test
	void stopWhenNotRunningShouldCallBackAtOnce() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
			registry.stop();
			CountDownLatch calledBack = new CountDownLatch(1);
			registry.shutDownGracefully(calledBack::countDown);
			assertThat(calledBack.getCount()).isZero();
		});
	}

	@Test
	void drainTimeoutShouldStayWithinShutdownPhase() {
		this.runner.withPropertyValues("ngi.shutdown-timeout=30s", "spring.lifecycle.timeout-per-shutdown-phase=1s")
			.run((context) -> {
				assertThat(context.getBean(NgiListenerRegistry.class).drainTimeout().toMillis()).isEqualTo(900);
			});
		this.runner.withPropertyValues("ngi.shutdown-timeout=200ms").run((context) -> {
			assertThat(context.getBean(NgiListenerRegistry.class).drainTimeout().toMillis()).isEqualTo(200);
		});
	}

	@Test
	void shutdownDelayShouldKeepAcceptingWhileDrainingThenStop() throws Exception {
		this.runner.withUserConfiguration(EchoHandler.class)
			.withPropertyValues("ngi.shutdown-delay=300ms", "ngi.shutdown-timeout=200ms")
			.run((context) -> {
				FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				CountDownLatch calledBack = new CountDownLatch(1);
				long started = System.nanoTime();
				registry.shutDownGracefully(calledBack::countDown);
				assertThat(registry.isDraining()).isTrue();
				assertThat(listener.open).as("still accepting during ngi.shutdown-delay").isTrue();
				assertThat(calledBack.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isGreaterThanOrEqualTo(Duration.ofMillis(300));
				assertThat(listener.open).isFalse();
			});
	}

	@Test
	void shutdownDelayShouldComeOutOfTheDrainWithinThePhase() {
		this.runner
			.withPropertyValues("ngi.shutdown-delay=600ms", "ngi.shutdown-timeout=30s",
					"spring.lifecycle.timeout-per-shutdown-phase=1s")
			.run((context) -> {
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				assertThat(registry.shutdownDelay().toMillis()).isEqualTo(600);
				assertThat(registry.drainTimeout().toMillis()).isEqualTo(300);
			});
		this.runner.withPropertyValues("ngi.shutdown-delay=5s", "spring.lifecycle.timeout-per-shutdown-phase=1s")
			.run((context) -> {
				NgiListenerRegistry registry = context.getBean(NgiListenerRegistry.class);
				assertThat(registry.shutdownDelay().toMillis()).isEqualTo(900);
				assertThat(registry.drainTimeout()).isZero();
			});
	}

	@Test
	void statisticsWhenTrafficFlowsShouldCountIt() {
		this.runner.withUserConfiguration(EchoHandler.class).run((context) -> {
			FakeImplementation.FakeListener listener = context.getBean(FakeImplementation.class).listener(0);
			FakeConnection first = listener.connect();
			FakeConnection second = listener.connect();
			first.input(new byte[10]);
			second.input(new byte[5]);
			second.close();
			NgiListenerStatistics statistics = context.getBean(NgiListenerRegistry.class).listener("echo").statistics();
			assertThat(statistics.accepted()).isEqualTo(2);
			assertThat(statistics.active()).isEqualTo(1);
			assertThat(statistics.bytesReceived()).isEqualTo(15);
			assertThat(statistics.bytesSent()).isEqualTo(15);
		});
	}

	/**
	 * Returns the message of the {@link BindValidationException} behind a startup
	 * failure: each rejected property (by its field path, such as
	 * {@code servers[echo].backlog}) and why.
	 */
	static String bindValidationMessage(Throwable failure) {
		assertThat(failure).isNotNull();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException validation) {
				return validation.getMessage();
			}
		}
		throw new AssertionError("not a validation failure: " + failure, failure);
	}

	static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new NgiStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class FakeImplementationConfiguration {

		@Bean
		FakeImplementation fakeImplementation() {
			return new FakeImplementation();
		}

	}

	@NgiServer(name = "echo", address = "127.0.0.1:0")
	static class EchoHandler implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(data);
		}

	}

	@NgiServer(name = "${test.name}", address = "127.0.0.1:${test.port}")
	static class PlaceholderHandler implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
		}

	}

	@NgiServer(name = "nowhere")
	static class NoAddressHandler implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BeanMethodConfiguration {

		@Bean
		@NgiServer(name = "upper", address = "127.0.0.1:0")
		Server upperServer() {
			return (connection) -> connection
				.setHandler((c, data) -> c.write(new String(data, StandardCharsets.UTF_8).toUpperCase()));
		}

		@NgiServer(name = "lower", address = "127.0.0.1:0")
		Server lowerServer() {
			return (connection) -> connection
				.setHandler((c, data) -> c.write(new String(data, StandardCharsets.UTF_8).toLowerCase()));
		}

		@Bean
		@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
		UdpHandler logHandler() {
			return (source, message) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnnamedConfiguration {

		@NgiServer(address = ":0")
		Server unnamed() {
			return (connection) -> connection.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StatefulSingletonConfiguration {

		@Bean
		@NgiServer(name = "counter", address = "127.0.0.1:0")
		ConnectionHandler counter() {
			return new ConnectionHandler() {

				private int count;

				@Override
				public void handleInput(Connection connection, byte[] data) {
					connection.write(++this.count + " ");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeConfiguration {

		@Bean
		@Scope("prototype")
		@NgiServer(name = "counter", address = "127.0.0.1:0")
		ConnectionHandler counter() {
			return new ConnectionHandler() {

				private int count;

				@Override
				public void handleInput(Connection connection, byte[] data) {
					connection.write(++this.count + " ");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongTypeConfiguration {

		@Bean
		@NgiServer(name = "wrong", address = ":0")
		String notAHandler() {
			return "not a handler";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongUdpTypeConfiguration {

		@Bean
		@NgiUdpHandler(name = "wrong", address = ":0")
		Server notUdp() {
			return Connection::close;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateNameConfiguration {

		@Bean
		@NgiUdpHandler(name = "echo", address = ":0")
		UdpHandler echoUdp() {
			return (source, message) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRegistryConfiguration {

		@Bean
		NgiListenerRegistry customRegistry(org.springframework.beans.factory.ObjectProvider<Implementation> provider) {
			return new NgiListenerRegistry(provider, new NgiProperties());
		}

	}

	static class EventRecorder implements ApplicationListener<NgiListenersStartedEvent> {

		final List<NgiListenersStartedEvent> events = new ArrayList<>();

		@Override
		public void onApplicationEvent(NgiListenersStartedEvent event) {
			this.events.add(event);
		}

	}

}
