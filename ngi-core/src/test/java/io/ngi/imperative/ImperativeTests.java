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
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ngi.ClientConnectHandler;
import io.ngi.ConnectionFailedException;
import io.ngi.FailingLines;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Imperative handlers on the testing implementation (zc.ngi behaviour 4.2).
 */
class ImperativeTests {

	private static final int CONNECTIONS = Integer.getInteger("ngi.test.imperative.connections", 10_000);

	private final TestingImplementation implementation = new TestingImplementation();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void noOpenConnections() {
		this.implementation.assertNoOpenConnections();
	}

	@Test
	void peerCloseIsThrownIntoTheBodyWithItsReason() {
		TestListener listener = listen(Imperative.handler((c, input) -> {
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				this.events.add("closed: " + ex.getMessage());
			}
		}));
		listener.connect().close();
		assertThat(this.events).containsExactly("closed: closed");
		listener.close();
	}

	@Test
	void listenerCloseIsThrownIntoTheBodyAsStopped() {
		TestListener listener = listen(Imperative.handler((c, input) -> {
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				this.events.add("closed: " + ex.reason());
			}
		}));
		TestConnection client = listener.connect();
		listener.close();
		assertThat(this.events).containsExactly("closed: stopped");
		assertThat(client.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void bodyEndClosesTheConnection() {
		TestListener listener = listen(Imperative.handler((c, input) -> c.write("echo " + text(input.next()))));
		TestConnection client = listener.connect();
		client.write("hi");
		assertThat(client.output()).isEqualTo("-> 'echo hi'\n-> CLOSE");
		assertThat(client.isOpen()).isFalse();
		listener.close();
	}

	@Test
	void bodyThrowingClosesAsAHandlerError() {
		IllegalStateException failure = new IllegalStateException("cannot parse");
		TestListener listener = listen(Imperative.handler((c, input) -> {
			input.next();
			throw failure;
		}));
		TestConnection client = listener.connect();
		client.write("garbage");
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(this.implementation.takeHandlerErrors()).containsExactly(failure);
		listener.close();
	}

	@Test
	void writeLinesFailureIsRethrownFromNextAndCatchableByTheBody() {
		TestListener listener = listen(Imperative.handler((c, input) -> {
			input.next();
			c.writeLines(FailingLines.after("partial".getBytes(StandardCharsets.UTF_8),
					new IllegalStateException("out of data")));
			try {
				input.next();
			}
			catch (IllegalStateException ex) {
				c.write("caught " + ex.getMessage());
			}
			c.write("then " + text(input.next()));
		}));
		TestConnection client = listener.connect();
		client.write("go");
		assertThat(client.output()).isEqualTo("-> 'partial'\n-> 'caught out of data'");
		client.write("more");
		assertThat(client.output()).isEqualTo("-> 'then more'\n-> CLOSE");
		listener.close();
	}

	@Test
	void writeLinesFailureNotCaughtClosesAsAHandlerError() {
		TestListener listener = listen(Imperative.handler((c, input) -> {
			input.next();
			c.writeLines(() -> {
				throw new IllegalStateException("no iterator");
			});
			input.next();
		}));
		TestConnection client = listener.connect();
		client.write("go");
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(this.implementation.takeHandlerErrors()).singleElement()
			.satisfies((error) -> assertThat(error).hasMessage("no iterator"));
		listener.close();
	}

	@Test
	void failedConnectThrowsConnectionFailed() {
		this.implementation.connect(TestingImplementation.address("nowhere"),
				Imperative.handler((c, input) -> input.next()));
		assertThat(this.implementation.takeHandlerErrors()).singleElement()
			.satisfies((error) -> assertThat(error).isInstanceOf(ConnectionFailedException.class)
				.hasMessage("no such server"));
	}

	@Test
	void clientBodyTalksToAServer() {
		TestListener listener = listen(
				(connection) -> connection.setHandler((c, data) -> c.write("re: " + text(data))));
		ClientConnectHandler client = Imperative.handler((c, input) -> {
			c.write("question");
			this.events.add(text(input.next()));
		});
		this.implementation.connect(listener.address(), client);
		assertThat(this.events).containsExactly("re: question");
		assertThat(listener.connections()).isEmpty();
		listener.close();
	}

	@Test
	void manyConnectionsOpenedAndClosedLeaveNoLiveBodyThread() throws InterruptedException {
		ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
		TestListener listener = listen(Imperative.handler((c, input) -> {
			threads.add(Thread.currentThread());
			while (true) {
				c.write(input.next());
			}
		}));
		for (int i = 0; i < CONNECTIONS; i++) {
			TestConnection client = listener.connect();
			client.write("x");
			if (i % 2 == 0) {
				client.close();
			}
			else {
				// The body waits in next() while the network drops its connection.
				client.peer().testClose("network down");
				client.close();
			}
		}
		listener.close();
		assertThat(threads).hasSize(CONNECTIONS);
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(10).toMillis());
			assertThat(thread.isAlive()).as("body thread %s alive", thread).isFalse();
		}
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("ngi-imperative-") && threads.contains(thread));
		assertThat(this.implementation.handlerErrors()).isEmpty();
	}

	@Test
	void closeFromOutsideTheBodyEndsTheWaitingBodyAndItsThread() throws InterruptedException {
		ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<io.ngi.Connection> connections = new ConcurrentLinkedQueue<>();
		TestListener listener = listen(Imperative.handler((c, input) -> {
			threads.add(Thread.currentThread());
			connections.add(c);
			try {
				while (true) {
					c.write(input.next());
				}
			}
			catch (ConnectionClosedException ex) {
				this.events.add("closed: " + ex.reason());
				throw ex;
			}
		}));
		int count = 100;
		List<TestConnection> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TestConnection client = listener.connect();
			client.write("x");
			clients.add(client);
		}
		// Another thread than the loop and the body closes each server-side connection
		// while
		// its body waits in next().
		Thread closer = new Thread(() -> connections.forEach(io.ngi.Connection::close));
		closer.start();
		closer.join(Duration.ofSeconds(10).toMillis());
		assertThat(closer.isAlive()).isFalse();
		assertThat(threads).hasSize(count);
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(10).toMillis());
			assertThat(thread.isAlive()).as("body thread %s alive", thread).isFalse();
		}
		assertThat(this.events).hasSize(count).allMatch("closed: closed"::equals);
		assertThat(this.implementation.handlerErrors()).isEmpty();
		clients.forEach((client) -> assertThat(client.isOpen()).isFalse());
		listener.close();
	}

	@Test
	void bodyClosingItsConnectionThenWaitingGetsClosed() throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		TestListener listener = listen(Imperative.handler((c, input) -> {
			threads.add(Thread.currentThread());
			c.write("bye " + text(input.next()));
			c.close();
			try {
				input.next();
			}
			catch (ConnectionClosedException ex) {
				this.events.add("closed: " + ex.reason());
			}
		}));
		TestConnection client = listener.connect();
		client.write("x");
		assertThat(this.events).containsExactly("closed: closed");
		assertThat(threads).singleElement().satisfies((thread) -> {
			thread.join(Duration.ofSeconds(10).toMillis());
			assertThat(thread.isAlive()).isFalse();
		});
		assertThat(this.implementation.handlerErrors()).isEmpty();
		listener.close();
	}

	@Test
	void bodyThreadIsVirtualWhenTheJdkHasVirtualThreadsAndTheSettingsAskForThem() throws Exception {
		boolean virtualAvailable = Runtime.version().feature() >= 21;
		ImperativeSettings before = ImperativeSettings.current();
		List<Boolean> virtual = new ArrayList<>();
		TestListener listener = listen(
				Imperative.handler((c, input) -> virtual.add(isVirtual(Thread.currentThread()))));
		try {
			ImperativeSettings.use(new ImperativeSettings(true, 0, 0));
			listener.connect();
			ImperativeSettings.use(new ImperativeSettings(false, 0, 0));
			listener.connect();
		}
		finally {
			ImperativeSettings.use(before);
		}
		assertThat(virtual).containsExactly(virtualAvailable, false);
		listener.close();
	}

	@Test
	void settingsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ImperativeSettings(true, -1, 0))
			.withMessage("callerSpins must be >= 0: -1");
		assertThat(ImperativeSettings.fromSystemProperties().virtualThreads())
			.isEqualTo(!Boolean.getBoolean("ngi.imperative.platform-threads"));
	}

	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private TestListener listen(io.ngi.Server server) {
		return this.implementation.listen(null, server);
	}

	static String text(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

}
