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

package io.ngi.imperative;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ConnectionHandler;
import io.ngi.ForwardingConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives imperative handlers by calling their methods, as zc.ngi's documentation does
 * ({@code handler.handle_input(connection, '15')}).
 */
class ImperativeHandlerTests {

	private final RecordingConnection connection = new RecordingConnection();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	@Test
	void firstSegmentRunsInsideConnectedBeforeTheHandlerIsSet() throws Exception {
		Imperative.handler((c, input) -> {
			this.events.add("handler set: " + (this.connection.handler != null));
			c.write("hello");
			input.next();
		}).connected(this.connection);
		assertThat(this.events).containsExactly("handler set: false");
		assertThat(this.connection.written).containsExactly("hello");
		assertThat(this.connection.handler).isNotNull();
	}

	@Test
	void handleInputReturnsOnlyWhenTheBodyWaitsAgain() throws Exception {
		Imperative.handler((c, input) -> {
			while (true) {
				String text = text(input.next());
				this.events.add(text);
				c.write(text.toUpperCase());
			}
		}).connected(this.connection);
		ConnectionHandler handler = this.connection.handler();
		handler.handleInput(this.connection, bytes("one"));
		assertThat(this.events).containsExactly("one");
		handler.handleInput(this.connection, bytes("two"));
		assertThat(this.events).containsExactly("one", "two");
		assertThat(this.connection.written).containsExactly("ONE", "TWO");
	}

