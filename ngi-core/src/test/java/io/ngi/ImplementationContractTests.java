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
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link Implementation} keeps (ARCHITECTURE.md, "Semantics every
 * implementation keeps"), as scenarios that run unchanged on the testing implementation
 * (where everything has happened when a call returns) and on real sockets (where the
 * scenarios wait, bounded, for events). Subclasses say where to listen and the close
 * reasons that differ on purpose between implementations.
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
	 * Releases the implementation after a test (threads, selectors). Does nothing by
	 * default.
	 * @param implementation the implementation of the test
	 */
	protected void shutdown(Implementation implementation) {
	}

	/**
	 * Returns where a test listens; {@code null} asks for an ephemeral loopback port.
	 * @return the address
	 */
	protected @Nullable SocketAddress listenAddress() {
		return null;
	}

	/**
	 * Returns the reason a handler gets when the peer closed: {@code "closed"} in
	 * testing, {@code "end of input"} on sockets.
	 * @return the reason
	 */
	protected abstract String peerClosedReason();

	/**
	 * Returns the reason a handler gets after its {@code handleInput} threw
	 * {@code failure}: {@code "handle_input error"} in testing, the exception's
	 * {@code toString()} on sockets.
	 * @param failure what the handler threw
	 * @return the reason
	 */
	protected abstract String inputFailureReason(Exception failure);

	/**
	 * Checks, after a scenario in which a handler failed on purpose, that the
	 * implementation reported {@code failure}. Does nothing by default (the failure is
	 * logged).
	 * @param implementation the implementation of the test
	 * @param failure the exception the handler threw
	 */
	protected void expectHandlerFailure(Implementation implementation, Throwable failure) {
	}

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
		waiting().untilAsserted(() -> assertThat(client.text()).isEqualTo("HELLO"));
		client.connection().close();
	}

	@Test
	void outputWrittenBeforeTheClientSetsItsHandlerIsDelivered() {
		Listener listener = listen((connection) -> {
			connection.write("welcome");
			connection.close();
		});
		Client client = connect(listener, null);
		waiting().untilAsserted(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
		assertThat(client.text()).isEqualTo("welcome");
	}

	@Test
	void closeNotifiesThePeerButNotTheClosingSide() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "bye");
		waiting().untilAsserted(() -> assertThat(server.text()).isEqualTo("bye"));
		client.connection().close();
		assertThat(client.connection().isOpen()).isFalse();
		waiting().untilAsserted(() -> assertThat(server.closes).containsExactly(peerClosedReason()));
		assertThat(client.closes).isEmpty();
	}

	@Test
	void writeAfterCloseThrowsIllegalState() {
		Listener listener = listen((connection) -> connection.setHandler(new Recorder()));
		Client client = connect(listener, null);
		Connection connection = client.connection();
		connection.close();
		assertThat(connection.isOpen()).isFalse();
		assertThat(catchWrite(() -> connection.write("late"))).isInstanceOf(IllegalStateException.class)
			.hasMessage("write called on closed connection");
		assertThat(catchWrite(() -> connection.writeLines(List.of(bytes("late")))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("write called on closed connection");
	}

	@Test
	void listenerCloseTellsServerHandlersStoppedAndClientsThePeerClosed() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "x");
		waiting().untilAsserted(() -> assertThat(server.text()).isEqualTo("x"));
		assertThat(listener.connections()).hasSize(1);
		listener.close();
		assertThat(listener.isOpen()).isFalse();
		waiting().untilAsserted(() -> assertThat(server.closes).containsExactly("stopped"));
		waiting().untilAsserted(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
		waiting().untilAsserted(() -> assertThat(listener.connections()).isEmpty());
	}

	@Test
	void handleInputFailureClosesTheConnectionAndTellsTheHandlerWhy() {
		IllegalArgumentException failure = new IllegalArgumentException("bad input");
		Recorder server = new Recorder() {
			@Override
			public void handleInput(Connection connection, byte[] data) {
				throw failure;
			}
		};
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, "x");
		waiting().untilAsserted(() -> assertThat(client.closes).containsExactly(peerClosedReason()));
		waiting().untilAsserted(() -> assertThat(server.closes).containsExactly(inputFailureReason(failure)));
		assertThat(listener.isOpen()).isTrue();
		expectHandlerFailure(this.implementation, failure);
	}

	@Test
	void failingServerClosesOnlyThatConnection() {
		IllegalStateException failure = new IllegalStateException("server broke");
		List<Connection> accepted = new CopyOnWriteArrayList<>();
		Listener listener = listen((connection) -> {
			accepted.add(connection);
			if (accepted.size() == 1) {
				throw failure;
			}
			connection.setHandler(upper());
		});
		Client failed = connect(listener, null);
		waiting().untilAsserted(() -> assertThat(failed.closes).containsExactly(peerClosedReason()));
		assertThat(listener.isOpen()).isTrue();
		Client working = connect(listener, "ok");
		waiting().untilAsserted(() -> assertThat(working.text()).isEqualTo("OK"));
		working.connection().close();
		expectHandlerFailure(this.implementation, failure);
	}

	@Test
	void connectWhereNothingListensCallsFailedConnect() {
		Listener listener = listen((connection) -> {
		});
		SocketAddress address = listener.address();
		listener.close();
		CompletableFuture<String> failure = new CompletableFuture<>();
		this.implementation.connect(address, new ClientConnectHandler() {
			@Override
			public void connected(Connection connection) {
				connection.close();
				failure.completeExceptionally(new AssertionError("connected to a closed listener"));
			}

			@Override
			public void failedConnect(String reason) {
				failure.complete(reason);
			}
		});
		waiting().until(failure::isDone);
		assertThat(failure.join()).isNotBlank();
	}

	@Test
	void stopCompletesWhenTheLastConnectionCloses() {
		Listener listener = listen((connection) -> connection.setHandler(upper()));
		Client client = connect(listener, "a");
		waiting().untilAsserted(() -> assertThat(client.text()).isEqualTo("A"));
		CompletableFuture<Void> stopped = listener.stop();
		assertThat(listener.isOpen()).isFalse();
		assertThat(stopped).isNotDone();
		client.connection().close();
		waiting().until(stopped::isDone);
		assertThat(listener.connections()).isEmpty();
	}

	@Test
	void setHandlerFromInsideAHandlerSendsLaterInputToTheNewHandler() {
		Recorder second = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(new ConnectionHandler() {
			@Override
			public void handleInput(Connection c, byte[] data) {
				c.setHandler(second);
				c.write("switched");
			}
		}));
		Client client = connect(listener, "first");
		waiting().untilAsserted(() -> assertThat(client.text()).isEqualTo("switched"));
		client.connection().write("second");
		waiting().untilAsserted(() -> assertThat(second.text()).isEqualTo("second"));
		client.connection().close();
	}

	@Test
	void writeLinesFailureGoesToTheWritersHandleException() {
		Recorder server = new Recorder();
		Listener listener = listen((connection) -> connection.setHandler(server));
		Client client = connect(listener, null);
		IllegalStateException failure = new IllegalStateException("iterator broke");
		client.connection().writeLines(() -> new Iterator<>() {

			private boolean first = true;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public byte[] next() {
				if (this.first) {
					this.first = false;
					return bytes("one");
				}
				throw failure;
			}

		});
		waiting().untilAsserted(() -> assertThat(client.exceptions).containsExactly(failure));
		waiting().untilAsserted(() -> assertThat(server.text()).isEqualTo("one"));
		client.connection().close();
	}

	@Test
	void udpDatagramsReachTheListener() {
		List<String> received = new CopyOnWriteArrayList<>();
		UdpListener listener = this.implementation.listenUdp(listenAddress(),
				(source, message) -> received.add(new String(message, StandardCharsets.UTF_8)));
		this.cleanup.add(listener);
		this.implementation.sendUdp(listener.address(), bytes("ping"));
		waiting().untilAsserted(() -> assertThat(received).containsExactly("ping"));
		listener.close();
		assertThat(listener.isOpen()).isFalse();
	}

	/**
	 * Waits, bounded, checking at once and then often: on the testing implementation the
	 * condition already holds.
	 */
	private static ConditionFactory waiting() {
		return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
	}

	private Listener listen(Server server) {
		Listener listener = this.implementation.listen(listenAddress(), server);
		this.cleanup.add(listener);
		return listener;
	}

	/**
	 * Connects a recording client that writes {@code greeting} once connected.
	 */
	private Client connect(Listener listener, @Nullable String greeting) {
		Client client = new Client(greeting);
		this.implementation.connect(listener.address(), client);
		waiting().until(() -> client.connected.isDone());
		return client;
	}

	private static @Nullable Throwable catchWrite(Runnable write) {
		try {
			write.run();
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static ConnectionHandler upper() {
		return (connection, data) -> connection
			.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A handler that keeps what it receives; thread-safe for reading from the test.
	 */
	static class Recorder implements ConnectionHandler {

		private final ByteArrayOutputStream input = new ByteArrayOutputStream();

		final List<String> closes = new CopyOnWriteArrayList<>();

		final List<Exception> exceptions = new CopyOnWriteArrayList<>();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			synchronized (this.input) {
				this.input.writeBytes(data);
			}
		}

		@Override
		public void handleClose(Connection connection, String reason) {
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
	 * A recording client connect handler.
	 */
	static final class Client extends Recorder implements ClientConnectHandler {

		private final @Nullable String greeting;

		final CompletableFuture<Connection> connected = new CompletableFuture<>();

		private final AtomicReference<String> failure = new AtomicReference<>();

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
			this.failure.set(reason);
			this.connected.completeExceptionally(new ConnectionFailedException(reason));
		}

		Connection connection() {
			return this.connected.join();
		}

	}

}
