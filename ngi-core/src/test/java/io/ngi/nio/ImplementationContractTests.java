package io.ngi.nio;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.UdpListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The contract every {@link Implementation} keeps (ARCHITECTURE.md, "Semantics every
 * implementation keeps"), run against each implementation by a subclass. Where the
 * implementations differ on purpose (close reasons, connect refusals), the subclass
 * supplies the expected value and says so.
 */
abstract class ImplementationContractTests {

	/**
	 * Returns the implementation under test, fresh for each test.
	 * @return the implementation
	 */
	protected abstract Implementation implementation();

	/**
	 * Checks an assertion until it holds (sockets and threads) or once (in memory).
	 * @param assertion the assertion
	 */
	protected abstract void eventually(Runnable assertion);

	/**
	 * Returns the reason a handler gets when the peer closed: {@code "end of input"} on
	 * sockets, {@code "closed"} in memory.
	 * @return the reason
	 */
	protected abstract String peerClosedReason();

	/**
	 * Returns the reason a handler gets when its own {@code handleInput} threw: the
	 * exception's {@code toString()} on sockets, {@code "handle_input error"} in memory.
	 * @param failure what the handler threw
	 * @return the reason
	 */
	protected abstract String handlerFailureReason(Exception failure);

	/**
	 * Returns an address nothing listens on.
	 * @return the address
	 */
	protected abstract SocketAddress unusedAddress();

	/**
	 * Returns the reason of a refused connect: {@code "ECONNREFUSED"} on sockets,
	 * {@code "no such server"} in memory.
	 * @return the reason
	 */
	protected abstract String refusedReason();

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private Listener echo() {
		return implementation().listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
	}

	/** A server handler that records its input and close reason. */
	static final class ServerRecorder implements ConnectionHandler {

		final AtomicReference<String> closed = new AtomicReference<>();

		final StringBuffer input = new StringBuffer();

		@Override
		public void handleInput(Connection connection, byte[] data) {
			this.input.append(new String(data, StandardCharsets.UTF_8));
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			this.closed.set(reason);
		}

	}

	@Test
	void echoesWhatTheClientWrites() {
		Listener listener = echo();
		Recorder client = new Recorder(bytes("hello"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(client.text()).isEqualTo("hello"));
		listener.close();
	}

	@Test
	void closeNotifiesThePeerButNotTheClosingSide() throws Exception {
		ServerRecorder server = new ServerRecorder();
		Listener listener = implementation().listen(null, (connection) -> connection.setHandler(server));
		Recorder client = new Recorder();
		implementation().connect(listener.address(), client);
		Connection connection = client.connection.get(10, TimeUnit.SECONDS);
		connection.close();
		assertThat(connection.isOpen()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> connection.write(bytes("late")))
			.withMessage("write called on closed connection");
		assertThatIllegalStateException().isThrownBy(() -> connection.writeLines(List.of(bytes("late"))))
			.withMessage("write called on closed connection");
		connection.close();
		eventually(() -> assertThat(server.closed.get()).isEqualTo(peerClosedReason()));
		assertThat(client.closed).isNotDone();
		listener.close();
	}

	@Test
	void closeSendsWhatWasWrittenFirst() {
		Listener listener = implementation().listen(null, (connection) -> {
			connection.write(bytes("one "));
			connection.writeLines(List.of(bytes("two "), bytes("three")));
			connection.close();
		});
		Recorder client = new Recorder();
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(client.closed).isCompletedWithValue(peerClosedReason()));
		assertThat(client.text()).isEqualTo("one two three");
		listener.close();
	}

	@Test
	void handlerFailureClosesOnlyThatConnection() {
		IllegalStateException failure = new IllegalStateException("boom");
		AtomicReference<String> serverReason = new AtomicReference<>();
		Listener listener = implementation().listen(null,
				(connection) -> connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						if (new String(data, StandardCharsets.UTF_8).contains("fail")) {
							throw failure;
						}
						c.write(data);
					}

					@Override
					public void handleClose(Connection c, String reason) {
						serverReason.set(reason);
					}
				}));
		Recorder failing = new Recorder(bytes("fail"));
		implementation().connect(listener.address(), failing);
		eventually(() -> assertThat(serverReason.get()).isEqualTo(handlerFailureReason(failure)));
		eventually(() -> assertThat(failing.closed).isCompletedWithValue(peerClosedReason()));
		Recorder fine = new Recorder(bytes("fine"));
		implementation().connect(listener.address(), fine);
		eventually(() -> assertThat(fine.text()).isEqualTo("fine"));
		assertThat(listener.isOpen()).isTrue();
		listener.close();
	}

	@Test
	void failingServerClosesOnlyThatConnection() {
		AtomicInteger calls = new AtomicInteger();
		Listener listener = implementation().listen(null, (connection) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("evil server");
			}
			connection.setHandler((c, data) -> c.write(data));
		});
		Recorder first = new Recorder(bytes("first"));
		implementation().connect(listener.address(), first);
		eventually(() -> assertThat(first.closed).isCompletedWithValue(peerClosedReason()));
		Recorder second = new Recorder(bytes("second"));
		implementation().connect(listener.address(), second);
		eventually(() -> assertThat(second.text()).isEqualTo("second"));
		assertThat(listener.isOpen()).isTrue();
		listener.close();
	}

	@Test
	void closingTheListenerStopsItsConnections() {
		ServerRecorder server = new ServerRecorder();
		Listener listener = implementation().listen(null, (connection) -> connection.setHandler(server));
		Recorder client = new Recorder(bytes("hi"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(server.input.toString()).isEqualTo("hi"));
		listener.close();
		assertThat(listener.isOpen()).isFalse();
		eventually(() -> assertThat(server.closed.get()).isEqualTo("stopped"));
		eventually(() -> assertThat(client.closed).isCompletedWithValue(peerClosedReason()));
		eventually(() -> assertThat(listener.connections()).isEmpty());
	}

	@Test
	void refusedConnectCallsFailedConnect() {
		Recorder client = new Recorder();
		implementation().connect(unusedAddress(), client);
		eventually(() -> assertThat(client.failed).isCompletedWithValue(refusedReason()));
		assertThat(client.connection).isNotDone();
	}

	@Test
	void writeLinesFailureGoesToHandleException() {
		AtomicReference<Exception> seen = new AtomicReference<>();
		Listener listener = implementation().listen(null,
				(connection) -> connection.setHandler(new ConnectionHandler() {
					@Override
					public void handleInput(Connection c, byte[] data) {
						c.writeLines(() -> new Iterator<>() {
							private int count;

							@Override
							public boolean hasNext() {
								return true;
							}

							@Override
							public byte[] next() {
								if (this.count++ == 1) {
									throw new IllegalArgumentException("it");
								}
								return bytes("item ");
							}
						});
					}

					@Override
					public void handleException(Connection c, Exception exception) {
						seen.set(exception);
					}
				}));
		Recorder client = new Recorder(bytes("go"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(seen.get()).isInstanceOf(IllegalArgumentException.class).hasMessage("it"));
		eventually(() -> assertThat(client.text()).isEqualTo("item "));
		listener.close();
	}

	@Test
	void setHandlerMayBeCalledAgainFromInsideAHandler() {
		ConnectionHandler upper = (c, data) -> c.write(new String(data, StandardCharsets.UTF_8).toUpperCase());
		Listener listener = implementation().listen(null, (connection) -> connection.setHandler((c, data) -> {
			c.write(data);
			c.setHandler(upper);
		}));
		Recorder client = new Recorder(bytes("first"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(client.text()).isEqualTo("first"));
		client.connection.join().write(bytes("second"));
		eventually(() -> assertThat(client.text()).isEqualTo("firstSECOND"));
		listener.close();
	}

	@Test
	void inputBeforeSetHandlerIsDeliveredOnceAHandlerIsSet() throws Exception {
		CompletableFuture<Connection> pending = new CompletableFuture<>();
		Listener listener = implementation().listen(null, pending::complete);
		Recorder client = new Recorder(bytes("early"));
		implementation().connect(listener.address(), client);
		Connection server = pending.get(10, TimeUnit.SECONDS);
		ServerRecorder handler = new ServerRecorder();
		server.setHandler(handler);
		eventually(() -> assertThat(handler.input.toString()).isEqualTo("early"));
		listener.close();
	}

	@Test
	void stopCompletesWhenTheLastConnectionCloses() throws Exception {
		Listener listener = echo();
		Recorder client = new Recorder(bytes("x"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(client.text()).isEqualTo("x"));
		CompletableFuture<Void> stopped = listener.stop();
		assertThat(listener.isOpen()).isFalse();
		assertThat(stopped).isNotDone();
		client.connection.get(10, TimeUnit.SECONDS).close();
		eventually(() -> assertThat(stopped).isDone());
	}

	@Test
	void closeWaitForceClosesWhatRemains() {
		ServerRecorder server = new ServerRecorder();
		Listener listener = implementation().listen(null, (connection) -> connection.setHandler(server));
		Recorder client = new Recorder(bytes("stay"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(server.input.toString()).isEqualTo("stay"));
		assertThat(listener.closeWait(Duration.ofMillis(50))).isFalse();
		eventually(() -> assertThat(server.closed.get()).isEqualTo("stopped"));
		eventually(() -> assertThat(client.closed).isCompletedWithValue(peerClosedReason()));
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
		Listener listener = implementation().listen(null, (connection) -> connection.setHandler((c, data) -> {
			c.write(data);
			c.close();
		}), ListenOptions.builder().observer(observer).build());
		Recorder client = new Recorder(bytes("12345"));
		implementation().connect(listener.address(), client);
		eventually(() -> assertThat(client.closed).isCompletedWithValue(peerClosedReason()));
		eventually(() -> assertThat(closed).hasValue(1));
		assertThat(opened).hasValue(1);
		assertThat(received).hasValue(5);
		assertThat(sent).hasValue(5);
		listener.close();
		assertThat(closed).hasValue(1);
	}

	@Test
	void udpDatagramsReachTheListener() {
		List<String> received = new CopyOnWriteArrayList<>();
		UdpListener listener = implementation().listenUdp(null,
				(source, message) -> received.add(new String(message, StandardCharsets.UTF_8)));
		implementation().sendUdp(listener.address(), bytes("hello udp"));
		eventually(() -> assertThat(received).containsExactly("hello udp"));
		listener.close();
		assertThat(listener.isOpen()).isFalse();
	}

}
