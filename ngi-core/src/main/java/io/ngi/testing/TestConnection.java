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

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Cancellable;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.FrameLimits;
import io.ngi.OutputBounds;
import io.ngi.internal.Dispatcher;
import io.ngi.internal.HandlerCall;
import io.ngi.internal.Transport;

/**
 * One end of an in-memory connection pair of the testing implementation (zc.ngi's
 * {@code testing.Connection}). Everything happens synchronously, in the thread that
 * causes it: {@link #write} calls the peer's handler before it returns.
 * <p>
 * {@code new TestConnection()} makes a pair whose {@link #peer()} records what it
 * receives in a {@link Transcript}, so a handler is tested by calling it with the
 * connection and reading {@link #output()}:
 *
 * {@snippet :
 * TestConnection connection = new TestConnection();
 * new Echo().handleInput(connection, "hello out there".getBytes());
 * assertThat(connection.output()).isEqualTo("-> 'HELLO OUT THERE'");
 * connection.peer().write("Hi world");      // play the other side
 * }
 *
 * Events follow the contract of {@link Connection} and {@link ConnectionHandler}, through
 * the same dispatcher as the NIO implementation's connections:
 * <ul>
 * <li>Input and close events that arrive before {@link #setHandler} are queued
 * (consecutive inputs merged) and replayed in order when a handler is set.</li>
 * <li>A handler is never called re-entrantly: an event that arrives while this
 * connection's handler runs (for example the peer answering at once) is queued and
 * delivered after the handler returns. Queued events are dropped once the connection is
 * closed.</li>
 * <li>{@link #close()} notifies only the peer, with a
 * {@link CloseReason.Kind#PEER_CLOSED} reason whose text is {@code "closed"} (NIO's reads
 * {@code "end of input"}); after it no more input reaches this end's handler.</li>
 * <li>A handler failure is logged, recorded on the {@link TestingImplementation} (see
 * {@link TestingImplementation#rethrowHandlerErrors()}), closes the connection, and the
 * handler then gets {@code handleClose} with {@link CloseReason.Kind#HANDLER_FAILED} and
 * the failure's {@code toString()}, as on NIO; exceptions from {@code handleClose} are
 * logged, recorded and swallowed. An {@link Error}, such as a failed assertion inside a
 * test handler, closes the connection the same way and is then rethrown to the caller,
 * failing the test at once.</li>
 * <li>{@code writeLines} is consumed lazily, as on NIO: one element at a time, only while
 * the peer takes input (not while it {@linkplain #pauseReading() paused reading}), and
 * what is written after it waits for it. Output the peer does not take counts as queued
 * for {@link #isWritable()}.</li>
 * <li>A handler call that an imperative handler suspends ends when its body waits again:
 * the thread that caused the event waits for that (a strict hand-off), so transcripts
 * stay deterministic.</li>
 * </ul>
 * {@code write} copies the array before the peer's handler sees it.
 * <p>
 * Thread-safe: every call holds the implementation's lock, which a thread waiting for an
 * imperative body releases while it waits.
 */
public final class TestConnection implements Connection {

	// Past 500 lines, more than half of them documentation: this is a public type whose
	// every method states its contract for tests. The pending output (TestOutput) and the
	// dispatcher's view (TestTransport) already live apart; what is left is one end's
	// life.

	private static final Logger logger = LoggerFactory.getLogger(TestConnection.class);

	/** An idle timeout, as NIO reports it. */
	static final CloseReason IDLE_TIMEOUT = CloseReason.of(CloseReason.Kind.IDLE_TIMEOUT, "idle timeout");

	/** A peer close as the testing implementation reports it. */
	static final CloseReason PEER_CLOSED = CloseReason.of(CloseReason.Kind.PEER_CLOSED, "closed");

	/** The output bounds of connections whose listener sets none (NIO's defaults). */
	static final OutputBounds DEFAULT_BOUNDS = new OutputBounds(1024 * 1024, 256 * 1024, 16 * 1024 * 1024);

	private final TestingImplementation implementation;

	private final @Nullable TestListener listener;

	private final SocketAddress peerAddress;

	private final String name;

	private final Dispatcher dispatcher;

	private final TestTransport transport;

	private final OutputBounds bounds;

	private final boolean allowHalfClose;

	private volatile @Nullable SSLSession tlsSession;

	private volatile @Nullable SocketAddress proxyAddress;

	/** What this end wrote that the peer did not take yet. */
	private final TestOutput output;

	private TestConnection peer;

	private boolean selfClosed;

	private boolean outputShut;

	private boolean closeQueued;

	private boolean transportClosed;

	private boolean left;

