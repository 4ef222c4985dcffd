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

package io.ngi.examples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's time examples (a periodic task, a request deadline, an idle timeout), as
 * written there, with their in-memory tests.
 */
class TimeExamplesTests {

	private final TestingImplementation ngi = new TestingImplementation();

	private final List<String> results = new ArrayList<>();

	@AfterEach
	void noHandlerFailed() {
		this.ngi.rethrowHandlerErrors();
	}

	@Test
	void aKeepAliveEveryTenSeconds() {
		TestListener listener = this.ngi.listen(null,
				(connection) -> new KeepAlive(connection, Duration.ofSeconds(10)));
		TestConnection client = listener.connect();
		this.ngi.advance(Duration.ofSeconds(25));
		assertThat(client.output()).isEqualTo("-> 'ping\\n'\n-> 'ping\\n'");
	}

	@Test
	void aRequestDeadlineThatRunsOut() {
		TestListener silent = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> {
		}));
		this.ngi.connect(silent.address(), new Query(this.results));
		this.ngi.advance(Duration.ofMillis(1999));
		assertThat(this.results).isEmpty();
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(this.results).containsExactly("no answer in time");
	}

	@Test
	void aRequestDeadlineCancelledByTheAnswer() {
		TestListener answering = this.ngi.listen(null,
				(connection) -> connection.setHandler((c, data) -> c.write("42\n")));
		this.ngi.connect(answering.address(), new Query(this.results));
		this.ngi.advance(Duration.ofSeconds(5));
		assertThat(this.results).containsExactly("42\n");
	}

	@Test
	void anIdleTimeout() {
		TestListener listener = this.ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder().idleTimeout(Duration.ofSeconds(30)).build());
		TestConnection client = listener.connect();
		this.ngi.advance(Duration.ofSeconds(30));
		assertThat(client.output()).isEqualTo("-> CLOSE");
	}

	static class KeepAlive implements ConnectionHandler {

		private final Duration period;

		KeepAlive(Connection connection, Duration period) {
			this.period = period;
			connection.setHandler(this);
			tick(connection);
		}

		private void tick(Connection connection) {
			connection.schedule(this.period, () -> {
				connection.write("ping\n");
				tick(connection);
			});
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
		}

	}

	static class Query implements ClientConnectHandler, ConnectionHandler {

		private final List<String> results;

		private Cancellable deadline = () -> false;

		Query(List<String> results) {
			this.results = results;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
			connection.write("query\n");
			this.deadline = connection.schedule(Duration.ofSeconds(2), () -> {
				this.results.add("no answer in time");
				connection.close();
			});
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.deadline.cancel();
			this.results.add(new String(data, StandardCharsets.UTF_8));
			connection.close();
		}

		@Override
		public void failedConnect(String reason) {
			this.results.add("failed: " + reason);
		}

	}

}
