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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.ngi.Connection;
import io.ngi.FailingLines;
import io.ngi.ListenOptions;
import io.ngi.Connection;
import io.ngi.ForwardingConnection;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.Server;
import io.ngi.adapters.Sized;
import io.ngi.nio.NioImplementation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Imperative handlers over the NIO implementation, where bodies suspend the handler call
 * instead of holding the loop thread.
 */
class ImperativeNioTests {

	private static final String NAME = "imperative-nio";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final int TIMEOUT_MILLIS = 10_000;

	private final NioImplementation ngi = NioImplementation.builder().name(NAME).loops(1).build();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	/** Latches bodies may wait on, released after each test so that no body stays. */
	private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();

	/** Every body thread started, to check that all end. */
	private final List<Thread> bodyThreads = new CopyOnWriteArrayList<>();

	private final AtomicInteger bodiesStarted = new AtomicInteger();

	private final AtomicInteger bodiesEnded = new AtomicInteger();

	/** Threads the implementation called the server on. */
	private final Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();

	/** Close reasons the bodies saw. */
	private final List<String> reasons = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAndCheckThatEveryBodyEnded() throws Exception {
		for (CountDownLatch latch : this.latches) {
			latch.countDown();
		}
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.ngi.close();
		await().atMost(WAIT).until(() -> this.bodyThreads.stream().noneMatch(Thread::isAlive));
		assertThat(this.bodiesEnded.get()).isEqualTo(this.bodiesStarted.get());
	}

	private CountDownLatch latch() {
		CountDownLatch latch = new CountDownLatch(1);
		this.latches.add(latch);
		return latch;
	}

	/**
	 * A body that takes one input, counts {@code busy} down, waits for {@code release},
	 * then waits for more input.
	 */
	private static Imperative.Body blockedAfterFirstInput(CountDownLatch busy, CountDownLatch release) {
		return (connection, input) -> {
			input.next();
			busy.countDown();
			awaitLatch(release);
			input.next();
		};
	}