	private @Nullable Duration idleTimeout;

	/** When this end last received or sent a byte, in virtual nanoseconds. */
	private long lastActivity;

	/** Tasks scheduled on this connection and not yet run. */
	private final Set<VirtualTime.Task> tasks = new LinkedHashSet<>();

	/**
	 * Creates a connection pair whose {@link #peer()} records what it receives. Handler
	 * errors are recorded on a new {@link TestingImplementation} of its own, see
	 * {@link #implementation()}.
	 */
	public TestConnection() {
		this(new TestingImplementation());
	}

	/**
	 * Creates a connection pair whose {@link #peer()} records what it receives, and whose
	 * handler errors and open state are tracked by {@code implementation}.
	 * @param implementation records handler errors and open connections
	 */
	public TestConnection(TestingImplementation implementation) {
		this(Objects.requireNonNull(implementation, "implementation"), null, new NamedAddress("peer"),
				"test connection", DEFAULT_BOUNDS, false);
		TestConnection recording = new TestConnection(implementation, null, new NamedAddress("connection"),
				"peer of " + this.name, DEFAULT_BOUNDS, false);
		link(this, recording);
		recording.setHandler(new Transcript());
	}

	private TestConnection(TestingImplementation implementation, @Nullable TestListener listener,
			SocketAddress peerAddress, String role, OutputBounds bounds, boolean allowHalfClose) {
		this.implementation = implementation;
		this.listener = listener;
		this.peerAddress = peerAddress;
		this.name = "TestConnection#" + implementation.nextId() + "(" + role + ")";
		this.bounds = bounds;
		this.allowHalfClose = allowHalfClose;
		this.peer = this;
		this.transport = new TestTransport(this);
		this.dispatcher = new Dispatcher(this, this.transport);
		this.output = new TestOutput(this, bounds);
		implementation.opened(this);
	}

	/**
	 * Creates the server end of a new pair accepted by {@code listener}; its peer is the
	 * client end, with no handler.
	 */
	static TestConnection serverEnd(TestingImplementation implementation, TestListener listener,
			SocketAddress clientAddress, ConnectOptions clientOptions) {
		OutputBounds bounds = listener.options().output().orElse(DEFAULT_BOUNDS);
		TestConnection server = new TestConnection(implementation, listener, clientAddress,
				"server end from " + clientAddress + " on " + listener.address(), bounds,
				listener.options().allowHalfClose());
		TestConnection client = new TestConnection(implementation, null, listener.address(),
				"client end from " + clientAddress + " to " + listener.address(),
				clientOptions.output().orElse(DEFAULT_BOUNDS), clientOptions.allowHalfClose());
		link(server, client);
		server.startIdleTimeout(listener.options().idleTimeout());
		client.startIdleTimeout(clientOptions.idleTimeout());
		return server;
	}

