package io.ngi;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The contract every {@link Implementation} keeps (ARCHITECTURE.md, "Semantics every
 * implementation keeps"), as one set of scenarios that runs unchanged on the testing
 * implementation (where everything has happened when a call returns) and on real loopback
 * sockets (where a scenario waits, bounded, for the events). It uses the public API only.
 * <p>
 * Exactly two subclasses run it:
 * {@code io.ngi.testing.TestingImplementationContractTests} and
 * {@code io.ngi.nio.NioImplementationContractTests}. Where the implementations differ on
 * purpose (close reasons, the reason of a refused connect, how a handler failure reaches
 * the test, synchronous delivery), the scenario asks an abstract hook, and each
 * subclass's implementation of the hook says why its value differs. Everything else is
 * the same on both.
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
	 * Returns the reason a handler gets when the peer closed its end.
	 * @return the reason
	 */
	protected abstract String peerClosedReason();

	/**
	 * Returns the reason a handler gets after its own {@code handleInput} threw
	 * {@code failure}.
	 * @param failure what the handler threw
	 * @return the reason
	 */
	protected abstract String inputFailureReason(Exception failure);

	/**
	 * Returns the reason {@code failedConnect} gets when nothing listens at the address.
	 * @return the reason
	 */
	protected abstract String refusedReason();

	/**
	 * Returns an address at which nothing listens.
	 * @return the address
	 */
	protected abstract SocketAddress unusedAddress();

	/**
	 * Returns the reasons {@code failedConnect} may get when connecting, at once, to the
	 * address of a listener that was just closed. Only {@link #refusedReason()} by
	 * default.
	 * @return the reasons, any one of which is right
	 */
	protected List<String> closedListenerConnectReasons() {
		return List.of(refusedReason());
	}

	/**
	 * Checks, after a scenario in which a handler or server failed on purpose, that the
	 * implementation reported {@code failure} the way it reports handler failures, and
	 * marks it as expected so that {@link #shutdown} does not fail the test for it.
	 * @param implementation the implementation of the test
	 * @param failure the exception the handler or server threw
	 */
	protected abstract void expectHandlerFailure(Implementation implementation, Throwable failure);

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
		eventually(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(server.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(server.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(failing.closes).containsExactly(peerClosedReason()));
		eventually(() -> assertThat(servers.get(0).closes).containsExactly(inputFailureReason(failure)));
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
		eventually(() -> assertThat(failed.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(client.failures).containsExactly(refusedReason()));
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
		eventually(() -> assertThat(client.failures).singleElement().isIn(closedListenerConnectReasons()));
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
		eventually(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(server.closes).containsExactly(peerClosedReason()));
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
		eventually(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
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

		final List<Exception> exceptions = new CopyOnWriteArrayList<>();

		final CompletableFuture<String> textAtClose = new CompletableFuture<>();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			synchronized (this.input) {
				this.input.writeBytes(data);
			}
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.textAtClose.complete(text());
			this.closes.add(reason);
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

	}

	/**
	 * A recording client connect handler that writes a greeting once connected.
	 */
	static final class Client extends Recorder implements ClientConnectHandler {

		private final @Nullable String greeting;

		final CompletableFuture<Connection> connected = new CompletableFuture<>();

		final List<String> failures = new CopyOnWriteArrayList<>();

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
		public void failedConnect(String reason) {
			this.failures.add(reason);
		}

		Connection connection() {
			return this.connected.join();
		}

	}

}
