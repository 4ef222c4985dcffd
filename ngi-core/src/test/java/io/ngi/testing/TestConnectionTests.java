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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TestConnectionTests {

	@Test
	void writeIsRecordedByThePeer() {
		TestConnection connection = new TestConnection();
		connection.write("hello");
		connection.write(new byte[] { 0, 1 });
		assertThat(connection.peer().output()).isEqualTo("-> 'hello'\n-> '\\x00\\x01'");
		assertThat(connection.peer().output()).isEmpty();
	}

	@Test
	void outputOnTheNonRecordingEndReadsThePeersTranscript() {
		TestConnection connection = new TestConnection();
		connection.write("hi");
		assertThat(connection.output()).isEqualTo("-> 'hi'");
	}

	@Test
	void pairsArePeersOfEachOther() {
		TestConnection connection = new TestConnection();
		assertThat(connection.peer().peer()).isSameAs(connection);
		assertThat(connection.peer().handler()).isInstanceOf(Transcript.class);
		assertThat(connection.handler()).isNull();
		assertThat(connection.listener()).isNull();
		assertThat(connection.peerAddress()).hasToString("peer");
		assertThat(connection.peer().peerAddress()).hasToString("connection");
	}

	@Test
	void eventsBeforeSetHandlerAreQueuedWithInputsMergedAndReplayedInOrder() {
		TestConnection connection = new TestConnection();
		connection.testInput(bytes("a"));
		connection.testInput(bytes("b"));
		connection.testClose("bye");
		connection.testInput(bytes("c"));
		assertThat(connection.isOpen()).isFalse();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		// 'c' came after the close: it is dropped, as in zc.ngi
		assertThat(handler.events).containsExactly("input ab", "close bye");
	}

	@Test
	void peerWritesAndCloseBeforeSetHandlerAreReplayed() {
		TestConnection connection = new TestConnection();
		connection.peer().write("hello ");
		connection.peer().write("world");
		connection.peer().close();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		assertThat(handler.events).containsExactly("input hello world", "close closed");
	}

	@Test
	void handlerIsNeverCalledReentrantly() {
		List<String> log = new ArrayList<>();
		TestConnection client = new TestConnection();
		TestConnection server = client.peer();
		Greet serverGreet = new Greet("server", log);
		Greet clientGreet = new Greet("client", log);
		server.setHandler(serverGreet);
		client.setHandler(clientGreet);
		client.write("start");
		assertThat(log).containsExactly("server i got: start", "client i got: Hi", "server h got: Hi",
				"client h got: Bye");
		assertThat(serverGreet.maxDepth).isEqualTo(1);
		assertThat(clientGreet.maxDepth).isEqualTo(1);
		assertThat(client.isOpen()).isFalse();
		assertThat(server.isOpen()).isFalse();
	}

	@Test
	void eventsQueuedForAConnectionThatClosesMeanwhileAreDropped() {
		TestConnection connection = new TestConnection();
		RecordingHandler handler = new RecordingHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) throws Exception {
				super.handleInput(c, data);
				connection.testInput(bytes("queued"));
				c.close();
			}
		};
		connection.setHandler(handler);
		connection.testInput(bytes("first"));
		assertThat(handler.events).containsExactly("input first");
	}

	@Test
	void setHandlerFromInsideAHandlerSendsLaterEventsToTheNewHandler() {
		TestConnection connection = new TestConnection();
		RecordingHandler second = new RecordingHandler();
		RecordingHandler first = new RecordingHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) throws Exception {
				super.handleInput(c, data);
				c.setHandler(second);
			}
		};
		connection.testInput(bytes("one"));
		connection.testClose("end");
		assertThat(connection.handler()).isNull();
		connection.setHandler(first);
		assertThat(first.events).containsExactly("input one");
		assertThat(second.events).containsExactly("close end");
		assertThat(connection.handler()).isSameAs(second);
	}

	@Test
	void closeNotifiesThePeerButNotItsOwnHandler() {
		TestConnection connection = new TestConnection();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		connection.close();
		connection.close();
		assertThat(handler.events).isEmpty();
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.peer().isOpen()).isFalse();
		assertThat(connection.peer().output()).isEqualTo("-> CLOSE");
	}

	@Test
	void writeAfterCloseThrowsIllegalState() {
		TestConnection connection = new TestConnection();
		connection.close();
		assertThatIllegalStateException().isThrownBy(() -> connection.write("late"))
			.withMessage("write called on closed connection");
		assertThatIllegalStateException().isThrownBy(() -> connection.writeLines(List.of(bytes("late"))))
			.withMessage("write called on closed connection");
	}

	@Test
	void writeToAConnectionThePeerClosedIsDropped() {
		TestConnection connection = new TestConnection();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		connection.peer().close();
		assertThat(handler.events).containsExactly("close closed");
		connection.write("nobody listens");
		assertThat(connection.peer().output()).isEmpty();
		assertThat(connection.implementation().handlerErrors()).isEmpty();
	}

	@Test
	void writeCopiesTheArray() {
		TestConnection connection = new TestConnection();
		List<byte[]> received = new ArrayList<>();
		connection.peer().setHandler((c, data) -> received.add(data));
		byte[] data = bytes("abc");
		connection.write(data);
		data[0] = 'X';
		assertThat(received.get(0)).isEqualTo(bytes("abc"));
	}

	@Test
	void emptyWritesDeliverNothing() {
		TestConnection connection = new TestConnection();
		connection.write(new byte[0]);
		assertThat(connection.output()).isEmpty();
	}

	@Test
	void handleInputFailureClosesWithTheFailureAsOnNio() {
		TestConnection connection = new TestConnection();
		IllegalArgumentException failure = new IllegalArgumentException("bad input");
		RecordingHandler handler = new RecordingHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
				throw failure;
			}
		};
		connection.setHandler(handler);
		connection.peer().write("x");
		assertThat(handler.events).containsExactly("close " + failure);
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.output()).isEqualTo("-> CLOSE");
		assertThat(connection.implementation().takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void writeLinesDeliversEachElementAsOneInput() {
		TestConnection connection = new TestConnection();
		connection.writeLines(List.of(bytes("one"), bytes("two")));
		assertThat(connection.output()).isEqualTo("-> 'one'\n-> 'two'");
	}

	@Test
	void writeLinesFailureGoesToHandleExceptionAndKeepsTheConnectionWhenHandled() {
		TestConnection connection = new TestConnection();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		connection.writeLines(failingAfter("one", new IOException("disk gone")));
		assertThat(connection.output()).isEqualTo("-> 'one'");
		assertThat(handler.events).containsExactly("exception disk gone");
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void writeLinesNullElementGoesToHandleException() {
		TestConnection connection = new TestConnection();
		RecordingHandler handler = new RecordingHandler();
		connection.setHandler(handler);
		connection.writeLines(java.util.Arrays.asList(bytes("one"), null, bytes("never")));
		assertThat(connection.output()).isEqualTo("-> 'one'");
		assertThat(handler.events).containsExactly("exception writeLines element must not be null");
	}

	@Test
	void unhandledWriteLinesFailureClosesWithHandleExceptionError() {
		TestConnection connection = new TestConnection();
		List<String> closes = new ArrayList<>();
		connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
			}

			@Override
			public void handleClose(Connection c, String reason) {
				closes.add(reason);
			}
		});
		IOException failure = new IOException("disk gone");
		connection.writeLines(failingAfter("one", failure));
		assertThat(closes).containsExactly(failure.toString());
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.output()).isEqualTo("-> 'one'\n-> CLOSE");
		assertThat(connection.implementation().takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void handleCloseExceptionIsSwallowedAndRecorded() {
		TestConnection connection = new TestConnection();
		IllegalStateException failure = new IllegalStateException("close failed");
		connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
			}

			@Override
			public void handleClose(Connection c, String reason) {
				throw failure;
			}
		});
		connection.peer().close();
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.implementation().takeHandlerErrors()).containsExactly(failure);
	}

	@Test
	void handleInputFailureFollowedByFailingHandleCloseRecordsBoth() {
		TestConnection connection = new TestConnection();
		RuntimeException input = new RuntimeException("input");
		RuntimeException close = new RuntimeException("close");
		connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
				throw input;
			}

			@Override
			public void handleClose(Connection c, String reason) {
				throw close;
			}
		});
		connection.testInput(bytes("x"));
		assertThat(connection.implementation().takeHandlerErrors()).containsExactly(input, close);
	}

	@Test
	void anErrorInAHandlerPropagatesToTheCallerAfterClosingTheConnectionAsOnNio() {
		TestConnection connection = new TestConnection();
		List<String> got = new ArrayList<>();
		connection.setHandler((c, data) -> {
			String text = new String(data, StandardCharsets.ISO_8859_1);
			if (text.equals("boom")) {
				throw new AssertionError("assertion in handler");
			}
			got.add(text);
		});
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.peer().write("boom"))
			.isInstanceOf(AssertionError.class)
			.hasMessage("assertion in handler");
		assertThat(connection.isOpen()).isFalse();
		assertThat(connection.output()).isEqualTo("-> CLOSE");
		connection.peer().write("after");
		assertThat(got).isEmpty();
		assertThat(connection.implementation().handlerErrors()).isEmpty();
	}

	@Test
	void testExceptionIsDeliveredToHandleException() {
		TestConnection connection = new TestConnection();
		connection.peer().testException(new IOException("boom"));
		assertThat(connection.output()).isEqualTo("-> EXCEPTION IOException boom");
	}

	@Test
	void nullArgumentsFailNamingTheParameter() {
		TestConnection connection = new TestConnection();
		assertThatNullPointerException().isThrownBy(() -> connection.write((byte[]) null)).withMessage("data");
		assertThatNullPointerException().isThrownBy(() -> connection.writeLines(null)).withMessage("data");
		assertThatNullPointerException().isThrownBy(() -> connection.setHandler(null)).withMessage("handler");
		assertThatNullPointerException().isThrownBy(() -> connection.testInput(null)).withMessage("data");
		assertThatNullPointerException().isThrownBy(() -> connection.testClose((String) null)).withMessage("reason");
		assertThatNullPointerException().isThrownBy(() -> new TestConnection(null)).withMessage("implementation");
	}

	@Test
	void outputWithoutAnyTranscriptFailsClearly() {
		TestConnection connection = new TestConnection();
		connection.peer().setHandler(new RecordingHandler());
		assertThatIllegalStateException().isThrownBy(connection::output).withMessageContaining("Transcript");
	}

	@Test
	void pairsMadeForAnImplementationAreTrackedUntilClosed() {
		TestingImplementation implementation = new TestingImplementation();
		TestConnection connection = new TestConnection(implementation);
		assertThat(connection.implementation()).isSameAs(implementation);
		org.assertj.core.api.Assertions.assertThatThrownBy(implementation::assertNoOpenConnections)
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("2 are open")
			.hasMessageContaining("test connection");
		connection.close();
		implementation.assertNoOpenConnections();
	}

	private static Iterable<byte[]> failingAfter(String first, Exception failure) {
		return () -> new Iterator<>() {

			private boolean done;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public byte[] next() {
				if (this.done) {
					throw sneaky(failure);
				}
				this.done = true;
				return bytes(first);
			}

		};
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> RuntimeException sneaky(Throwable failure) throws T {
		throw (T) failure;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The "Greet" handler of zc.ngi's testing.test: first input in state i, answer, then
	 * state h.
	 */
	static final class Greet implements ConnectionHandler {

		private final String name;

		private final List<String> log;

		private String state = "i";

		private int depth;

		int maxDepth;

		Greet(String name, List<String> log) {
			this.name = name;
			this.log = log;
		}

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.depth++;
			this.maxDepth = Math.max(this.maxDepth, this.depth);
			try {
				String text = new String(data, StandardCharsets.ISO_8859_1);
				this.log.add(this.name + " " + this.state + " got: " + text);
				if (this.state.equals("i")) {
					this.state = "h";
					connection.write("Hi");
				}
				else if (text.equals("Hi")) {
					connection.write("Bye");
					connection.close();
				}
				else {
					connection.close();
				}
			}
			finally {
				this.depth--;
			}
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.log.add(this.name + " closed " + reason);
		}

	}

}
