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

package io.ngi;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ThrowingRunnable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link Implementation} keeps (docs/architecture.md, "The contract
 * every implementation keeps"), as one set of scenarios that runs unchanged on the
 * testing implementation (where everything has happened when a call returns) and on real
 * loopback sockets (where a scenario waits, bounded, for the events). It uses the public
 * API only.
 * <p>
 * Exactly two subclasses run it:
 * {@code io.ngi.testing.TestingImplementationContractTests} and
 * {@code io.ngi.nio.NioImplementationContractTests}. Close reasons are checked by
 * {@link CloseReason.Kind}, on which both agree, and by text where the texts agree (a
 * handler failure's, {@code "stopped"}); the two texts that differ on purpose (a peer
 * close, a refused connect) are documented in {@link CloseReason}. Where the
 * implementations differ on purpose otherwise (how a handler failure reaches the test,
 * synchronous delivery), the scenario asks an abstract hook, and each subclass's
 * implementation of the hook says why its value differs.
 * <p>
 * Public and abstract so that each implementation's package can extend it.
 */
public abstract class ImplementationContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<AutoCloseable> cleanup = new ArrayList<>();

	private Implementation implementation;

	/**
	 * Creates the implementation for one test.
	 * @return a new implementation
	 */
	protected abstract Implementation createImplementation();

	/**
	 * Checks and releases the implementation after a test, once its listeners are closed
	 * (open connections, unexpected handler failures, threads, selectors).
	 * @param implementation the implementation of the test
	 */
	protected abstract void shutdown(Implementation implementation);

	/**
	 * Returns whether every event has been delivered when the call that caused it
	 * returns. If so, {@link #eventually} checks a condition once, so a condition that
	 * would need a wait fails; otherwise it polls, bounded.
	 * @return whether the implementation delivers synchronously
	 */
	protected abstract boolean deliversSynchronously();

	/**
	 * Returns an address at which nothing listens.
	 * @return the address
	 */
	protected abstract SocketAddress unusedAddress();

	/**
	 * Checks, after a scenario in which a handler or server failed on purpose, that the
	 * implementation reported {@code failure} the way it reports handler failures, and
	 * marks it as expected so that {@link #shutdown} does not fail the test for it.
	 * @param implementation the implementation of the test
	 * @param failure the exception the handler or server threw
	 */
	protected abstract void expectHandlerFailure(Implementation implementation, Throwable failure);

	/**
	 * Lets {@code duration} pass: the testing implementation advances its virtual clock
	 * (running what falls due inside the call); on real sockets time passes by itself and
	 * {@link #eventually} waits for it.
	 * @param implementation the implementation of the test
	 * @param duration how much time
	 */
	protected abstract void advance(Implementation implementation, Duration duration);

	@BeforeEach
	void createTheImplementation() {
		this.implementation = createImplementation();
	}

	@AfterEach
	void closeListenersAndImplementation() throws Exception {
		for (AutoCloseable closeable : this.cleanup) {
			closeable.close();
		}
		shutdown(this.implementation);
	}

	@Test
	void echoRoundTrip() {
		Listener listener = listen((connection) -> connection.setHandler(upper()));
		Client client = connect(listener, "hello");
		eventually(() -> assertThat(client.text()).isEqualTo("HELLO"));
		client.connection().close();
	}

	@Test
	void closeSendsWhatWasWrittenFirstEvenBeforeTheClientSetsItsHandler() {
		Listener listener = listen((connection) -> {
			connection.write("one ");
			connection.writeLines(List.of(bytes("two "), bytes("three")));
			connection.close();
		});
		Client client = connect(listener, null);
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(client.text()).isEqualTo("one two three");
		assertThat(client.textAtClose).isCompletedWithValue("one two three");
	}

	@Test
	void closeNotifiesThePeerButNotTheClosingSide() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "bye");
		eventually(() -> assertThat(server.text()).isEqualTo("bye"));
		client.connection().close();
		assertThat(client.connection().isOpen()).isFalse();
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(client.closes).isEmpty();
	}

	@Test
	void writeAfterCloseThrowsIllegalStateAndCloseAgainDoesNothing() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, null);
		Connection connection = client.connection();
		connection.close();
		assertThat(connection.isOpen()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> connection.write("late"))
			.withMessage("write called on closed connection");
		assertThatIllegalStateException().isThrownBy(() -> connection.writeLines(List.of(bytes("late"))))
			.withMessage("write called on closed connection");
		connection.close();
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(server.text()).isEmpty();
		assertThat(client.closes).isEmpty();
	}

	@Test
	void listenerCloseTellsServerHandlersStoppedAndClientsThePeerClosed() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "x");
		eventually(() -> assertThat(server.text()).isEqualTo("x"));
		assertThat(listener.connections()).hasSize(1);
		listener.close();
		assertThat(listener.isOpen()).isFalse();
		eventually(() -> assertThat(server.closes).containsExactly("stopped"));
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		eventually(() -> assertThat(listener.connections()).isEmpty());
	}

	@Test
	void handleInputFailureClosesOnlyThatConnectionAndTellsTheHandlerWhy() {
		IllegalArgumentException failure = new IllegalArgumentException("bad input");
		List<Throwable> observed = new CopyOnWriteArrayList<>();
		List<Recorder> servers = new CopyOnWriteArrayList<>();
		Listener listener = listen((connection) -> {
			Recorder server = new Recorder() {
				@Override
				public void handleInput(Connection c, byte[] data) {
					if (new String(data, StandardCharsets.UTF_8).contains("fail")) {
						throw failure;
					}
					c.write(data);
				}
			};
			servers.add(server);
			connection.setHandler(server);
		}, observingFailures(observed));
		Client failing = connect(listener, "fail");
		eventually(() -> assertThat(failing.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		eventually(() -> assertThat(servers.get(0).kinds).containsExactly(CloseReason.Kind.HANDLER_FAILED));
		assertThat(servers.get(0).closes).containsExactly(failure.toString());
		Client fine = connect(listener, "fine");
		eventually(() -> assertThat(fine.text()).isEqualTo("fine"));
		assertThat(fine.connection().isOpen()).isTrue();
		assertThat(listener.isOpen()).isTrue();
		assertThat(servers.get(1).closes).isEmpty();
		assertThat(observed).containsExactly(failure);
		expectHandlerFailure(this.implementation, failure);
		fine.connection().close();
	}

	@Test
	void failingServerClosesOnlyThatConnection() {
		IllegalStateException failure = new IllegalStateException("server broke");
		List<Throwable> observed = new CopyOnWriteArrayList<>();
		AtomicInteger accepted = new AtomicInteger();
		Listener listener = listen((connection) -> {
			if (accepted.incrementAndGet() == 1) {
				throw failure;
			}
			connection.setHandler(upper());
		}, observingFailures(observed));
		Client failed = connect(listener, "first");
		eventually(() -> assertThat(failed.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(listener.isOpen()).isTrue();
		Client working = connect(listener, "ok");
		eventually(() -> assertThat(working.text()).isEqualTo("OK"));
		assertThat(failed.text()).isEmpty();
		assertThat(observed).containsExactly(failure);
		expectHandlerFailure(this.implementation, failure);
		working.connection().close();
	}

	@Test
	void connectWhereNothingListensCallsFailedConnectOnceWithTheRefusedReason() {
		Client client = new Client(null);
		this.implementation.connect(unusedAddress(), client);
		eventually(() -> assertThat(client.failureKinds).containsExactly(CloseReason.Kind.REFUSED));
		assertThat(client.connected).isNotDone();
	}

	@Test
	void connectToTheAddressOfAClosedListenerCallsFailedConnectOnce() {
		Listener listener = listen((connection) -> {
		});
		SocketAddress address = listener.address();
		listener.close();
		Client client = new Client(null);
		this.implementation.connect(address, client);
		eventually(() -> assertThat(client.failureKinds).containsExactly(CloseReason.Kind.REFUSED));
		assertThat(client.connected).isNotDone();
	}

	@Test
	void stopCompletesWhenTheLastConnectionCloses() {
		Listener listener = listen((connection) -> connection.setHandler(upper()));
		Client client = connect(listener, "a");
		eventually(() -> assertThat(client.text()).isEqualTo("A"));
		CompletableFuture<Void> stopped = listener.stop();
		assertThat(listener.isOpen()).isFalse();
		assertThat(stopped).isNotDone();
		client.connection().close();
		eventually(() -> assertThat(stopped).isDone());
		assertThat(listener.connections()).isEmpty();
	}

	@Test
	void closeWaitForceClosesWhatRemainsAtTheDeadline() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "stay");
		eventually(() -> assertThat(server.text()).isEqualTo("stay"));
		assertThat(listener.closeWait(Duration.ofMillis(50))).isFalse();
		assertThat(listener.isOpen()).isFalse();
		eventually(() -> assertThat(server.closes).containsExactly("stopped"));
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		eventually(() -> assertThat(listener.connections()).isEmpty());
	}

	@Test
	void inputAndCloseBeforeSetHandlerAreDeliveredInOrderOnceAHandlerIsSet() {
		CompletableFuture<Connection> pending = new CompletableFuture<>();
		Listener listener = listen(pending::complete);
		Client client = connect(listener, "early");
		eventually(() -> assertThat(pending).isDone());
		client.connection().close();
		Recorder server = new Recorder();
		pending.join().setHandler(server);
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(server.text()).isEqualTo("early");
		assertThat(server.textAtClose).isCompletedWithValue("early");
	}

	@Test
	void setHandlerFromInsideAHandlerSendsLaterInputToTheNewHandler() {
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
			c.write(data);
			c.setHandler(upper());
		}));
		Client client = connect(listener, "first");
		eventually(() -> assertThat(client.text()).isEqualTo("first"));
		client.connection().write("second");
		eventually(() -> assertThat(client.text()).isEqualTo("firstSECOND"));
		client.connection().close();
	}

	@Test
	void writeLinesFailureGoesToTheWritersHandleExceptionAndTheConnectionStaysOpen() {
		IllegalArgumentException serverFailure = new IllegalArgumentException("server iterator broke");
		AtomicBoolean answered = new AtomicBoolean();
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				super.handleInput(connection, data);
				if (answered.compareAndSet(false, true)) {
					connection.writeLines(failingAfter("item ", serverFailure));
				}
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, null);
		IllegalStateException clientFailure = new IllegalStateException("client iterator broke");
		client.connection().writeLines(failingAfter("one", clientFailure));
		eventually(() -> assertThat(client.exceptions).containsExactly(clientFailure));
		eventually(() -> assertThat(server.text()).isEqualTo("one"));
		eventually(() -> assertThat(server.exceptions).containsExactly(serverFailure));
		eventually(() -> assertThat(client.text()).isEqualTo("item "));
		assertThat(client.connection().isOpen()).isTrue();
		client.connection().write("two");
		eventually(() -> assertThat(server.text()).isEqualTo("onetwo"));
		assertThat(server.closes).isEmpty();
		assertThat(client.closes).isEmpty();
		client.connection().close();
	}

	@Test
	void observerSeesEachConnectionOpenAndCloseOnceAndTheBytes() {
		AtomicInteger opened = new AtomicInteger();
		AtomicInteger closed = new AtomicInteger();
		AtomicInteger received = new AtomicInteger();
		AtomicInteger sent = new AtomicInteger();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void connectionOpened() {
				opened.incrementAndGet();
			}

			@Override
			public void connectionClosed() {
				closed.incrementAndGet();
			}

			@Override
			public void bytesReceived(int bytes) {
				received.addAndGet(bytes);
			}

			@Override
			public void bytesSent(int bytes) {
				sent.addAndGet(bytes);
			}
		};
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
			c.write(data);
			c.close();
		}), ListenOptions.builder().observer(observer).build());
		Client client = connect(listener, "12345");
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		eventually(() -> assertThat(closed).hasValue(1));
		assertThat(client.text()).isEqualTo("12345");
		assertThat(opened).hasValue(1);
		assertThat(received).hasValue(5);
		assertThat(sent).hasValue(5);
		listener.close();
		assertThat(closed).hasValue(1);
	}

	@Test
	void udpDatagramsReachTheListener() {
		List<String> received = new CopyOnWriteArrayList<>();
		UdpListener listener = this.implementation.listenUdp(null,
				(source, message) -> received.add(new String(message, StandardCharsets.UTF_8)));
		this.cleanup.add(listener);
		this.implementation.sendUdp(listener.address(), bytes("ping"));
		eventually(() -> assertThat(received).containsExactly("ping"));
		listener.close();
		assertThat(listener.isOpen()).isFalse();
	}

	/**
	 * The first release delivered input that arrived after this side's {@code close()} on
	 * NIO (a write from that handler then threw and cut the reply), and closed the socket
	 * with that input unread, which made the kernel reset the connection and could
	 * destroy the tail of the reply.
	 */
	@Test
	void inputAfterThisSidesCloseNeverReachesItsHandlerAndTheReplyArrivesWhole() {
		int size = 8 * 1024 * 1024;
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				super.handleInput(connection, data);
				if (this.inputs.size() == 1) {
					connection.write(filled(size, 'r'));
					connection.close();
				}
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, null);
		client.connection().pauseReading();
		client.connection().write("first");
		eventually(() -> assertThat(server.inputs).containsExactly("first"));
		client.connection().write("second");
		client.connection().write(filled(64 * 1024, 's'));
		client.connection().resumeReading();
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(client.length()).isEqualTo(size);
		assertThat(server.inputs).containsExactly("first");
		assertThat(server.closes).isEmpty();
		assertThat(server.exceptions).isEmpty();
	}

	/**
	 * The first release's NIO connection discarded its queued output when the peer's end
	 * of input arrived, so a client that half-closed after its request lost the answer.
	 */
	@Test
	void outputWrittenBeforeThePeersEndOfInputIsStillSent() {
		int size = 4 * 1024 * 1024;
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				super.handleInput(connection, data);
				connection.write(filled(size, 'a'));
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, null);
		client.connection().pauseReading();
		client.connection().write("query");
		client.connection().shutdownOutput();
		eventually(() -> assertThat(server.text()).isEqualTo("query"));
		client.connection().resumeReading();
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(client.length()).isEqualTo(size);
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
	}

	@Test
	void withHalfCloseAHandlerAnswersAfterThePeersEndOfInput() {
		CompletableFuture<Connection> inputClosed = new CompletableFuture<>();
		Recorder server = new Recorder() {
			@Override
			public void handleInputClosed(Connection connection) {
				inputClosed.complete(connection);
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server),
				ListenOptions.builder().allowHalfClose(true).build());
		Client client = connect(listener, null);
		client.connection().write("query");
		client.connection().shutdownOutput();
		assertThatIllegalStateException().isThrownBy(() -> client.connection().write("more"));
		eventually(() -> assertThat(inputClosed).isDone());
		assertThat(server.text()).isEqualTo("query");
		// Later, from another thread (a database call's answer, an upstream's reply).
		Connection connection = inputClosed.join();
		assertThat(connection.isOpen()).isTrue();
		connection.write("answer");
		connection.close();
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		assertThat(client.text()).isEqualTo("answer");
		assertThat(server.kinds).isEmpty();
	}

	/**
	 * A producer on another thread writes 32 MiB to a peer that reads nothing for a
	 * while, pacing on {@code isWritable()} and {@code handleWritable}: it is never
	 * closed by the 1 MiB hard limit, and everything arrives.
	 */
	@Test
	void aWriterPacingOnIsWritableNeverReachesTheLimit() throws Exception {
		long total = 32L * 1024 * 1024;
		Semaphore writable = new Semaphore(0);
		AtomicInteger writables = new AtomicInteger();
		Recorder server = new Recorder() {
			@Override
			public void handleWritable(Connection connection) {
				writables.incrementAndGet();
				writable.release();
			}
		};
		CompletableFuture<Connection> accepted = new CompletableFuture<>();
		Client client = connect(listenWithSmallOutputBounds(server, accepted), null);
		client.connection().pauseReading();
		eventually(() -> assertThat(accepted).isDone());
		Connection connection = accepted.join();
		CompletableFuture<Long> produced = new CompletableFuture<>();
		Thread producer = new Thread(() -> {
			byte[] chunk = filled(8 * 1024, 'w');
			long sent = 0;
			try {
				while (sent < total) {
					if (!connection.isWritable()) {
						if (!writable.tryAcquire(10, TimeUnit.SECONDS)) {
							throw new IllegalStateException("not writable again after 10 s, " + sent + " sent");
						}
						continue;
					}
					connection.write(chunk);
					sent += chunk.length;
				}
				produced.complete(sent);
			}
			catch (Throwable ex) {
				produced.completeExceptionally(ex);
			}
		}, "producer");
		producer.start();
		// The peer reads nothing: the producer waits for handleWritable.
		await().atMost(WAIT).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
		assertThat(connection.isWritable()).isFalse();
		client.connection().resumeReading();
		assertThat(produced.get(60, TimeUnit.SECONDS)).isEqualTo(total);
		await().atMost(WAIT).untilAsserted(() -> assertThat(client.length()).isEqualTo(total));
		assertThat(writables.get()).isPositive();
		assertThat(server.kinds).isEmpty();
		assertThat(connection.isOpen()).isTrue();
		client.connection().close();
	}

	@Test
	void aWriterThatIgnoresBackpressureIsClosedAtTheOutputLimit() {
		Recorder server = new Recorder();
		CompletableFuture<Connection> accepted = new CompletableFuture<>();
		Client client = connect(listenWithSmallOutputBounds(server, accepted), null);
		client.connection().pauseReading();
		eventually(() -> assertThat(accepted).isDone());
		Connection connection = accepted.join();
		byte[] chunk = filled(64 * 1024, 'x');
		long written = 0;
		while (connection.isOpen() && written < 256L * 1024 * 1024) {
			connection.write(chunk);
			written += chunk.length;
		}
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.OUTPUT_LIMIT));
		assertThat(server.closes.get(0)).startsWith("output limit exceeded");
		client.connection().resumeReading();
		eventually(() -> assertThat(client.kinds).isNotEmpty());
	}

	/**
	 * The first release's NIO connection kept one deferred {@code writeLines} failure, so
	 * a second one in the same handler call replaced the first without a trace.
	 */
	@Test
	void everyWriteLinesFailureReachesHandleExceptionInOrder() {
		IllegalStateException first = new IllegalStateException("first source broke");
		IllegalStateException second = new IllegalStateException("second source broke");
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				super.handleInput(connection, data);
				connection.writeLines(failingAfter("one ", first));
				connection.writeLines(failingAfter("two ", second));
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "go");
		eventually(() -> assertThat(server.exceptions).containsExactly(first, second));
		eventually(() -> assertThat(client.text()).isEqualTo("one two "));
		assertThat(server.kinds).isEmpty();
		client.connection().close();
	}

	@Test
	void aUdpHandlerAnswersThroughTheListenerThatReceivedTheDatagram() {
		List<String> received = new CopyOnWriteArrayList<>();
		UdpListener echo = this.implementation.listenUdp(null, new UdpHandler() {

			@Override
			public void handle(SocketAddress source, byte[] message) {
				throw new AssertionError("implementations call handle(listener, source, message)");
			}

			@Override
			public void handle(UdpListener listener, SocketAddress source, byte[] message) {
				listener.send(source, message);
			}

		});
		this.cleanup.add(echo);
		UdpListener client = this.implementation.listenUdp(null,
				(source, message) -> received.add(new String(message, StandardCharsets.UTF_8) + " from "
						+ (source.equals(echo.address()) ? "echo" : source)));
		this.cleanup.add(client);
		client.send(echo.address(), bytes("ping"));
		eventually(() -> assertThat(received).containsExactly("ping from echo"));
		client.close();
		assertThatIllegalStateException().isThrownBy(() -> client.send(echo.address(), bytes("late")));
	}

	@Test
	void scheduledTasksRunOnceInDueOrderAndACancelledOneNever() {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.implementation.schedule(Duration.ofMillis(200), () -> ran.add("second"));
		this.implementation.schedule(Duration.ofMillis(100), () -> ran.add("first"));
		Cancellable cancelled = this.implementation.schedule(Duration.ofMillis(50), () -> ran.add("cancelled"));
		assertThat(ran).as("never inside schedule").isEmpty();
		assertThat(cancelled.cancel()).isTrue();
		assertThat(cancelled.cancel()).isFalse();
		advance(this.implementation, Duration.ofMillis(300));
		eventually(() -> assertThat(ran).containsExactly("first", "second"));
	}

	@Test
	void aConnectionTaskRunsAsAHandlerCallOfItsConnection() {
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> c.schedule(Duration.ofMillis(100),
				() -> c.write("tick " + new String(data, StandardCharsets.UTF_8)))));
		Client client = connect(listener, "one");
		advance(this.implementation, Duration.ofMillis(150));
		eventually(() -> assertThat(client.text()).isEqualTo("tick one"));
		client.connection().close();
	}

	@Test
	void aConnectionTaskIsDroppedWhenItsConnectionCloses() {
		List<String> ran = new CopyOnWriteArrayList<>();
		CompletableFuture<Cancellable> scheduled = new CompletableFuture<>();
		Listener listener = listen((connection) -> connection.setHandler((c, data) -> {
			scheduled.complete(c.schedule(Duration.ofMillis(100), () -> ran.add("task")));
			c.close();
			assertThat(c.schedule(Duration.ZERO, () -> ran.add("after close")).cancel()).isFalse();
		}));
		Client client = connect(listener, "x");
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		// A second task that runs after the first one's deadline shows the first was
		// dropped, not late.
		CompletableFuture<Boolean> later = new CompletableFuture<>();
		this.implementation.schedule(Duration.ofMillis(200), () -> later.complete(true));
		advance(this.implementation, Duration.ofMillis(250));
		eventually(() -> assertThat(later).isDone());
		assertThat(ran).isEmpty();
		assertThat(scheduled.join().cancel()).isFalse();
	}

	@Test
	void aFailingConnectionTaskClosesItsConnectionAsAHandlerFailure() {
		IllegalStateException failure = new IllegalStateException("task broke");
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				super.handleInput(connection, data);
				connection.schedule(Duration.ofMillis(50), () -> {
					throw failure;
				});
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "x");
		advance(this.implementation, Duration.ofMillis(100));
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.HANDLER_FAILED));
		assertThat(server.closes).containsExactly(failure.toString());
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
		expectHandlerFailure(this.implementation, failure);
	}

	@Test
	void aSilentConnectionIsClosedAtItsIdleTimeout() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server),
				ListenOptions.builder().idleTimeout(Duration.ofMillis(200)).build());
		Client client = connect(listener, null);
		advance(this.implementation, Duration.ofMillis(250));
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.IDLE_TIMEOUT));
		assertThat(server.closes).containsExactly("idle timeout");
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
	}

	@Test
	void aClientsConnectOptionsApplyToItsConnection() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = new Client("hello");
		this.implementation.connect(listener.address(), client,
				ConnectOptions.builder().timeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofMillis(200)).build());
		eventually(() -> assertThat(server.text()).isEqualTo("hello"));
		advance(this.implementation, Duration.ofMillis(250));
		eventually(() -> assertThat(client.kinds).containsExactly(CloseReason.Kind.IDLE_TIMEOUT));
		eventually(() -> assertThat(server.kinds).containsExactly(CloseReason.Kind.PEER_CLOSED));
	}

	/**
	 * Checks {@code assertion}: once if the implementation
	 * {@linkplain #deliversSynchronously() delivers synchronously}, else until it holds,
	 * for at most ten seconds.
	 * @param assertion the assertion
	 */
	protected final void eventually(ThrowingRunnable assertion) {
		if (deliversSynchronously()) {
			try {
				assertion.run();
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new AssertionError(ex);
			}
			return;
		}
		await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).untilAsserted(assertion);
	}

	/**
	 * Listens with output bounds small enough to reach quickly (high-water mark 64 KiB,
	 * low 16 KiB, limit 1 MiB), setting {@code handler} on the accepted connection.
	 */
	private Listener listenWithSmallOutputBounds(ConnectionHandler handler, CompletableFuture<Connection> accepted) {
		return listen((connection) -> {
			connection.setHandler(handler);
			accepted.complete(connection);
		}, ListenOptions.builder()
			.outputHighWaterMark(64 * 1024)
			.outputLowWaterMark(16 * 1024)
			.outputLimit(1024 * 1024)
			.build());
	}

	private Listener listen(Server server) {
		return listen(server, ListenOptions.defaults());
	}

	private Listener listen(Server server, ListenOptions options) {
		Listener listener = this.implementation.listen(null, server, options);
		this.cleanup.add(listener);
		return listener;
	}

	/**
	 * Connects a recording client that writes {@code greeting} once connected, and waits
	 * until it is connected.
	 */
	private Client connect(Listener listener, @Nullable String greeting) {
		Client client = new Client(greeting);
		this.implementation.connect(listener.address(), client);
		eventually(() -> assertThat(client.connected).isDone());
		return client;
	}

	private static ListenOptions observingFailures(List<Throwable> failures) {
		return ListenOptions.builder().observer(new ListenerObserver() {
			@Override
			public void handlerFailed(Throwable failure) {
				failures.add(failure);
			}
		}).build();
	}

	/**
	 * Returns lines that give {@code first} and then throw {@code failure}.
	 */
	private static Iterable<byte[]> failingAfter(String first, RuntimeException failure) {
		return () -> new Iterator<>() {

			private boolean given;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public byte[] next() {
				if (this.given) {
					throw failure;
				}
				this.given = true;
				return bytes(first);
			}

		};
	}

	private static ConnectionHandler upper() {
		return (connection, data) -> connection
			.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
	}

	private static byte[] filled(int size, char value) {
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) value);
		return data;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A handler that keeps what it receives, the close reasons and the exceptions;
	 * thread-safe for reading from the test.
	 */
	static class Recorder implements ConnectionHandler {

		private final ByteArrayOutputStream input = new ByteArrayOutputStream();

		final List<String> closes = new CopyOnWriteArrayList<>();

		final List<CloseReason.Kind> kinds = new CopyOnWriteArrayList<>();

		final List<String> inputs = new CopyOnWriteArrayList<>();

		final List<Exception> exceptions = new CopyOnWriteArrayList<>();

		final CompletableFuture<String> textAtClose = new CompletableFuture<>();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			synchronized (this.input) {
				this.input.writeBytes(data);
			}
			this.inputs.add(new String(data, StandardCharsets.UTF_8));
		}

		@Override
		public void handleClose(Connection connection, CloseReason reason) {
			this.textAtClose.complete(text());
			this.kinds.add(reason.kind());
			this.closes.add(reason.text());
		}

		@Override
		public void handleException(Connection connection, Exception exception) {
			this.exceptions.add(exception);
		}

		String text() {
			synchronized (this.input) {
				return this.input.toString(StandardCharsets.UTF_8);
			}
		}

		int length() {
			synchronized (this.input) {
				return this.input.size();
			}
		}

	}

	/**
	 * A recording client connect handler that writes a greeting once connected.
	 */
	static final class Client extends Recorder implements ClientConnectHandler {

		private final @Nullable String greeting;

		final CompletableFuture<Connection> connected = new CompletableFuture<>();

		final List<String> failures = new CopyOnWriteArrayList<>();

		final List<CloseReason.Kind> failureKinds = new CopyOnWriteArrayList<>();

		Client(@Nullable String greeting) {
			this.greeting = greeting;
		}

		@Override
		public void connected(Connection connection) {
			connection.setHandler(this);
			if (this.greeting != null) {
				connection.write(this.greeting);
			}
			this.connected.complete(connection);
		}

		@Override
		public void failedConnect(CloseReason reason) {
			this.failureKinds.add(reason.kind());
			this.failures.add(reason.text());
		}

		@Override
		public void failedConnect(String reason) {
			throw new AssertionError("implementations call failedConnect(CloseReason)");
		}

		Connection connection() {
			return this.connected.join();
		}

	}

}