	/**
	 * Closes this end with {@code "idle timeout"} once it has neither received nor sent a
	 * byte for {@code timeout} of virtual time (see
	 * {@link TestingImplementation#advance}); nothing for a zero timeout.
	 */
	private void startIdleTimeout(Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			return;
		}
		this.idleTimeout = timeout;
		this.lastActivity = this.implementation.virtualNanos();
		scheduleIdleCheck(timeout);
	}

	private void scheduleIdleCheck(Duration delay) {
		VirtualTime.Task[] check = new VirtualTime.Task[1];
		check[0] = this.implementation.scheduleRaw(delay, () -> {
			lock();
			try {
				this.tasks.remove(check[0]);
				idleCheck();
			}
			finally {
				unlock();
			}
		});
		this.tasks.add(check[0]);
	}

	private void idleCheck() {
		Duration timeout = this.idleTimeout;
		if (this.transportClosed || timeout == null) {
			return;
		}
		long idle = this.implementation.virtualNanos() - this.lastActivity;
		long remaining = timeout.toNanos() - idle;
		if (remaining > 0) {
			scheduleIdleCheck(Duration.ofNanos(remaining));
			return;
		}
		closeNow(IDLE_TIMEOUT);
	}

	private void activity() {
		if (this.idleTimeout != null) {
			this.lastActivity = this.implementation.virtualNanos();
		}
	}

	private static void link(TestConnection one, TestConnection other) {
		one.peer = other;
		other.peer = one;
	}

	/**
	 * Returns the other end of the pair. Each end is the other's peer.
	 * @return the peer
	 */
	public TestConnection peer() {
		return this.peer;
	}

	/**
	 * Returns the implementation that records this connection's handler errors.
	 * @return the implementation
	 */
	public TestingImplementation implementation() {
		return this.implementation;
	}

	/**
	 * Returns the handler currently set.
	 * @return the handler, or {@code null} if none was set yet
	 */
	public @Nullable ConnectionHandler handler() {
		lock();
		try {
			return this.dispatcher.handler();
		}
		finally {
			unlock();
		}
	}

	/**
	 * Returns the transcript recorded since the last call, one event per line, joined by
	 * {@code \n} with no trailing newline (see {@link Transcript}), and forgets it. Reads
	 * this end's transcript if its handler is a {@link Transcript}, otherwise the peer's:
	 * for {@code new TestConnection()} both {@code connection.output()} and
	 * {@code connection.peer().output()} show what was written to {@code connection}; for
	 * {@link TestListener#connect()} the returned client end shows what the server wrote.
	 * @return the transcript since the last call; empty if nothing was recorded
	 * @throws IllegalStateException if neither end has a {@link Transcript} handler
	 */
	public String output() {
		Transcript transcript = transcriptOf(this);
		if (transcript == null) {
			transcript = transcriptOf(this.peer);
		}
		if (transcript == null) {
			throw new IllegalStateException(
					"Neither " + this + " nor its peer has a Transcript handler to read output from");
		}
		return transcript.output();
	}

	private static @Nullable Transcript transcriptOf(TestConnection connection) {
		return (connection.handler() instanceof Transcript transcript) ? transcript : null;
	}

	/**
	 * Delivers {@code data} to the peer's handler now (or queues it, see the class
	 * description). The array is copied. An empty array sends nothing. Writing to a
	 * connection whose peer closed is silently dropped.
	 * @param data the bytes to send
	 * @throws IllegalStateException if this end was closed
	 */
	@Override
	public void write(byte[] data) {
		Objects.requireNonNull(data, "data");
		lock();
		try {
			if (writable() && data.length > 0) {
				this.output.add(data.clone(), data.length);
			}
		}
		finally {
			unlock();
		}
	}

	/**
	 * Writes the elements in order, pulling each only when the peer takes input (see the
	 * class description). A failure of the iterator or a {@code null} element is passed
	 * to this connection's own handler's {@link ConnectionHandler#handleException};
	 * elements before it were delivered.
	 * @param data the byte arrays to send
	 * @throws IllegalStateException if this end was closed
	 */
	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		lock();
		try {
			if (writable()) {
				this.output.add(data.iterator(), 0);
			}
		}
		finally {
			unlock();
		}
	}

	Dispatcher dispatcher() {
		return this.dispatcher;
	}

	boolean isTransportClosed() {
		return this.transportClosed;
	}

	private boolean writable() {
		if (this.selfClosed) {
			throw new IllegalStateException("write called on closed connection");
		}
		if (this.outputShut) {
			throw new IllegalStateException("write called after shutdownOutput() on " + this);
		}
		return this.dispatcher.isOpen() && !this.transportClosed;
	}

	/** Input from the peer (or a test) for this end's handler. */
	void receive(byte[] data) {
		if (this.transportClosed) {
			return;
		}
		activity();
		this.peer.activity();
		if (this.listener != null) {
			this.listener.options().observer().bytesReceived(data.length);
		}
		if (this.peer.listener != null) {
			this.peer.listener.options().observer().bytesSent(data.length);
		}
		this.dispatcher.input(data);
	}

	/** The peer shut down its output, or closed. */
	void endOfInput() {
		if (this.transportClosed) {
			return;
		}
		if (this.allowHalfClose && !this.outputShut) {
			this.dispatcher.inputClosed();
			return;
		}
		this.dispatcher.closed(PEER_CLOSED);
		// As on NIO: what was written before the end of input is still sent, then the
		// connection closes.
		queueClose();
	}

	/**
	 * Closes this end: {@link #isOpen()} is {@code false} at once, the peer's handler
	 * gets {@code handleClose(peer, "closed")} once the output written before is
	 * delivered, this end's handler is not notified, and events still queued for this end
	 * are dropped. Idempotent.
	 */
	@Override
	public void close() {
		lock();
		try {
			if (this.selfClosed) {
				return;
			}
			this.selfClosed = true;
			this.dispatcher.localClose();
			queueClose();
		}
		finally {
			unlock();
		}
	}

	/** A handler call failed: this end closes once its output is delivered. */
	void closeAfterFailure() {
		this.selfClosed = true;
		queueClose();
	}

	TestOutput pendingOutput() {
		return this.output;
	}

	private void queueClose() {
		if (!this.closeQueued) {
			this.closeQueued = true;
			this.output.add(TestOutput.CLOSE, 0);
		}
	}

	/** The output before the close was delivered: the peer learns of the close. */
	void finishClose() {
		this.transportClosed = true;
		this.output.clear();
		leave();
		this.dispatcher.localClose();
		this.peer.peerClosed();
	}

	private void peerClosed() {
		endOfInput();
	}

	/**
	 * Closes now, dropping queued output: the peer gets {@code "closed"}, this end's
	 * handler {@code reason}.
	 */
	void closeNow(CloseReason reason) {
		if (this.transportClosed) {
			return;
		}
		this.transportClosed = true;
		this.output.clear();
		leave();
		this.dispatcher.closed(reason);
		this.peer.peerClosed();
	}

	/**
	 * Closes this server end because its listener closed: the peer gets {@code "closed"},
	 * and this end's handler gets {@code "stopped"}.
	 */
	/**
	 * Tells the handler that the listener is draining ({@code handleDraining}), unless
	 * the connection has no handler yet or is closing.
	 */
	void drainingByListener() {
		lock();
		try {
			if (!this.transportClosed && this.dispatcher.isOpen()) {
				this.dispatcher.run("handleDraining", () -> {
					ConnectionHandler handler = this.dispatcher.handler();
					if (handler != null) {
						handler.handleDraining(this);
					}
				});
			}
		}
		finally {
			unlock();
		}
	}

	void stopByListener() {
		lock();
		try {
			closeNow(CloseReason.STOPPED);
		}
		finally {
			unlock();
		}
	}

	/**
	 * Half-closes this end: the output written before is delivered, then the peer sees
	 * the end of input ({@code handleInputClosed} if it allows half-close, otherwise it
	 * closes once its own output is delivered). Idempotent.
	 */
	@Override
	public void shutdownOutput() {
		lock();
		try {
			if (!this.selfClosed && !this.closeQueued && !this.outputShut) {
				this.outputShut = true;
				this.output.add(TestOutput.SHUTDOWN_OUTPUT, 0);
			}
		}
		finally {
			unlock();
		}
	}

	/**
	 * Returns whether this end takes more output: open, and no more than the high-water
	 * mark waiting for a peer that paused reading.
	 * @return whether it is writable
	 */
	@Override
	public boolean isWritable() {
		lock();
		try {
			return !this.selfClosed && !this.outputShut && this.dispatcher.isOpen() && this.output.isWritable();
		}
		finally {
			unlock();
		}
	}

	/**
	 * Holds input for this end's handler until {@link #resumeReading()}; what the peer
	 * writes meanwhile waits on the peer's side and counts as its queued output.
	 */
	@Override
	public void pauseReading() {
		lock();
		try {
			this.dispatcher.setPaused(true);
		}
		finally {
			unlock();
		}
	}

	/**
	 * Delivers the held input, then input as it comes.
	 */
	@Override
	public void resumeReading() {
		lock();
		try {
			this.dispatcher.setPaused(false);
		}
		finally {
			unlock();
		}
	}

	/**
	 * Runs {@code task} as an event of this connection when the implementation's virtual
	 * clock has advanced by {@code delay} (see {@link TestingImplementation#advance}):
	 * serialized with the handler's calls (rule 1), a failure closing the connection as a
	 * handler's and recorded, dropped once the connection closed. On a closed connection
	 * it returns a handle that is already cancelled.
	 * @param delay how long to wait, in virtual time
	 * @param task what to run
	 * @return a handle to cancel the task
	 */
	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(task, "task");
		lock();
		try {
			if (!isOpen() || this.left) {
				return () -> false;
			}
			VirtualTime.Task[] scheduled = new VirtualTime.Task[1];
			scheduled[0] = this.implementation.scheduleRaw(delay, () -> runTask(scheduled[0], task));
			this.tasks.add(scheduled[0]);
			return scheduled[0];
		}
		finally {
			unlock();
		}
	}

	private void runTask(VirtualTime.Task scheduled, Runnable task) {
		lock();
		try {
			this.tasks.remove(scheduled);
			if (!this.transportClosed && this.dispatcher.isOpen()) {
				this.dispatcher.run("scheduled task", task::run);
			}
		}
		finally {
			unlock();
		}
	}

	/**
	 * Sets the handler and replays, in order, the events that arrived before. May be
	 * called again, also from inside a handler call: later events go to the new handler.
	 * @param handler the handler
	 */
	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		lock();
		try {
			this.dispatcher.setHandler(handler);
		}
		finally {
			unlock();
		}
	}

	/**
	 * Returns whether the connection is open: {@code false} from the moment this end
	 * closed or a close event arrived for it (even if not yet delivered to a handler).
	 * @return whether it is open
	 */
	@Override
	public boolean isOpen() {
		lock();
		try {
			return !this.selfClosed && this.dispatcher.isOpen();
		}
		finally {
			unlock();
		}
	}

	/**
	 * Returns the peer's address: the listener's address for a client end, a generated
	 * client name for a server end, {@code "peer"} or {@code "connection"} for a pair
	 * made by {@code new TestConnection()}.
	 * @return the peer's address
	 */
	@Override
	public SocketAddress peerAddress() {
		return this.peerAddress;
	}

	/**
	 * Returns the listener that accepted this connection.
	 * @return the listener, or {@code null} for a client end or a standalone pair
	 */
	@Override
	public @Nullable TestListener listener() {
		return this.listener;
	}

	/**
	 * Returns the proxy's address for a server end connected with
	 * {@link TestListener#connectThroughProxy}.
	 * @return the proxy's address, or {@code null}
	 */
	@Override
	public @Nullable SocketAddress proxyAddress() {
		return this.proxyAddress;
	}

	/**
	 * Returns the framing limits of the listener that accepted this connection
	 * ({@link io.ngi.ListenOptions#frameLimits()}), {@link FrameLimits#DEFAULTS} for a
	 * connection no listener made.
	 */
	@Override
	public FrameLimits frameLimits() {
		TestListener listener = this.listener;
		return (listener != null) ? listener.options().frameLimits() : FrameLimits.DEFAULTS;
	}

	void proxiedBy(SocketAddress proxy) {
		this.proxyAddress = proxy;
	}

	/**
	 * Returns the TLS session a test gave this end with {@link #setTlsSession}; the
	 * testing implementation runs no handshake, so it is {@code null} otherwise, with or
	 * without TLS options.
	 * @return the session, or {@code null}
	 */
	@Override
	public @Nullable SSLSession tlsSession() {
		return this.tlsSession;
	}

	/**
	 * Gives this end a TLS session, as if a handshake had agreed it: for unit tests of
	 * handlers that read the peer's certificate. See {@link TestTlsSession}.
	 * @param session the session, or {@code null} for none
	 */
	public void setTlsSession(@Nullable SSLSession session) {
		this.tlsSession = session;
	}

	/**
	 * Delivers input to this connection's handler, as if the peer had written it
	 * (zc.ngi's {@code test_input}). The array is copied; an empty array delivers
	 * nothing.
	 * @param data the input
	 */
	public void testInput(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (data.length > 0) {
			lock();
			try {
				receive(data.clone());
			}
			finally {
				unlock();
			}
		}
	}

	/**
	 * Delivers a close event with {@code reason} to this connection's handler, as if the
	 * network had closed it (zc.ngi's {@code test_close}); the kind is
	 * {@link CloseReason.Kind#PEER_CLOSED}. The peer is not told.
	 * @param reason the close reason's text
	 */
	public void testClose(String reason) {
		Objects.requireNonNull(reason, "reason");
		testClose(CloseReason.of(CloseReason.Kind.PEER_CLOSED, reason));
	}

	/**
	 * Delivers a close event with {@code reason} to this connection's handler, as if the
	 * network had closed it. The peer is not told.
	 * @param reason the close reason
	 */
	public void testClose(CloseReason reason) {
		Objects.requireNonNull(reason, "reason");
		lock();
		try {
			if (!this.transportClosed) {
				this.transportClosed = true;
				this.output.clear();
				leave();
				this.dispatcher.closed(reason);
			}
		}
		finally {
			unlock();
		}
	}

	/**
	 * Delivers {@code exception} to this connection's handler's
	 * {@link ConnectionHandler#handleException}, as a failed {@code writeLines} would.
	 * @param exception the failure
	 */
	public void testException(Exception exception) {
		Objects.requireNonNull(exception, "exception");
		lock();
		try {
			this.dispatcher.writeFailed(exception);
		}
		finally {
			unlock();
		}
	}

	/**
	 * Runs a server's or connect handler's {@code connected} as a handler call of this
	 * connection: a failure closes it as a handler error.
	 */
	void runCall(String what, HandlerCall call) {
		lock();
		try {
			this.dispatcher.run(what, call);
		}
		finally {
			unlock();
		}
	}

	void lock() {
		this.implementation.callLock().lock();
	}

	void unlock() {
		this.implementation.callLock().unlock();
	}

	/**
	 * Bookkeeping, once, when the connection stops being open.
	 */
	private void leave() {
		if (this.left) {
			return;
		}
		this.left = true;
		for (VirtualTime.Task task : List.copyOf(this.tasks)) {
			task.cancel();
		}
		this.tasks.clear();
		this.implementation.closed(this);
		if (this.listener != null) {
			this.listener.removed(this);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
