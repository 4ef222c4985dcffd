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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.ngi.testing.TestConnection;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The finger protocol with lookups of the test's own, no Spring: what the tutorial's
 * errback does, answers that come late, and the proxy's guard against asking itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class FingerServerTests {

	@Test
	void answersAsTheJavadocShows() {
		FingerUsers users = new FingerUsers();
		users.replaceFileUsers(Map.of("alice", "Happy and well"));
		TestConnection connection = new TestConnection();
		new FingerServer("finger", new LocalLookup(users), 512).connected(connection);
		connection.peer().write("alice\r\n");
		assertThat(connection.peer().output()).isEqualTo("-> 'Happy and well\\r\\n'\n-> CLOSE");
	}

	@Test
	void aFailedLookupIsAnsweredInternalErrorAndLogged(CapturedOutput output) {
		assertThat(query((query) -> CompletableFuture.failedFuture(new IllegalStateException("disk on fire")), "alice"))
			.isEqualTo("-> 'Internal error in server\\r\\n'\n-> CLOSE");
		assertThat(query((query) -> {
			throw new IllegalStateException("thrown at once");
		}, "alice")).isEqualTo("-> 'Internal error in server\\r\\n'\n-> CLOSE");
		assertThat(output).contains("finger: lookup failed for", "disk on fire", "thrown at once");
	}

	@Test
	void anAnswerThatEndsWithALineFeedGetsNoOtherCrlf() {
		assertThat(query((query) -> CompletableFuture.completedFuture("a\r\nb\r\n"), ""))
			.isEqualTo("-> 'a\\r\\nb\\r\\n'\n-> CLOSE");
	}

	@Test
	void aLateAnswerReachesTheClientAndOneForAClientGoneIsDropped() {
		CompletableFuture<String> answer = new CompletableFuture<>();
		TestConnection connection = new TestConnection();
		new FingerServer("finger", (query) -> answer, 512).connected(connection);
		connection.peer().write("alice\r\n");
		assertThat(connection.peer().output()).isEmpty();
		answer.complete("Later");
		assertThat(connection.peer().output()).isEqualTo("-> 'Later\\r\\n'\n-> CLOSE");
		CompletableFuture<String> abandoned = new CompletableFuture<>();
		TestConnection gone = new TestConnection();
		new FingerServer("finger", (query) -> abandoned, 512).connected(gone);
		gone.peer().write("alice\r\n");
		gone.peer().close();
		assertThat(abandoned).isCancelled();
	}

	@Test
	void proxyAnswersUpstreamNotConfiguredUntilItsUpstreamIsSetAndNeverAsksItself() {
		ProxyLookup proxy = new ProxyLookup(new TestingImplementation(), Duration.ofSeconds(2));
		TestConnection connection = new TestConnection();
		new FingerServer("finger-proxy", proxy, 512).connected(connection);
		connection.peer().write("alice\r\n");
		assertThat(connection.peer().output()).isEqualTo("-> 'upstream not configured\\r\\n'\n-> CLOSE");
		InetSocketAddress self = new InetSocketAddress("127.0.0.1", 7081);
		assertThatIllegalArgumentException().isThrownBy(() -> proxy.setUpstream(self, self))
			.withMessage("upstream must not be finger-proxy itself: " + self);
		assertThat(proxy.upstream()).isNull();
	}

	private static String query(FingerLookup lookup, String query) {
		TestConnection connection = new TestConnection();
		new FingerServer("finger", lookup, 512).connected(connection);
		connection.peer().write(query + "\r\n");
		return connection.peer().output();
	}

}
