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

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.imperative.Imperative;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of zc.ngi's documentation (seed {@code 000}) that use adapters or
 * generator handlers, ported with imperative handlers and checked against the documented
 * transcripts.
 */
class SeedAdapterExamplesTests {

	private final TestingImplementation implementation = new TestingImplementation();

	private final List<String> printed = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void noHandlerErrors() {
		assertThat(this.implementation.handlerErrors()).isEmpty();
	}

	/**
	 * The generator word-count server: a length line, then that many bytes; answers
	 * {@code "<lines> <words>\n"}.
	 */
	static final Imperative wc = Imperative.handler((connection, input) -> {
		String data = "";
		while (true) {
			while (!data.contains("\n")) {
				data += text(input.next());
			}
			int newline = data.indexOf('\n');
			int count = Integer.parseInt(data.substring(0, newline));
			data = data.substring(newline + 1);
			while (data.length() < count) {
				data += text(input.next());
			}
			connection.write(counts(data.substring(0, count)));
			data = data.substring(count);
		}
	});

	@Test
	void wcGeneratorHandler() throws Exception {
		TestConnection connection = new TestConnection(this.implementation);
		wc.connected(connection);
		connection.testInput(bytes("15"));
		connection.testInput(bytes("\nhello out\nthere"));
		assertThat(connection.output()).isEqualTo("-> '2 3\\n'");
		connection.testClose("done");
		assertThat(connection.output()).isEmpty();
	}

	@Test
	void wcGeneratorHandlerAnswersEveryRequestOfAStream() throws Exception {
		TestConnection connection = new TestConnection(this.implementation);
		wc.connected(connection);
		connection.peer().write("3\none5\nt");
		connection.peer().write("wo x");
		assertThat(connection.output()).isEqualTo("-> '1 1\\n'\n-> '1 2\\n'");
	}

	@Test
	void wcClientG() throws Exception {
		WCClientG wcc = new WCClientG("first one\nsecond one", this.printed);
		wcc.failedConnect("test");
		assertThat(this.printed).containsExactly("failed test");
		TestConnection connection = new TestConnection(this.implementation);
		wcc.connected(connection);
		assertThat(connection.output()).isEqualTo("-> '20\\nfirst one\\nsecond one'");
		connection.peer().write("still more text from server\n");
		assertThat(this.printed).containsExactly("failed test", "Got still more text from server\n");
		assertThat(connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void wcClientGAgainstTheWcServer() {
		SocketAddress address = TestingImplementation.address("wc");
		TestListener listener = this.implementation.listen(address, wc);
		this.implementation.connect(address, new WCClientG("hi\nout there", this.printed));
		assertThat(this.printed).containsExactly("Got 2 3\n");
		listener.close();
	}

	@Test
	void sizedAdapterWithWcAdapted() {
		TestListener listener = this.implementation.listen(null, WCAdapted::new);
		TestConnection connection = listener.connect();
		connection.write("15");
		connection.write("\nhello out\nthere");
		assertThat(connection.output()).isEqualTo("-> '2 3\\n'");
		listener.close();
	}

	@Test
	void generatorWithAnAdapterWcAdapted() {
		Imperative wcadapted = Imperative.handler(NewlineSized::new, (connection, input) -> {
			while (true) {
				connection.write(counts(text(input.next())));
			}
		});
		TestListener listener = this.implementation.listen(null, wcadapted);
		TestConnection connection = listener.connect();
		connection.write("15");
		connection.write("\nhello out\nthere");
		assertThat(connection.output()).isEqualTo("-> '2 3\\n'");
		listener.close();
		assertThat(connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void linesHandlerExample() throws Exception {
		Imperative example = Lines.handler((connection, input) -> this.printed.add(text(input.next())));
		TestConnection connection = new TestConnection(this.implementation);
		example.connected(connection);
		connection.peer().write("Hi");
		assertThat(this.printed).isEmpty();
		connection.peer().write(" world!\n");
		assertThat(this.printed).containsExactly("Hi world!");
		assertThat(connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void linesHandlerClientOfAnUpperCaseEchoServer() {
		TestListener listener = this.implementation.listen(null, (connection) -> connection.setHandler(new Echo()));
		Imperative one = Lines.handler((connection, input) -> {
			connection.write("one\n");
			this.printed.add(text(input.next()));
		});
		this.implementation.connect(listener.address(), one);
		// The testing implementation's reason for a peer close is "closed" ("end of
		// input" in NIO).
		assertThat(this.printed).containsExactly("ONE", "closed closed");
		listener.close();
	}

	@Test
	void blockingClientScriptGetWordCount() {
		TestListener listener = this.implementation.listen(null, wc);
		List<String> result = new ArrayList<>();
		for (String s : List.of("Hello\nworld\n", "hi\n")) {
			Imperative getwc = Lines.handler((connection, input) -> {
				connection.write(s.length() + "\n");
				connection.write(s);
				result.add(text(input.next()));
			});
			this.implementation.connect(listener.address(), getwc);
		}
		Collections.sort(result);
		assertThat(result).containsExactly("2 1", "3 2");
		assertThat(listener.connections()).isEmpty();
		listener.close();
	}

	static String counts(String data) {
		String trimmed = data.strip();
		int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
		return data.split("\n", -1).length + " " + words + "\n";
	}

	static String text(byte[] data) {
		return new String(data, StandardCharsets.ISO_8859_1);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The word-count client whose {@code connected} is a generator handler. */
	static final class WCClientG implements ClientConnectHandler {

		private final String data;

		private final List<String> printed;

		WCClientG(String data, List<String> printed) {
			this.data = data;
			this.printed = printed;
		}

		@Override
		public void connected(Connection connection) throws Exception {
			Imperative.handler((c, input) -> {
				c.write(this.data.length() + "\n" + this.data);
				String reply = "";
				while (!reply.contains("\n")) {
					reply += text(input.next());
				}
				this.printed.add("Got " + reply);
			}).connected(connection);
		}

		@Override
		public void failedConnect(String reason) {
			this.printed.add("failed " + reason);
		}

	}

	/** The word-count server on the documentation's newline-sized adapter. */
	static final class WCAdapted implements ConnectionHandler {

		WCAdapted(Connection connection) {
			new NewlineSized(connection).setHandler(this);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(counts(text(data)));
		}

	}

	/** The documentation's upper-case echo server, printing its close. */
	final class Echo implements ConnectionHandler {

		@Override
		public void handleInput(Connection connection, byte[] data) {
			connection.write(text(data).toUpperCase());
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			SeedAdapterExamplesTests.this.printed.add("closed " + reason);
		}

	}

}