	@Test
	void closeIsThrownIntoTheBodyWithTheReasonAndTheThreadEnds() throws Exception {
		AtomicReference<Thread> thread = new AtomicReference<>();
		Imperative.handler((c, input) -> {
			thread.set(Thread.currentThread());
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				this.events.add("closed " + ex.getMessage() + " / " + ex.reason());
			}
		}).connected(this.connection);
		this.connection.handler().handleClose(this.connection, "done");
		assertThat(this.events).containsExactly("closed done / done");
		thread.get().join(Duration.ofSeconds(10).toMillis());
		assertThat(thread.get().isAlive()).isFalse();
	}

	@Test
	void bodyThatSwallowsTheCloseGetsItAgainFromEveryNext() throws Exception {
		Imperative.handler((c, input) -> {
			for (int i = 0; i < 3; i++) {
				try {
					input.next();
				}
				catch (ConnectionClosedException ex) {
					this.events.add(ex.getMessage());
				}
			}
		}).connected(this.connection);
		ConnectionHandler handler = this.connection.handler();
		handler.handleInput(this.connection, bytes("x"));
		handler.handleClose(this.connection, "gone");
		assertThat(this.events).containsExactly("gone", "gone");
	}

	@Test
	void bodyReturningClosesTheConnection() throws Exception {
		Imperative.handler((c, input) -> this.events.add(text(input.next()))).connected(this.connection);
		this.connection.handler().handleInput(this.connection, bytes("last"));
		assertThat(this.events).containsExactly("last");
		assertThat(this.connection.written).containsExactly("CLOSE");
	}

	@Test
	void bodyReturningBeforeItsFirstNextClosesWithoutSettingAHandler() throws Exception {
		Imperative.handler((c, input) -> c.write("bye")).connected(this.connection);
		assertThat(this.connection.written).containsExactly("bye", "CLOSE");
		assertThat(this.connection.handler).isNull();
	}

	@Test
	void bodyThrowingMakesHandleInputThrowTheSameException() throws Exception {
		IllegalStateException failure = new IllegalStateException("bad input");
		Imperative.handler((c, input) -> {
			input.next();
			throw failure;
		}).connected(this.connection);
		assertThatThrownBy(() -> this.connection.handler().handleInput(this.connection, bytes("x"))).isSameAs(failure);
	}

	@Test
	void checkedExceptionFromTheBodyPropagatesUnchanged() throws Exception {
		Exception failure = new java.io.IOException("disk");
		Imperative.handler((c, input) -> {
			input.next();
			throw failure;
		}).connected(this.connection);
		assertThatThrownBy(() -> this.connection.handler().handleInput(this.connection, bytes("x"))).isSameAs(failure);
	}

	@Test
	void bodyThrowingBeforeItsFirstNextMakesConnectedThrow() {
		IllegalArgumentException failure = new IllegalArgumentException("no");
		assertThatThrownBy(() -> Imperative.handler((c, input) -> {
			throw failure;
		}).connected(this.connection)).isSameAs(failure);
		assertThat(this.connection.handler).isNull();
	}

	@Test
	void writeLinesFailureIsRethrownFromNextAndTheBodyMayCatchIt() throws Exception {
		Imperative.handler((c, input) -> {
			while (true) {
				try {
					this.events.add("got " + text(input.next()));
				}
				catch (IllegalStateException ex) {
					this.events.add("caught " + ex.getMessage());
				}
			}
		}).connected(this.connection);
		ConnectionHandler handler = this.connection.handler();
		handler.handleException(this.connection, new IllegalStateException("iterator broke"));
		handler.handleInput(this.connection, bytes("more"));
		assertThat(this.events).containsExactly("caught iterator broke", "got more");
		assertThat(this.connection.written).isEmpty();
	}

	@Test
	void writeLinesFailureNotCaughtByTheBodyPropagatesFromHandleException() throws Exception {
		Imperative.handler((c, input) -> {
			while (true) {
				input.next();
			}
		}).connected(this.connection);
		IllegalStateException failure = new IllegalStateException("iterator broke");
		assertThatThrownBy(() -> this.connection.handler().handleException(this.connection, failure)).isSameAs(failure);
	}

	@Test
	void checkedWriteLinesFailureIsWrappedInNext() throws Exception {
		Imperative.handler((c, input) -> {
			try {
				input.next();
			}
			catch (io.ngi.NgiException ex) {
				this.events.add(ex.getCause().getMessage());
			}
		}).connected(this.connection);
		this.connection.handler().handleException(this.connection, new java.io.IOException("checked"));
		assertThat(this.events).containsExactly("checked");
		assertThat(this.connection.written).containsExactly("CLOSE");
	}

	@Test
	void failedConnectThrowsConnectionFailed() {
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> Imperative.handler((c, input) -> input.next()).failedConnect("no such server"))
			.withMessage("no such server")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("no such server"));
	}

	@Test
	void adapterFactoryGivesTheBodyTheAdaptedConnection() throws Exception {
		AtomicReference<Connection> seen = new AtomicReference<>();
		AtomicReference<Connection> made = new AtomicReference<>();
		Imperative.handler((raw) -> {
			made.set(new Upper(raw));
			return made.get();
		}, (c, input) -> {
			seen.set(c);
			c.write(text(input.next()));
		}).connected(this.connection);
		assertThat(seen.get()).isSameAs(made.get());
		// The real connection's handler forwards to the adapter (wrapped, see
		// BodyConnection).
		this.connection.handler().handleInput(this.connection, bytes("shout"));
		assertThat(this.connection.written).containsExactly("SHOUT", "CLOSE");
	}

	@Test
	void nextFromAnotherThreadThanTheBodyFails() throws Exception {
		AtomicReference<Input> escaped = new AtomicReference<>();
		Imperative.handler((c, input) -> {
			escaped.set(input);
			input.next();
		}).connected(this.connection);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> escaped.get().next())
			.withMessageContaining("body's thread");
	}

	@Test
	void eventsAfterTheBodyEndedAreIgnored() throws Exception {
		Imperative.handler((c, input) -> {
			input.next();
		}).connected(this.connection);
		ConnectionHandler handler = this.connection.handler();
		handler.handleInput(this.connection, bytes("x"));
		handler.handleInput(this.connection, bytes("late"));
		handler.handleClose(this.connection, "late close");
		assertThat(this.connection.written).containsExactly("CLOSE");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

	/** An adapter that upper-cases output and passes events through. */
	private static final class Upper extends ForwardingConnection implements ConnectionHandler {

		private ConnectionHandler handler = (c, d) -> {
		};

		Upper(Connection connection) {
			super(connection);
		}

		@Override
		public void handleInput(Connection connection, byte[] data) throws Exception {
			this.handler.handleInput(this, data);
		}

		@Override
		public void write(byte[] data) {
			super.write(text(data).toUpperCase().getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public void writeLines(Iterable<byte[]> data) {
			data.forEach(this::write);
		}

		@Override
		public void setHandler(ConnectionHandler handler) {
			this.handler = handler;
			super.setHandler(this);
		}

	}

}
