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

package io.ngi.nio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.FailingLines;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.internal.Dispatcher;
import io.ngi.internal.PendingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Suspended handler calls ({@link Dispatcher#suspendCurrentCall()}) as
 * {@link NioConnection} carries them out: a plain handler suspends its call and ends it
 * later from another thread.
 */
class SuspendedCallTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final int TIMEOUT_MILLIS = 10_000;

	private final NioImplementation ngi = NioImplementation.builder().name("suspend-test").loops(1).build();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.ngi.close();
	}

	/** The next call a handler suspended, waiting up to 10 s for it. */
	private static PendingCall awaitCall(BlockingQueue<PendingCall> calls) throws InterruptedException {
		PendingCall call = calls.poll(10, TimeUnit.SECONDS);
		assertThat(call).as("a suspended call").isNotNull();
		return call;
	}

	private Listener listen(ConnectionHandler handler) {
		return listen(handler, ListenOptions.defaults());
	}

	private Listener listen(ConnectionHandler handler, ListenOptions options) {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler(handler), options);
		this.closeables.add(listener);
		return listener;
	}

	private Socket socket(SocketAddress address) throws IOException {
		Socket socket = new Socket();
		this.closeables.add(socket);
		socket.connect(address, TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private SocketChannel channel(SocketAddress address) throws IOException {
		SocketChannel channel = SocketChannel.open(address);
		this.closeables.add(channel);
		return channel;
	}

	/**
	 * An echo round trip on another connection of the same loop: once it is answered, the
	 * loop has run a select after everything sent before it.
	 */
	private void roundTripOnTheSameLoop(SocketAddress echo) throws IOException {
		try (Socket socket = socket(echo)) {
			socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
			byte[] reply = socket.getInputStream().readNBytes(4);
			assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("ping");
		}
	}

	private Listener echo() {
		return listen((connection, data) -> connection.write(data));
	}

	private static byte[] pattern(int size, int seed) {
		byte[] data = new byte[size];
		for (int i = 0; i < size; i++) {
			data[i] = (byte) ((i + seed) * 31 + ((i + seed) >> 8));
		}
		return data;
	}

	@Test
	void inputIsNotReadWhileACallIsSuspendedAndArrivesInOrderAfterComplete() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler);
		Listener echo = echo();
		SocketChannel client = channel(listener.address());
		client.write(ByteBuffer.wrap(new byte[] { 'a' }));
		PendingCall call = awaitCall(handler.calls);
		// Fill every buffer between the client and the handler.
		client.configureBlocking(false);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		sent.write('a');
		int seed = 0;
		int stalls = 0;
		while (stalls < 3) {
			byte[] chunk = pattern(64 * 1024, seed);
			ByteBuffer buffer = ByteBuffer.wrap(chunk);
			int written = client.write(buffer);
			sent.write(chunk, 0, written);
			seed += written;
			if (written < chunk.length) {
				// A round trip on the same loop lets it select again; the kernel may
				// also move more data to the receive side meanwhile.
				roundTripOnTheSameLoop(echo.address());
				stalls++;
			}
		}
		assertThat(sent.size()).isGreaterThan(64 * 1024);
		assertThat(handler.received.size()).isEqualTo(1);
		assertThat(handler.inputCalls.get()).isEqualTo(1);
		assertThat(handler.closes).isEmpty();
		call.complete();
		client.configureBlocking(true);
		byte[] tail = pattern(100_000, seed);
		client.write(ByteBuffer.wrap(tail));
		sent.write(tail);
		byte[] expected = sent.toByteArray();
		await().atMost(WAIT).until(() -> handler.received.size() >= expected.length);
		assertThat(handler.received.toByteArray()).isEqualTo(expected);
		assertThat(handler.overlaps.get()).isZero();
	}

	@Test
	void peerCloseWhileSuspendedIsDeliveredAfterComplete() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler);
		Listener echo = echo();
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		client.close();
		roundTripOnTheSameLoop(echo.address());
		roundTripOnTheSameLoop(echo.address());
		assertThat(handler.closes).isEmpty();
		call.complete();
		await().atMost(WAIT).until(() -> !handler.closes.isEmpty());
		assertThat(handler.closes).containsExactly("end of input");
		assertThat(handler.received.toByteArray()).containsExactly('x');
	}

	@Test
	void aCallSuspendedTwiceEndsWhenBothAreCompleted() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		handler.suspendTwice = true;
		Listener listener = listen(handler);
		Listener echo = echo();
		Socket client = socket(listener.address());
		client.getOutputStream().write('1');
		PendingCall first = awaitCall(handler.calls);
		PendingCall second = awaitCall(handler.calls);
		client.getOutputStream().write('2');
		first.complete();
		roundTripOnTheSameLoop(echo.address());
		assertThat(handler.received.toByteArray()).containsExactly('1');
		second.complete();
		await().atMost(WAIT).until(() -> handler.received.size() == 2);
		assertThat(handler.received.toByteArray()).containsExactly('1', '2');
	}

	@Test
	void aCallCompletedInsideItselfEndsWhenTheCallReturns() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		handler.completeInline = true;
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('1');
		await().atMost(WAIT).until(() -> handler.received.size() == 1);
		client.getOutputStream().write('2');
		await().atMost(WAIT).until(() -> handler.received.size() == 2);
		assertThat(handler.received.toByteArray()).containsExactly('1', '2');
		client.close();
		await().atMost(WAIT).until(() -> !handler.closes.isEmpty());
		assertThat(handler.closes).containsExactly("end of input");
	}

	@Test
	void aCallSuspendedInConnectedHoldsInputUntilComplete() throws Exception {
		Suspender handler = new Suspender();
		BlockingQueue<PendingCall> calls = new LinkedBlockingQueue<>();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			connection.setHandler(handler);
			calls.add(Dispatcher.suspendCurrentCall());
		});
		this.closeables.add(listener);
		Listener echo = echo();
		Socket client = socket(listener.address());
		client.getOutputStream().write("early".getBytes(StandardCharsets.US_ASCII));
		PendingCall call = awaitCall(calls);
		roundTripOnTheSameLoop(echo.address());
		assertThat(handler.received.size()).isZero();
		call.complete();
		await().atMost(WAIT).until(() -> handler.received.size() == 5);
		assertThat(handler.received.toString(StandardCharsets.US_ASCII)).isEqualTo("early");
	}

	@Test
	void failEndsTheCallAsAHandlerFailureCountedOnce() throws Exception {
		AtomicInteger failures = new AtomicInteger();
		List<Throwable> failed = new CopyOnWriteArrayList<>();
		ListenerObserver observer = new ListenerObserver() {
			@Override
			public void handlerFailed(Throwable failure) {
				failures.incrementAndGet();
				failed.add(failure);
			}
		};
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler, ListenOptions.builder().observer(observer).build());
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		IllegalStateException boom = new IllegalStateException("boom");
		try (LogCapture logs = new LogCapture()) {
			call.fail(boom);
			assertThat(client.getInputStream().read()).isEqualTo(-1);
			await().atMost(WAIT).until(() -> !handler.closes.isEmpty());
			assertThat(logs.events(Level.ERROR)).singleElement()
				.satisfies((event) -> assertThat(event.getFormattedMessage())
					.contains(handler.connection.get().toString()));
		}
		assertThat(handler.closes).containsExactly(boom.toString());
		assertThat(failures.get()).isOne();
		assertThat(failed).containsExactly(boom);
		assertThatIllegalStateException().isThrownBy(call::complete).withMessageContaining("already ended");
		assertThatIllegalStateException().isThrownBy(() -> call.fail(new RuntimeException("again")))
			.withMessageContaining("already ended");
		assertThat(failures.get()).isOne();
		assertThat(handler.closes).hasSize(1);
	}

	@Test
	void completeTwiceThrows() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		call.complete();
		assertThatIllegalStateException().isThrownBy(call::complete).withMessageContaining("already ended");
		assertThatIllegalStateException().isThrownBy(() -> call.fail(new RuntimeException("late")))
			.withMessageContaining("already ended");
		client.getOutputStream().write('y');
		await().atMost(WAIT).until(() -> handler.received.size() == 2);
		assertThat(handler.closes).isEmpty();
	}

	@Test
	void suspendCallOutsideAHandlerCallGivesNothing() throws Exception {
		Suspender handler = new Suspender();
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		await().atMost(WAIT).until(() -> handler.connection.get() != null);
		assertThat(Dispatcher.suspendCurrentCall()).isNull();
		// The connection still works.
		client.getOutputStream().write('y');
		await().atMost(WAIT).until(() -> handler.received.size() == 2);
	}

	@Test
	void shutdownWhileSuspendedDeliversStoppedAtOnceAndALaterCompleteIsHarmless() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		this.ngi.close();
		assertThat(handler.closes).containsExactly("stopped");
		assertThat(client.getInputStream().read()).isEqualTo(-1);
		call.complete();
		assertThat(handler.closes).containsExactly("stopped");
		assertThat(handler.overlaps.get()).isZero();
	}

	@Test
	void shutdownAfterTheConnectionClosedWhileSuspendedStillDeliversTheClose() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		// The usual shutdown order: the listener (which closes its connections), then
		// the implementation, while the call is still suspended.
		listener.close();
		assertThat(client.getInputStream().read()).isEqualTo(-1);
		assertThat(handler.closes).isEmpty();
		this.ngi.close();
		assertThat(handler.closes).containsExactly("stopped");
		call.complete();
		assertThat(handler.closes).containsExactly("stopped");
	}

	@Test
	void writeLinesFailureWhileSuspendedIsDeliveredAfterComplete() throws Exception {
		Suspender handler = new Suspender();
		handler.suspendNext.set(1);
		CompletableFuture<Exception> delivered = new CompletableFuture<>();
		handler.onException = delivered::complete;
		Listener listener = listen(handler);
		Socket client = socket(listener.address());
		client.getOutputStream().write('x');
		PendingCall call = awaitCall(handler.calls);
		IllegalStateException broken = new IllegalStateException("broken lines");
		handler.connection.get().writeLines(FailingLines.after("line\n".getBytes(StandardCharsets.US_ASCII), broken));
		InputStream in = client.getInputStream();
		assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("line\n");
		// Another echo round trip cannot prove the failure was reached; complete, then
		// check the order: the exception came after the suspended call ended.
		assertThat(delivered).isNotDone();
		call.complete();
		assertThat(delivered.get(10, TimeUnit.SECONDS)).isSameAs(broken);
		assertThat(handler.overlaps.get()).isZero();
	}

	/**
	 * Records events; suspends the next {@code suspendNext} input calls, handing the
	 * pending calls to the test.
	 */
	private static final class Suspender implements ConnectionHandler {

		final AtomicInteger suspendNext = new AtomicInteger();

		final BlockingQueue<PendingCall> calls = new LinkedBlockingQueue<>();

		final SyncBytes received = new SyncBytes();

		final AtomicInteger inputCalls = new AtomicInteger();

		final List<String> closes = new CopyOnWriteArrayList<>();

		final AtomicReference<Connection> connection = new AtomicReference<>();

		/** Calls made while another was in progress (suspended or not): must stay 0. */
		final AtomicInteger overlaps = new AtomicInteger();

		private final AtomicInteger open = new AtomicInteger();

		/** Pending calls of the suspended call not yet ended. */
		private final AtomicInteger outstanding = new AtomicInteger();

		volatile boolean suspendTwice;

		volatile boolean completeInline;

		volatile Consumer<Exception> onException = (ex) -> {
		};

		@Override
		public void handleInput(Connection connection, byte[] data) {
			enter();
			this.connection.set(connection);
			this.inputCalls.incrementAndGet();
			this.received.write(data);
			if (this.suspendNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				PendingCall call = Dispatcher.suspendCurrentCall();
				if (this.completeInline) {
					call.complete();
				}
				else {
					this.outstanding.set(this.suspendTwice ? 2 : 1);
					this.calls.add(new Counted(call));
					if (this.suspendTwice) {
						this.calls.add(new Counted(Dispatcher.suspendCurrentCall()));
					}
					return;
				}
			}
			exit();
		}

		@Override
		public void handleClose(Connection connection, String reason) {
			// A close during a suspended call only comes from a shutdown.
			this.closes.add(reason);
		}

		@Override
		public void handleException(Connection connection, Exception exception) {
			enter();
			this.onException.accept(exception);
			exit();
		}

		private void enter() {
			if (this.open.getAndIncrement() != 0) {
				this.overlaps.incrementAndGet();
			}
		}

		private void exit() {
			this.open.decrementAndGet();
		}

		/**
		 * Ends the handler's own call bookkeeping before the last pending call ends (the
		 * next call may come at once after).
		 */
		private final class Counted implements PendingCall {

			private final PendingCall call;

			private final AtomicBoolean ended = new AtomicBoolean();

			Counted(PendingCall call) {
				this.call = call;
			}

			@Override
			public void complete() {
				ending();
				this.call.complete();
			}

			@Override
			public void fail(Throwable failure) {
				ending();
				this.call.fail(failure);
			}

			private void ending() {
				if (this.ended.compareAndSet(false, true) && Suspender.this.outstanding.decrementAndGet() == 0) {
					exit();
				}
			}

		}

	}

	/** A byte sink read from another thread. */
	private static final class SyncBytes {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		synchronized void write(byte[] data) {
			this.bytes.write(data, 0, data.length);
		}

		synchronized int size() {
			return this.bytes.size();
		}

		synchronized byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

		synchronized String toString(Charset charset) {
			return this.bytes.toString(charset);
		}

	}

}
