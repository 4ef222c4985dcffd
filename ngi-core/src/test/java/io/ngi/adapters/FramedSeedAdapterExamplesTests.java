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

package io.ngi.adapters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import io.ngi.adapters.SeedAdapterExamplesTests.WCAdapted;
import io.ngi.adapters.SeedAdapterExamplesTests.WCClientG;
import io.ngi.imperative.Imperative;
import io.ngi.testing.Fragmentation;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static io.ngi.adapters.SeedAdapterExamplesTests.text;
import static io.ngi.adapters.SeedAdapterExamplesTests.wc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed examples over {@code Lines}, {@code Sized} and imperative handlers, run with
 * every write cut into single bytes and at 100 random sets of places: their transcripts
 * are the same as with whole writes.
 */
@ParameterizedClass
@MethodSource("io.ngi.examples.FramedSeedExamplesTests#fragmentations")
class FramedSeedAdapterExamplesTests {

	@Parameter
	Fragmentation fragmentation;

	private final List<String> printed = Collections.synchronizedList(new ArrayList<>());

	private TestingImplementation implementation;

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
	void imperativeWordCountAnswersEveryRequestOfAStream() throws Exception {
		TestConnection connection = new TestConnection(implementation());
		wc.connected(connection);
		connection.peer().write("3\none5\nt");
		connection.peer().write("wo x");
		assertThat(connection.output()).isEqualTo("-> '1 1\\n'\n-> '1 2\\n'");
	}

	@Test
	void imperativeClientAgainstTheImperativeServer() {
		TestListener listener = implementation().listen(null, wc);
		implementation().connect(listener.address(), new WCClientG("hi\nout there", this.printed));
		assertThat(this.printed).containsExactly("Got 2 3\n");
		listener.close();
	}

	@Test
	void sizedAdapterServer() {
		TestListener listener = implementation().listen(null, WCAdapted::new);
		TestConnection connection = listener.connect();
		connection.write("15");
		connection.write("\nhello out\nthere");
		assertThat(connection.output()).isEqualTo("-> '2 3\\n'");
		listener.close();
	}

	@Test
	void linesHandler() throws Exception {
		Imperative example = Lines.handler((connection, input) -> this.printed.add(text(input.next())));
		TestConnection connection = new TestConnection(implementation());
		example.connected(connection);
		connection.peer().write("Hi");
		connection.peer().write(" world!\n");
		assertThat(this.printed).containsExactly("Hi world!");
		assertThat(connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void sizedRecordsSurviveAnyCut() {
		List<String> records = new ArrayList<>();
		TestConnection connection = new TestConnection(implementation());
		new Sized(connection).setHandler((sized, message) -> records.add(text(message)));
		Sized peer = new Sized(connection.peer());
		peer.write(SeedAdapterExamplesTests.bytes("first record"));
		peer.writeKeepAlive();
		peer.write(SeedAdapterExamplesTests.bytes(""));
		peer.write(SeedAdapterExamplesTests.bytes("third"));
		assertThat(records).containsExactly("first record", "", "third");
	}

}