	private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released in time").isTrue();
	}

	/** Counts the body and records its thread. */
	private Imperative.Body tracked(Imperative.Body body) {
		return (connection, input) -> {
			this.bodyThreads.add(Thread.currentThread());
			this.bodiesStarted.incrementAndGet();
			try {
				body.run(connection, input);
			}
			catch (ConnectionClosedException ex) {
				this.reasons.add(ex.reason());
				throw ex;
			}
			finally {
				this.bodiesEnded.incrementAndGet();
			}
		};
	}

	private Listener listen(Imperative imperative) {
		return listen(imperative, ListenOptions.defaults());
	}

	private Listener listen(Imperative imperative, ListenOptions options) {
		Server server = (connection) -> {
			this.loopThreads.add(Thread.currentThread());
			imperative.connected(connection);
		};
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), server, options);
		this.closeables.add(listener);
		return listener;
	}

	private Client client(SocketAddress address) throws IOException {
		Client client = new Client(address);
		this.closeables.add(client);
		return client;
	}

	private static Imperative.Body echo() {
		return (connection, input) -> {
			while (true) {
				connection.write(input.next());
			}
		};
	}

	private static byte[] pattern(int size) {
		byte[] data = new byte[size];
		for (int i = 0; i < size; i++) {
			data[i] = (byte) (i * 31 + (i >> 8));
		}
		return data;
	}

	@Test
	void fiftyConnectionsEchoTwoHundredRoundTripsEachInOrderOnBodyThreads() throws Exception {
		int connections = 50;
		int trips = 200;
		Listener listener = listen(Imperative.handler(tracked(echo())));
		ExecutorService clients = Executors.newFixedThreadPool(connections);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int c = 0; c < connections; c++) {
				int id = c;
				results.add(clients.submit(() -> {
					try (Client client = new Client(listener.address())) {
						for (int i = 0; i < trips; i++) {
							String line = id + ":" + i;
							client.send(line + "\n");
							assertThat(client.readLine()).isEqualTo(line);
						}
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(this.bodiesStarted.get()).isEqualTo(connections);
		assertThat(this.loopThreads).isNotEmpty().allSatisfy((thread) -> assertThat(thread.getName()).startsWith(NAME));
		assertThat(this.bodyThreads).hasSize(connections)
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("ngi-imperative-"))
			.doesNotContainAnyElementsOf(this.loopThreads);
	}

	@Test
	void aBlockedBodyHoldsUpOnlyItsOwnConnection() throws Exception {
		CountDownLatch release = latch();
		CountDownLatch blocked = latch();
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			while (true) {
				byte[] data = input.next();
				if (new String(data, StandardCharsets.US_ASCII).startsWith("block")) {
					blocked.countDown();
					awaitLatch(release);
				}
				connection.write(data);
			}
		})));
		Client stuck = client(listener.address());
		stuck.send("block\n");
		awaitLatch(blocked);
		StringBuilder meanwhile = new StringBuilder("block\n");
		for (int i = 0; i < 2000; i++) {
			meanwhile.append(i).append('\n');
		}
		stuck.send(meanwhile.substring("block\n".length()));
		// Same listener, same (single) loop: served while the other body is blocked.
		Client other = client(listener.address());
		for (int i = 0; i < 10; i++) {
			other.send("other " + i + "\n");
			assertThat(other.readLine()).isEqualTo("other " + i);
		}
		assertThat(release.getCount()).isOne();
		release.countDown();
		String[] expected = meanwhile.toString().split("\n");
		for (String line : expected) {
			assertThat(stuck.readLine()).isEqualTo(line);
		}
	}

	/**
	 * Three wrappers between the connection and the body change nothing: the body still
	 * runs in a suspended call, so its blocking holds up only its own connection. (In the
	 * first release a wrapper hid the suspendable connection, and the body parked the
	 * loop thread.)
	 */
	@Test
	void aBodyBehindWrappersStillHoldsUpOnlyItsOwnConnection() throws Exception {
		CountDownLatch release = latch();
		CountDownLatch blocked = latch();
		Imperative imperative = Imperative.handler(tracked((connection, input) -> {
			while (true) {
				byte[] data = input.next();
				if (new String(data, StandardCharsets.US_ASCII).startsWith("block")) {
					blocked.countDown();
					awaitLatch(release);
				}
				connection.write(data);
			}
		}));
		Server wrapped = (connection) -> imperative.connected(new Wrapper(new Wrapper(new Wrapper(connection))));
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), wrapped);
		this.closeables.add(listener);
		Client stuck = client(listener.address());
		stuck.send("block\n");
		awaitLatch(blocked);
		Client other = client(listener.address());
		for (int i = 0; i < 10; i++) {
			other.send("other " + i + "\n");
			assertThat(other.readLine()).isEqualTo("other " + i);
		}
		release.countDown();
		assertThat(stuck.readLine()).isEqualTo("block");
	}

	/**
	 * A connection task that falls due while the body works waits until the body waits
	 * again: it is a handler call of the connection, and the body's turn is one.
	 */
	@Test
	void aConnectionTaskDueWhileTheBodyWorksRunsAfterTheBodyWaitsAgain() throws Exception {
		CountDownLatch release = latch();
		CountDownLatch blocked = latch();
		List<String> order = new CopyOnWriteArrayList<>();
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			input.next();
			connection.schedule(Duration.ZERO, () -> order.add("task"));
			blocked.countDown();
			awaitLatch(release);
			order.add("body waits again");
			input.next();
		})));
		Client client = client(listener.address());
		client.send("go\n");
		awaitLatch(blocked);
		// The task is due now, on an idle loop, but the body's call is still open.
		CountDownLatch loopPassed = new CountDownLatch(1);
		this.ngi.schedule(Duration.ofMillis(50), loopPassed::countDown);
		awaitLatch(loopPassed);
		assertThat(order).isEmpty();
		release.countDown();
		await().atMost(WAIT).until(() -> order.size() == 2);
		assertThat(order).containsExactly("body waits again", "task");
	}

	/** A wrapper that changes nothing. */
	private static final class Wrapper extends ForwardingConnection {

		Wrapper(Connection delegate) {
			super(delegate);
		}

	}

	@Test
	void aBodyThatThrowsAfterAnInputClosesTheConnectionAndIsCountedOnce() throws Exception {
		AtomicInteger failures = new AtomicInteger();
		List<Throwable> failed = new CopyOnWriteArrayList<>();
		IllegalStateException boom = new IllegalStateException("body failed");
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void handlerFailed(Throwable failure) {
				failures.incrementAndGet();
				failed.add(failure);
			}
		};
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			input.next();
			throw boom;
		})), ListenOptions.builder().observer(observer).build());
		Client client = client(listener.address());
		client.send("x");
		assertThat(client.in.read()).isEqualTo(-1);
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		await().atMost(WAIT).until(() -> failures.get() >= 1);
		// Another connection's round trip: the loop has done everything the failure
		// caused.
		Listener echo = listen(Imperative.handler(tracked(echo())));
		Client other = client(echo.address());
		other.send("ping\n");
		assertThat(other.readLine()).isEqualTo("ping");
		assertThat(failures.get()).isOne();
		assertThat(failed).containsExactly(boom);
	}

	@Test
	void outputWrittenBeforeTheBodyReturnsArrivesWholeBeforeEndOfInput() throws Exception {
		byte[] data = pattern(1024 * 1024);
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			input.next();
			for (int offset = 0; offset < data.length; offset += 10_000) {
				byte[] chunk = new byte[Math.min(10_000, data.length - offset)];
				System.arraycopy(data, offset, chunk, 0, chunk.length);
				connection.write(chunk);
			}
		})));
		Client client = client(listener.address());
		client.send("go");
		assertThat(client.in.readAllBytes()).isEqualTo(data);
	}

	@Test
	void peerCloseWhileTheBodyIsBusyIsThrownFromItsNextNextAsEndOfInput() throws Exception {
		CountDownLatch busy = latch();
		CountDownLatch release = latch();
		Listener listener = listen(Imperative.handler(tracked(blockedAfterFirstInput(busy, release))));
		Client client = client(listener.address());
		client.send("x");
		awaitLatch(busy);
		client.close();
		release.countDown();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("end of input");
	}

	@Test
	void listenerCloseWhileTheBodyWaitsIsThrownAsStopped() throws Exception {
		Listener listener = listen(Imperative.handler(tracked(echo())));
		Client client = client(listener.address());
		client.send("hi\n");
		assertThat(client.readLine()).isEqualTo("hi");
		listener.close();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("stopped");
		assertThat(client.in.read()).isEqualTo(-1);
	}

	@Test
	void implementationCloseWhileTheBodyIsBlockedIsThrownAsStoppedOnceReleased() throws Exception {
		CountDownLatch busy = latch();
		CountDownLatch release = latch();
		Listener listener = listen(Imperative.handler(tracked(blockedAfterFirstInput(busy, release))));
		Client client = client(listener.address());
		client.send("x");
		awaitLatch(busy);
		this.ngi.close();
		assertThat(client.in.read()).isEqualTo(-1);
		release.countDown();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("stopped");
		Thread body = this.bodyThreads.get(0);
		body.join(TIMEOUT_MILLIS);
		assertThat(body.isAlive()).isFalse();
	}

	@Test
	void listenerThenImplementationCloseWhileTheBodyIsBlockedEndsTheBody() throws Exception {
		CountDownLatch busy = latch();
		CountDownLatch release = latch();
		Listener listener = listen(Imperative.handler(tracked(blockedAfterFirstInput(busy, release))));
		Client client = client(listener.address());
		client.send("x");
		awaitLatch(busy);
		// The usual shutdown order: listeners first, then the implementation.
		listener.close();
		assertThat(client.in.read()).isEqualTo(-1);
		this.ngi.close();
		release.countDown();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("stopped");
	}

	@Test
	void listenerCloseWhileTheBodyIsBlockedIsThrownAsStoppedOnceReleased() throws Exception {
		CountDownLatch busy = latch();
		CountDownLatch release = latch();
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			input.next();
			busy.countDown();
			awaitLatch(release);
			connection.write("late".getBytes(StandardCharsets.US_ASCII));
			input.next();
		})));
		Client client = client(listener.address());
		client.send("x");
		awaitLatch(busy);
		listener.close();
		assertThat(client.in.read()).isEqualTo(-1);
		release.countDown();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("stopped");
	}

	@Test
	void aBodyThatReturnsBeforeItsFirstNextSendsItsOutputThenCloses() throws Exception {
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			connection.write("bye\n".getBytes(StandardCharsets.US_ASCII));
		})));
		Client client = client(listener.address());
		assertThat(client.in.readAllBytes()).isEqualTo("bye\n".getBytes(StandardCharsets.US_ASCII));
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
	}

	@Test
	void aBodyThatThrowsBeforeItsFirstNextClosesTheConnectionAndIsCountedOnce() throws Exception {
		AtomicInteger failures = new AtomicInteger();
		IllegalStateException boom = new IllegalStateException("failed at start");
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void handlerFailed(Throwable failure) {
				assertThat(failure).isSameAs(boom);
				failures.incrementAndGet();
			}
		};
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			throw boom;
		})), ListenOptions.builder().observer(observer).build());
		Client client = client(listener.address());
		assertThat(client.in.read()).isEqualTo(-1);
		await().atMost(WAIT).until(() -> failures.get() >= 1);
		Client again = client(listener.address());
		assertThat(again.in.read()).isEqualTo(-1);
		await().atMost(WAIT).until(() -> failures.get() >= 2);
		assertThat(failures.get()).isEqualTo(2);
	}

	@Test
	void anImperativeClientTalksToAnImperativeServer() throws Exception {
		Listener listener = listen(Imperative.handler(tracked(echo())));
		List<String> replies = new CopyOnWriteArrayList<>();
		this.ngi.connect(listener.address(), Imperative.handler(tracked((connection, input) -> {
			for (int i = 0; i < 100; i++) {
				byte[] request = ("request " + i).getBytes(StandardCharsets.US_ASCII);
				connection.write(request);
				StringBuilder reply = new StringBuilder();
				while (reply.length() < request.length) {
					reply.append(new String(input.next(), StandardCharsets.US_ASCII));
				}
				replies.add(reply.toString());
			}
		})));
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 2);
		assertThat(replies).hasSize(100).startsWith("request 0").endsWith("request 99");
		assertThat(this.reasons).containsExactly("end of input");
	}

	@Test
	void closeFromAnotherThreadWhileTheBodyWaitsEndsTheBody() throws Exception {
		AtomicReference<Connection> bodyConnection = new AtomicReference<>();
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			bodyConnection.set(connection);
			connection.write(input.next());
			input.next();
		})));
		Client client = client(listener.address());
		client.send("x");
		assertThat(client.in.read()).isEqualTo('x');
		bodyConnection.get().close();
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(this.reasons).containsExactly("closed");
		assertThat(client.in.read()).isEqualTo(-1);
	}

	@Test
	void sizedFramesInOneWriteReachTheBodyInOrder() throws Exception {
		List<String> frames = new CopyOnWriteArrayList<>();
		Listener listener = listen(Imperative.handler(Sized::new, tracked((connection, input) -> {
			while (true) {
				String frame = new String(input.next(), StandardCharsets.US_ASCII);
				frames.add(frame);
				connection.write(("got " + frame).getBytes(StandardCharsets.US_ASCII));
			}
		})));
		Client client = client(listener.address());
		ByteBuffer buffer = ByteBuffer.allocate(64);
		for (String frame : new String[] { "a", "bb", "", "ccc" }) {
			buffer.putInt(frame.length()).put(frame.getBytes(StandardCharsets.US_ASCII));
		}
		client.out.write(buffer.array(), 0, buffer.position());
		client.out.flush();
		for (String frame : new String[] { "a", "bb", "", "ccc" }) {
			int length = ByteBuffer.wrap(client.in.readNBytes(4)).getInt();
			assertThat(new String(client.in.readNBytes(length), StandardCharsets.US_ASCII)).isEqualTo("got " + frame);
		}
		assertThat(frames).containsExactly("a", "bb", "", "ccc");
	}

	@Test
	void anOverLimitSizedFrameReachesTheBodyAsTheAdaptersReason() throws Exception {
		List<String> frames = new CopyOnWriteArrayList<>();
		Listener listener = listen(
				Imperative.handler((connection) -> new Sized(connection, 16), tracked((connection, input) -> {
					while (true) {
						frames.add(new String(input.next(), StandardCharsets.US_ASCII));
					}
				})));
		Client client = client(listener.address());
		ByteBuffer buffer = ByteBuffer.allocate(64);
		buffer.putInt(2).put("ok".getBytes(StandardCharsets.US_ASCII));
		buffer.putInt(1000).put("too long".getBytes(StandardCharsets.US_ASCII));
		client.out.write(buffer.array(), 0, buffer.position());
		client.out.flush();
		assertThat(client.in.read()).isEqualTo(-1);
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == 1);
		assertThat(frames).containsExactly("ok");
		assertThat(this.reasons).containsExactly(Sized.FRAME_TOO_LARGE);
	}

	@Test
	void aThousandConnectionsClosedByTheClientLeaveNoBodyThread() throws Exception {
		int connections = Integer.getInteger("ngi.test.imperative.nio.connections", 1000);
		Listener listener = listen(Imperative.handler(tracked(echo())));
		for (int i = 0; i < connections; i++) {
			try (Client client = new Client(listener.address())) {
				client.send("x");
				assertThat(client.in.read()).isEqualTo('x');
			}
		}
		await().atMost(WAIT).until(() -> this.bodiesEnded.get() == connections);
		assertThat(this.bodiesStarted.get()).isEqualTo(connections);
		await().atMost(WAIT).until(() -> this.bodyThreads.stream().noneMatch(Thread::isAlive));
		assertThat(this.reasons).hasSize(connections).containsOnly("end of input");
	}

	@Test
	void aWriteLinesFailureIsThrownFromNextAndTheBodyCanGoOn() throws Exception {
		IllegalStateException broken = new IllegalStateException("lines broke");
		Iterable<byte[]> failing = FailingLines.after("line\n".getBytes(StandardCharsets.US_ASCII), broken);
		List<Throwable> caught = new CopyOnWriteArrayList<>();
		Listener listener = listen(Imperative.handler(tracked((connection, input) -> {
			input.next();
			connection.writeLines(failing);
			try {
				input.next();
			}
			catch (IllegalStateException ex) {
				caught.add(ex);
				connection.write(("caught " + ex.getMessage() + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			while (true) {
				connection.write(input.next());
			}
		})));
		Client client = client(listener.address());
		client.send("go");
		assertThat(client.readLine()).isEqualTo("line");
		assertThat(client.readLine()).isEqualTo("caught lines broke");
		client.send("after\n");
		assertThat(client.readLine()).isEqualTo("after");
		assertThat(caught).containsExactly(broken);
	}

	/** A blocking client socket with bounded reads. */
	private static final class Client implements AutoCloseable {

		private final Socket socket = new Socket();

		final InputStream in;

		final OutputStream out;

		private final BufferedReader reader;

		Client(SocketAddress address) throws IOException {
			this.socket.connect(address, TIMEOUT_MILLIS);
			this.socket.setSoTimeout(TIMEOUT_MILLIS);
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
			this.reader = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.US_ASCII));
		}

		void send(String text) throws IOException {
			this.out.write(text.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
		}

		/** Reads a line; do not mix with reads of {@link #in}. */
		String readLine() throws IOException {
			return this.reader.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
