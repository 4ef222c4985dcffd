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

package io.ngi.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.ngi.Implementation;
import io.ngi.ImplementationContractTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implementation contract on {@link NioImplementation}, on loopback sockets (the
 * scenarios listen on an ephemeral port of the loopback address). Each hook below is a
 * place where sockets differ from the testing implementation on purpose.
 */
class NioImplementationContractTests extends ImplementationContractTests {

	private final List<Throwable> expectedFailures = new ArrayList<>();

	private LogCapture logs;

	@BeforeEach
	void captureLogs() {
		this.logs = new LogCapture();
	}

	@Override
	protected Implementation createImplementation() {
		return NioImplementation.builder().name("contract").build();
	}

	/**
	 * Closes the implementation (its loop threads and selectors), then fails the test if
	 * anything was logged at ERROR other than the handler failures the scenario expected:
	 * sockets report handler failures in the log only, so the log is where an unexpected
	 * one shows. Runs after the listeners were closed, so errors logged while closing
	 * count too.
	 */
	@Override
	protected void shutdown(Implementation implementation) {
		try {
			((NioImplementation) implementation).close();
			assertThat(this.logs.events(Level.ERROR)).allSatisfy((event) -> assertThat(this.expectedFailures)
				.as("expected failures for %s", event.getFormattedMessage())
				.contains(thrown(event)));
		}
		finally {
			this.logs.close();
		}
	}

	/**
	 * On purpose not: events come from the socket on a loop thread, so the scenarios
	 * poll, bounded.
	 */
	@Override
	protected boolean deliversSynchronously() {
		return false;
	}

	/**
	 * Returns a loopback port that was free a moment ago: bound to an ephemeral port and
	 * closed again (synchronously, so nothing listens there any more).
	 */
	@Override
	protected SocketAddress unusedAddress() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
			return new InetSocketAddress(loopback, socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * On purpose the failure is only logged (at ERROR, with the exception and the
	 * connection), as on a production server nobody else could take it; so this checks
	 * the log.
	 */
	@Override
	protected void expectHandlerFailure(Implementation implementation, Throwable failure) {
		this.expectedFailures.add(failure);
		eventually(() -> assertThat(this.logs.events(Level.ERROR)).map(NioImplementationContractTests::thrown)
			.containsExactly(failure));
	}

	private static @Nullable Throwable thrown(ILoggingEvent event) {
		return (event.getThrowableProxy() instanceof ThrowableProxy proxy) ? proxy.getThrowable() : null;
	}

	/**
	 * Nothing to do: time passes by itself, and the scenarios wait for it (bounded).
	 */
	@Override
	protected void advance(Implementation implementation, Duration duration) {
	}

}
