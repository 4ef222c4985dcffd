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

package io.ngi.sample.finger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;

import static io.ngi.sample.finger.FingerServiceTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code finger-proxy} pointed at another upstream
 * ({@code ngi.sample.finger.proxy.upstream}), which each test stands up in memory, or
 * not: an upstream that answers later, one that never answers (the 2-second deadline, in
 * virtual time), one that is down.
 */
@NgiTest(properties = "ngi.sample.finger.proxy.upstream=127.0.0.1:9079")
@Import(FingerConfiguration.class)
class FingerProxyUpstreamTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	void proxySendsTheQueryUpstreamAndPassesTheAnswerOnToAClientThatHalfClosed() {
		StringBuilder received = new StringBuilder();
		TestListener upstream = this.ngi.listen("127.0.0.1:9079", (connection) -> connection
			.setHandler((ConnectionHandler) (c, data) -> received.append(new String(data, StandardCharsets.UTF_8))));
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("/W alice\r\n"));
		client.shutdownOutput();
		assertThat(received.toString()).isEqualTo("/W alice\r\n");
		assertThat(client.output()).isEmpty();
		Connection upstreamEnd = last(upstream);
		upstreamEnd.write(bytes("Login: alice\r\n"));
		this.ngi.advance(Duration.ofMillis(1500));
		upstreamEnd.write(bytes("Status: away\r\n"));
		upstreamEnd.close();
		assertThat(client.output()).isEqualTo("-> 'Login: alice\\r\\nStatus: away\\r\\n'\n-> CLOSE");
	}

	@Test
	void proxyAnswersUpstreamTimedOutWhenTheUpstreamSaysNothingForTwoSeconds() {
		TestListener upstream = silentUpstream();
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("alice\r\n"));
		Connection upstreamEnd = last(upstream);
		this.ngi.advance(Duration.ofMillis(1999));
		assertThat(client.output()).isEmpty();
		assertThat(upstreamEnd.isOpen()).isTrue();
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(client.output()).isEqualTo("-> 'upstream timed out\\r\\n'\n-> CLOSE");
		assertThat(upstreamEnd.isOpen()).isFalse();
	}

	@Test
	void proxyAnswersClearlyWhenTheUpstreamIsDown() {
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("alice\r\n"));
		assertThat(client.output()).isEqualTo("-> 'upstream 127.0.0.1:9079 is down: no such server\\r\\n'\n-> CLOSE");
	}

	@Test
	void proxyClosesItsUpstreamConnectionWhenTheClientResets() {
		TestListener upstream = silentUpstream();
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("alice\r\n"));
		Connection upstreamEnd = last(upstream);
		client.peer().testClose(CloseReason.of(CloseReason.Kind.RESET, "connection reset"));
		assertThat(upstreamEnd.isOpen()).isFalse();
	}

	@Test
	void proxyKeepsTheQueryOfAClientThatClosedUntilTheDeadline() {
		// With half-close allowed, a FIN after the query may be a half-close: the answer
		// is still sent (and dropped by a peer that is gone) when it comes.
		TestListener upstream = silentUpstream();
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("alice\r\n"));
		Connection upstreamEnd = last(upstream);
		client.close();
		assertThat(upstreamEnd.isOpen()).isTrue();
		this.ngi.advance(Duration.ofSeconds(2));
		assertThat(upstreamEnd.isOpen()).isFalse();
	}

	@Test
	void proxyPassesNoControlCharactersOnAndCutsAnEndlessAnswer() {
		TestListener upstream = silentUpstream();
		TestConnection client = this.ngi.connect("finger-proxy");
		client.write(bytes("alice\r\n"));
		Connection upstreamEnd = last(upstream);
		upstreamEnd.write(bytes("\u001b[2Jhere\u0007\tthere\r\n"));
		upstreamEnd.close();
		assertThat(client.output()).isEqualTo("-> '?[2Jhere?\\tthere\\r\\n'\n-> CLOSE");
		TestConnection flooded = this.ngi.connect("finger-proxy");
		flooded.write(bytes("alice\r\n"));
		Connection flooding = last(upstream);
		for (int i = 0; i < 100; i++) {
			flooding.write(bytes("y".repeat(1023) + "\n"));
		}
		String answer = flooded.output();
		assertThat(answer).endsWith("\\r\\n[answer cut at 65536 bytes]\\r\\n'\n-> CLOSE");
		assertThat(answer.length()).isLessThan(70_000);
		assertThat(flooding.isOpen()).isFalse();
	}

	private TestListener silentUpstream() {
		return this.ngi.listen("127.0.0.1:9079",
				(connection) -> connection.setHandler((ConnectionHandler) (c, data) -> {
				}));
	}

	private static Connection last(TestListener upstream) {
		List<Connection> connections = List.copyOf(upstream.connections());
		return connections.get(connections.size() - 1);
	}

}
