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

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import io.ngi.Listener;
import io.ngi.examples.SeedExamplesTests.CombinedWCClient;
import io.ngi.examples.SeedExamplesTests.WC;
import io.ngi.examples.SeedExamplesTests.WCClient;
import io.ngi.testing.Fragmentation;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed examples that frame their input (the word-count server and clients), run with
 * every write cut into single bytes and at 100 random sets of places: their transcripts
 * are the same as with whole writes.
 */
@ParameterizedClass
@MethodSource("fragmentations")
class FramedSeedExamplesTests {

	@Parameter
	Fragmentation fragmentation;

	private final List<String> out = new ArrayList<>();

	private TestingImplementation implementation;

	static Stream<Fragmentation> fragmentations() {
		return Stream.concat(Stream.of(Fragmentation.NONE, Fragmentation.BYTES),
				LongStream.range(0, 100).mapToObj(Fragmentation::random));
	}

	private TestingImplementation implementation() {
		if (this.implementation == null) {
			this.implementation = TestingImplementation.builder().fragmentation(this.fragmentation).build();
		}
		return this.implementation;
	}

	@AfterEach
	void noHandlerFailed() {
		implementation().rethrowHandlerErrors();
	}

	@Test
	void wordCountServerAndClientThroughTheImplementation() {
		SocketAddress address = TestingImplementation.address("wc");
		Listener listener = implementation().listen(address, (connection) -> connection.setHandler(new WC()));
		implementation().connect(address, new CombinedWCClient("hi\nout there", this.out));
		assertThat(this.out).containsExactly("WCClient got 2 3\n");
		listener.close();
		implementation().assertNoOpenConnections();
	}

	@Test
	void wordCountServerAnswersEachRequestOfAStream() {
		TestListener listener = implementation().listen(null, (connection) -> connection.setHandler(new WC()));
		TestConnection client = listener.connect();
		client.write(bytes("15\nhello out\nthere"));
		assertThat(client.output()).isEqualTo("-> '2 3\\n'");
		listener.close();
	}

	@Test
	void lineReaderClientReadsTheServersLine() {
		WCClient wcc = new WCClient("Hello out\nthere", this.out);
		TestConnection connection = new TestConnection(implementation());
		wcc.connected(connection);
		assertThat(connection.peer().output()).isEqualTo("-> 'Hello out\\nthere'");
		connection.peer().write("text from server\n");
		assertThat(this.out).containsExactly("LineReader got text from server\n");
		assertThat(connection.peer().output()).isEqualTo("-> CLOSE");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
