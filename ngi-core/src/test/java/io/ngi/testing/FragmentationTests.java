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

package io.ngi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link Fragmentation}: how writes reach application handlers in pieces.
 */
class FragmentationTests {

	/**
	 * A handler that assumes each {@code handleInput} is one whole command, as a handler
	 * tested only with whole writes easily does; a real network breaks it.
	 */
	private static final ConnectionHandler NAIVE = (connection, data) -> connection
		.write(new String(data, StandardCharsets.US_ASCII).equals("PING\n") ? "PONG\n" : "ERR\n");

	@Test
	void aHandlerThatDependsOnWhereWritesAreCutIsCaughtByBytes() {
		assertThat(answer(Fragmentation.NONE)).isEqualTo("-> 'PONG\\n'");
		assertThat(answer(Fragmentation.BYTES))
			.isEqualTo("-> 'ERR\\n'\n-> 'ERR\\n'\n-> 'ERR\\n'\n-> 'ERR\\n'\n-> 'ERR\\n'");
	}

	@Test
	void randomCutsAreReproducibleFromTheSeed() {
		assertThat(pieces(Fragmentation.random(42))).isEqualTo(pieces(Fragmentation.random(42)));
		assertThat(pieces(Fragmentation.random(42))).isNotEqualTo(pieces(Fragmentation.random(43)));
		assertThat(String.join("", pieces(Fragmentation.random(7)))).isEqualTo("abcdefghijklmnopqrstuvwxyz");
	}

	@Test
	void writeLinesElementsAreCutToo() {
		TestingImplementation implementation = TestingImplementation.builder()
			.fragmentation(Fragmentation.BYTES)
			.build();
		List<String> received = new ArrayList<>();
		TestConnection connection = new TestConnection(implementation);
		connection.setHandler((c, data) -> received.add(new String(data, StandardCharsets.US_ASCII)));
		connection.peer()
			.writeLines(List.of("ab".getBytes(StandardCharsets.US_ASCII), "c".getBytes(StandardCharsets.US_ASCII)));
		assertThat(received).containsExactly("a", "b", "c");
	}

	@Test
	void aPausedReaderGetsTheRestOfACutWriteWhenItResumes() {
		TestingImplementation implementation = TestingImplementation.builder()
			.fragmentation(Fragmentation.BYTES)
			.build();
		List<String> received = new ArrayList<>();
		TestConnection connection = new TestConnection(implementation);
		connection.setHandler(new ConnectionHandler() {

			@Override
			public void handleInput(Connection c, byte[] data) {
				received.add(new String(data, StandardCharsets.US_ASCII));
				if (received.size() == 2) {
					c.pauseReading();
				}
			}

		});
		connection.peer().write("abcd");
		assertThat(received).containsExactly("a", "b");
		connection.resumeReading();
		assertThat(received).containsExactly("a", "b", "c", "d");
	}

	@Test
	void theDefaultIsNoneAndTheBuilderRejectsNull() {
		assertThat(new TestingImplementation().fragmentation()).isEqualTo(Fragmentation.NONE);
		assertThat(Fragmentation.random(3)).hasToString("RANDOM(3)").isEqualTo(Fragmentation.random(3));
		assertThatNullPointerException().isThrownBy(() -> TestingImplementation.builder().fragmentation(null))
			.withMessage("fragmentation");
	}

	private static String answer(Fragmentation fragmentation) {
		TestingImplementation implementation = TestingImplementation.builder().fragmentation(fragmentation).build();
		TestListener listener = implementation.listen(null, (connection) -> connection.setHandler(NAIVE));
		TestConnection client = listener.connect();
		client.write("PING\n");
		return client.output();
	}

	private static List<String> pieces(Fragmentation fragmentation) {
		TestingImplementation implementation = TestingImplementation.builder().fragmentation(fragmentation).build();
		List<String> received = new ArrayList<>();
		TestConnection connection = new TestConnection(implementation);
		connection.setHandler((c, data) -> received.add(new String(data, StandardCharsets.US_ASCII)));
		connection.peer().write("abcdefghijklmnopqrstuvwxyz");
		return received;
	}

}
