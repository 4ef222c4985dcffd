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

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.FrameLimits;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.ListenOptions;
import io.ngi.OutputBounds;
import io.ngi.ProxyProtocol;
import io.ngi.Server;
import io.ngi.TlsOptions;
import io.ngi.internal.Dispatcher;
import io.ngi.internal.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP or Unix domain socket connection served by one {@link EventLoop} for life. Its
 * handler calls go through a {@link Dispatcher}, its output through a
 * {@link NioOutbound}, its bytes through a {@link Wire} (the socket, or TLS over it), and
 * what happens before any handler hears of it (a PROXY header, the TLS handshake) through
 * its {@link ConnectionOpening}; this class reads, and runs the connection's life from
 * then to the socket's close. Reading is enabled only while the dispatcher takes input
 * and the queued output is below the high-water mark. (Past 500 lines, about half of them
 * documentation: what is left is one life over one channel, from the handler's first call
 * to half-close and lingering close, and splitting it further would spread its states
 * over classes that each need all of them.)
 * <p>
 * The peer's end of input does not discard queued output: without half-close the handler
 * is told the peer closed, and what was written before is still sent, then the socket is
 * closed; with half-close the handler gets {@code handleInputClosed} and the connection
 * stays open for output.
 */
final class NioConnection implements Connection, Selectable, Transport, TlsWire.Owner {

	private static final Logger logger = LoggerFactory.getLogger(NioConnection.class);

	static final CloseReason RESET = CloseReason.of(CloseReason.Kind.RESET, "connection reset");

	static final CloseReason IDLE_TIMEOUT = CloseReason.of(CloseReason.Kind.IDLE_TIMEOUT, "idle timeout");

	private static final int MAX_READS_PER_EVENT = 16;

	/**
	 * How long a closed connection reads and discards input after its output was sent and
	 * shut down, waiting for the peer to close too, before it closes the socket anyway.
	 */
	static final Duration LINGER_TIMEOUT = Duration.ofSeconds(2);

	private final EventLoop loop;

	private final SocketChannel channel;

	private final @Nullable NioListener listener;

	private final ListenerObserver observer;

	/** The client's address: the socket's peer, or the one a PROXY header named. */
	private volatile SocketAddress peer;

	/** The proxy's address, when a PROXY header named the client. */
	private volatile @Nullable SocketAddress proxyAddress;

	private final boolean allowHalfClose;

	private final NioOutbound outbound;

	/**
	 * The socket, or TLS over it: what this connection reads and writes plaintext
	 * through.
	 */
	private final Wire wire;

	/** Its PROXY header and TLS handshake, before any handler hears of it. */
	private final ConnectionOpening opening;

	/**
	 * A read of input the wire buffered (which the selector does not report) is queued.
	 */
	private boolean bufferedReadQueued;

	private final Dispatcher dispatcher;

	/** This side closed (or one of its calls failed): writes throw. */
	private final AtomicBoolean closeRequested = new AtomicBoolean();

	/**
	 * The close marker was queued: the socket closes once the output before it is sent.
	 */
	private final AtomicBoolean closeQueued = new AtomicBoolean();

	private final AtomicBoolean outputShut = new AtomicBoolean();

	private @Nullable SelectionKey key;

	// Everything below is touched on the loop thread only.

	private boolean inputEnded;

	/** The channel's output was shut down (FIN sent). */
	private boolean channelOutputShut;

	/**
	 * Closed by this side, output sent and shut down: input is read and discarded until
	 * the peer closes or the linger timer fires.
	 */
	private boolean lingering;

	private TimerQueue.@Nullable Timer lingerTimer;

	/** The idle timeout in nanoseconds, 0 for none. */
	private final long idleNanos;

	/** When a byte was last received or sent ({@link System#nanoTime()}); loop thread. */
	private long lastActivity;

	private TimerQueue.@Nullable Timer idleTimer;

	/** Tasks scheduled on this connection and not yet run; loop thread only. */
	private final Set<ConnectionTask> tasks = new LinkedHashSet<>();

	private boolean channelClosed;

	/** When the connection was accepted or connected ({@link System#nanoTime()}). */
	private final long openedNanos = System.nanoTime();

	private final long openedMillis = System.currentTimeMillis();

	/**
	 * When a byte was last received or sent, on the loop's per-iteration clock: for the
	 * per-connection view, at no clock read per I/O. Written on the loop thread, read
	 * racily by {@link #snapshot()}.
	 */
	private long lastActive = this.openedNanos;

	/** Plaintext bytes received and sent; loop thread only. */
	private long bytesIn;

	private long bytesOut;

	private int interest;

	/**
	 * Creates a connection.
	 * @param tls the TLS options, {@code null} for plaintext
	 * @param verifiedPeer for a TLS client, the address connected to (its host name is
	 * verified and sent as SNI); ignored otherwise
	 */
	NioConnection(EventLoop loop, SocketChannel channel, @Nullable NioListener listener, ListenerObserver observer,
			SocketAddress peer, OutputBounds bounds, boolean allowHalfClose, Duration idleTimeout,
			@Nullable TlsOptions tls, @Nullable SocketAddress verifiedPeer, @Nullable ListenOptions proxyOptions) {
		this.idleNanos = EventLoop.saturatedNanos(idleTimeout);
		this.loop = loop;
		this.channel = channel;
		this.listener = listener;
		this.observer = observer;
		this.peer = peer;
		this.wire = (tls != null)
				? new TlsWire(channel, loop, TlsWire.engine(tls, listener == null, verifiedPeer), this)
				: new Wire(channel);
		this.opening = new ConnectionOpening(this, loop, channel, this.wire, listener, observer, proxyOptions,
				(tls != null) ? tls.handshakeTimeout() : Duration.ZERO);
		this.outbound = new NioOutbound(this, loop, this.wire, observer, bounds);
		this.allowHalfClose = allowHalfClose;
		this.dispatcher = new Dispatcher(this, this);
	}

	// Application side, any thread.

	@Override
	public void write(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (!writable()) {
			return;
		}
		if (data.length > 0) {
			this.outbound.count(data.length);
			this.outbound.add(data);
		}
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		if (writable()) {
			this.outbound.add(new LinesSource(data.iterator()));
		}
	}

	/**
	 * Whether output may be queued: throws if this side closed, false if the peer did.
	 */
	private boolean writable() {
		if (this.closeRequested.get()) {
			throw new IllegalStateException("write called on closed connection");
		}
		if (this.outputShut.get()) {
			throw new IllegalStateException("write called after shutdownOutput() on " + this);
		}
		return this.dispatcher.isOpen();
	}

	@Override
	public void close() {
		if (this.closeRequested.compareAndSet(false, true)) {
			queueClose();
			this.loop.runInLoop(this.dispatcher::localClose);
		}
	}

	/** Closes the socket once the output queued so far is sent. Any thread. */
	private void queueClose() {
		if (this.closeQueued.compareAndSet(false, true)) {
			this.outbound.add(OutputQueue.CLOSE);
		}
	}

	@Override
	public void shutdownOutput() {
		if (!this.closeRequested.get() && this.outputShut.compareAndSet(false, true)) {
			this.outbound.add(NioOutbound.SHUTDOWN_OUTPUT);
		}
	}

	@Override
	public boolean isWritable() {
		return isOpen() && !this.outputShut.get() && this.outbound.isWritable();
	}

	@Override
	public void pauseReading() {
		this.loop.runInLoop(() -> this.dispatcher.setPaused(true));
	}

	@Override
	public void resumeReading() {
		this.loop.runInLoop(() -> this.dispatcher.setPaused(false));
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(task, "task");
		if (!isOpen()) {
			return LoopTask.NEVER;
		}
		ConnectionTask scheduled = new ConnectionTask(task);
		scheduled.start(System.nanoTime() + EventLoop.saturatedNanos(delay));
		return scheduled;
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		this.loop.runInLoop(() -> this.dispatcher.setHandler(handler));
	}

	@Override
	public boolean isOpen() {
		return !this.closeRequested.get() && this.dispatcher.isOpen();
	}

	@Override
	public SocketAddress peerAddress() {
		return this.peer;
	}

	@Override
	public @Nullable Listener listener() {
		return this.listener;
	}

	@Override
	public @Nullable SocketAddress proxyAddress() {
		return this.proxyAddress;
	}

	@Override
	public FrameLimits frameLimits() {
		NioListener listener = this.listener;
		return (listener != null) ? listener.frameLimits() : FrameLimits.DEFAULTS;
	}

	@Override
	public @Nullable SSLSession tlsSession() {
		return this.wire.session();
	}

	@Override
	public @Nullable String applicationProtocol() {
		return this.wire.applicationProtocol();
	}

	/** Output passed the hard limit: closes now. Loop thread. */
	void outputLimitPassed(long queued) {
		CloseReason reason = CloseReason.of(CloseReason.Kind.OUTPUT_LIMIT,
				"output limit exceeded (" + queued + " bytes queued)");
		logger.warn("closing {}: {}", this, reason.text());
		closeNow(reason);
	}

	// Loop side.

	/**
	 * Registers the channel of an accepted connection and calls the server.
	 * @param server the listener's server
	 */
	void startServer(Server server) {
		try {
			this.key = this.loop.register(this.channel, 0, this);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("registering {} failed", this, ex);
			closeQuietly();
			if (this.listener != null) {
				this.listener.closed(this);
			}
			return;
		}
		this.opening.startServer(() -> {
			startIdleTimer();
			this.dispatcher.run("Server.connected", () -> server.connected(this));
		});
	}

	/**
	 * Takes over the key of a completed connect and calls the client handler.
	 * @param connectedKey the connector's key
	 * @param clientHandler the handler to tell
	 */
	void startClient(SelectionKey connectedKey, ClientConnectHandler clientHandler) {
		this.key = connectedKey;
		connectedKey.attach(this);
		this.interest = -1;
		this.opening.startClient(clientHandler, () -> {
			updateInterest();
			startIdleTimer();
			this.dispatcher.run("ClientConnectHandler.connected", () -> clientHandler.connected(this));
		});
	}

	// What ConnectionOpening asks of its connection, loop thread.

	boolean isChannelClosed() {
		return this.channelClosed;
	}

	/**
	 * A PROXY header named the client: it becomes the peer, the socket's peer the proxy.
	 */
	void proxied(SocketAddress client) {
		this.proxyAddress = this.peer;
		this.peer = client;
	}

	void closeFromOpening(CloseReason reason) {
		closeNow(reason);
	}

	/**
	 * The opening ended with input buffered (after a header, the handshake's last
	 * record).
	 */
	void bufferedInputWaits() {
		queueBufferedRead();
	}

	@Override
	public void handshakeTaskDone() {
		this.opening.handshakeStep();
	}

	@Override
	public void outputPending() {
		this.outbound.requestFlush();
	}

	/**
	 * Reads what the wire holds and the selector will not report (TLS records that did
	 * not fit the last read), once input is wanted.
	 */
	private void queueBufferedRead() {
		if (this.bufferedReadQueued || this.channelClosed || !this.wire.hasBufferedInput()) {
			return;
		}
		this.bufferedReadQueued = true;
		this.loop.execute(() -> {
			this.bufferedReadQueued = false;
			if (!this.channelClosed && !this.lingering && !this.opening.inProgress() && this.dispatcher.wantsInput()
					&& !this.outbound.isFull()) {
				read();
				flushFromLoop();
			}
		});
	}

	/**
	 * Writes what the socket takes now; called once per loop iteration after writes were
	 * queued.
	 */
	void flushFromLoop() {
		this.outbound.flushQueued();
	}

	@Override
	public void ready(SelectionKey selected) {
		if (this.opening.inProgress()) {
			this.opening.ready();
			return;
		}
		int ready = selected.readyOps();
		if ((ready & SelectionKey.OP_WRITE) != 0) {
			this.outbound.flush();
		}
		if ((ready & SelectionKey.OP_READ) != 0 && !this.channelClosed) {
			if (this.lingering) {
				discardInput();
				return;
			}
			if (!this.dispatcher.wantsInput() || this.outbound.isFull()) {
				// Input waits (a suspended call, a pause): stop the selector reporting
				// it.
				updateInterest();
				return;
			}
			read();
			// Answer this connection now rather than after the whole select batch: lower
			// latency, and the loop's flush queue entry becomes a no-op.
			flushFromLoop();
		}
	}

	// NioOutbound's reports, loop thread.

	/** The close marker was reached: everything written before it is sent. */
	void outputClosed() {
		linger();
	}

	void outputShutDown() {
		shutdownChannelOutput();
	}

	void writeFailed(IOException failure) {
		closeNow(ioFailure("write", failure));
	}

	void writeLinesFailed(Exception failure) {
		this.dispatcher.writeFailed(failure);
	}

	void writableAgain() {
		this.dispatcher.writable();
	}

	void interestChanged() {
		updateInterest();
	}

	/** Bytes were sent: counted, and the idle timeout starts again. */
	void sent(int bytes) {
		this.bytesOut += bytes;
		this.lastActive = this.loop.now;
		activity();
	}

	/**
	 * A snapshot of this connection for diagnostics, from any thread; its counters are
	 * read without synchronization, so they may be a moment old.
	 * @return the snapshot
	 */
	ConnectionSnapshot snapshot() {
		SSLSession session = this.wire.session();
		long idle = Math.max(0, System.nanoTime() - this.lastActive);
		return new ConnectionSnapshot(this.peer, this.proxyAddress, java.time.Instant.ofEpochMilli(this.openedMillis),
				Duration.ofNanos(idle), this.bytesIn, this.bytesOut, this.outbound.queued(),
				(session != null) ? session.getProtocol() : null);
	}

	/** Bytes were received or sent: the idle timeout starts again. */
	void activity() {
		if (this.idleNanos > 0) {
			this.lastActivity = System.nanoTime();
		}
	}

	// Idle timeout: one timer per connection, moved only when it fires, so traffic costs
	// a time stamp per read or write and no timer operation.

	private void startIdleTimer() {
		if (this.idleNanos > 0 && !this.channelClosed) {
			this.lastActivity = System.nanoTime();
			this.idleTimer = this.loop.scheduleAt(this.lastActivity + this.idleNanos, this::idleCheck);
		}
	}

	private void idleCheck() {
		this.idleTimer = null;
		if (this.channelClosed) {
			return;
		}
		long deadline = this.lastActivity + this.idleNanos;
		if (System.nanoTime() - deadline < 0) {
			this.idleTimer = this.loop.scheduleAt(deadline, this::idleCheck);
			return;
		}
		logger.debug("closing {}: nothing received or sent for {} ms", this, this.idleNanos / 1_000_000);
		closeNow(IDLE_TIMEOUT);
	}

	/**
	 * Everything written before {@code close()} is sent: shut down the output (the peer
	 * sees the end of the stream after the last byte), then read and discard input until
	 * the peer closes too, for at most {@link #LINGER_TIMEOUT}, and only then close the
	 * socket. Closing at once with unread input would make the kernel reset the
	 * connection, which can destroy the tail of the output at the peer (nginx's
	 * "lingering close").
	 */
	private void linger() {
		this.outbound.clearQueue();
		this.dispatcher.localClose();
		if (this.inputEnded) {
			closeNow(null);
			return;
		}
		if (!this.channelOutputShut) {
			try {
				this.channel.shutdownOutput();
				this.channelOutputShut = true;
			}
			catch (IOException ex) {
				logger.debug("shutting down the output of {} failed", this, ex);
				closeNow(null);
				return;
			}
		}
		this.lingering = true;
		this.outbound.stopWriting();
		updateInterest();
		if (this.listener != null) {
			// Closed as far as anyone can tell: the listener's stop() need not wait for
			// the peer.
			this.listener.closed(this);
		}
		this.lingerTimer = this.loop.schedule(LINGER_TIMEOUT, () -> {
			this.lingerTimer = null;
			logger.debug("{} did not close within {} of this side's close; closing it", this, LINGER_TIMEOUT);
			closeNow(null);
		});
	}

	/** Reads and discards what a lingering connection receives, until end of input. */
	private void discardInput() {
		ByteBuffer buffer = this.loop.readBuffer;
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			buffer.clear();
			int count;
			try {
				count = this.channel.read(buffer);
			}
			catch (IOException ex) {
				closeNow(null);
				return;
			}
			if (count < 0) {
				closeNow(null);
				return;
			}
			if (count == 0) {
				return;
			}
		}
	}

	private void shutdownChannelOutput() {
		try {
			this.channel.shutdownOutput();
			this.channelOutputShut = true;
		}
		catch (IOException ex) {
			logger.debug("shutting down the output of {} failed", this, ex);
		}
		if (this.inputEnded) {
			// Both directions are done: nothing more can happen on this connection.
			closeNow(null);
		}
	}

	private void updateInterest() {
		SelectionKey selectionKey = this.key;
		if (this.channelClosed || selectionKey == null) {
			return;
		}
		int ops;
		if (this.opening.inProgress()) {
			ops = this.opening.interest();
		}
		else {
			boolean reading = this.lingering
					|| (!this.outbound.isFull() && !this.inputEnded && this.dispatcher.wantsInput());
			ops = (this.outbound.wantsWrite() ? SelectionKey.OP_WRITE : 0) | (reading ? SelectionKey.OP_READ : 0);
			if (reading && !this.lingering) {
				queueBufferedRead();
			}
		}
		if (ops != this.interest) {
			this.interest = ops;
			selectionKey.interestOps(ops);
		}
	}

	private void read() {
		ByteBuffer buffer = this.loop.readBuffer;
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			if (this.channelClosed || this.outbound.isFull() || !this.dispatcher.wantsInput()) {
				return;
			}
			if (this.closeRequested.get()) {
				// close() from another thread: no input may reach the handler any more.
				this.dispatcher.localClose();
				return;
			}
			buffer.clear();
			int count;
			try {
				count = this.wire.read(buffer);
			}
			catch (IOException ex) {
				closeNow(ioFailure("read", ex));
				return;
			}
			if (count < 0) {
				endOfInput();
				return;
			}
			if (count == 0) {
				return;
			}
			activity();
			this.bytesIn += count;
			this.lastActive = this.loop.now;
			this.observer.bytesReceived(count);
			byte[] data = new byte[count];
			buffer.flip();
			buffer.get(data);
			this.dispatcher.input(data);
			if (!this.wire.mayReadMore(count, buffer.capacity())) {
				return;
			}
		}
		queueBufferedRead();
	}

	/**
	 * The reason to close with after a failed read or write: a reset, or for TLS (a bad
	 * record, a refused renegotiation) the cause, logged once.
	 */
	private CloseReason ioFailure(String what, IOException failure) {
		if (failure instanceof SSLException) {
			CloseReason reason = new CloseReason(CloseReason.Kind.TLS, "TLS failed: " + Errno.reason(failure), failure);
			logger.info("closing {}: {}", this, reason.text());
			logger.debug("{} failed on {}", what, this, failure);
			return reason;
		}
		logger.debug("{} failed on {}", what, this, failure);
		return RESET;
	}

	/**
	 * The peer shut down its output. Queued output is still sent; with half-close the
	 * handler decides when to close, otherwise the connection closes once the output is
	 * sent.
	 */
	private void endOfInput() {
		this.inputEnded = true;
		updateInterest();
		if (this.allowHalfClose) {
			if (this.outputShut.get()) {
				closeNow(CloseReason.PEER_CLOSED);
			}
			else {
				this.dispatcher.inputClosed();
			}
			return;
		}
		this.dispatcher.closed(CloseReason.PEER_CLOSED);
		queueClose();
	}

	/**
	 * Closes the socket now, dropping queued output.
	 * @param reason the reason to tell the handler, or {@code null} when this side closed
	 */
	private void closeNow(@Nullable CloseReason reason) {
		if (this.channelClosed) {
			return;
		}
		this.channelClosed = true;
		this.lingering = false;
		if (this.lingerTimer != null) {
			this.lingerTimer.cancel();
			this.lingerTimer = null;
		}
		if (this.idleTimer != null) {
			this.idleTimer.cancel();
			this.idleTimer = null;
		}
		if (!this.tasks.isEmpty()) {
			for (ConnectionTask task : List.copyOf(this.tasks)) {
				task.cancel();
			}
		}
		if (this.key != null) {
			this.key.cancel();
			this.loop.deregistered();
		}
		closeQuietly();
		recordLifetime(reason);
		this.outbound.clear();
		this.wire.release();
		if (this.opening.closed((reason != null) ? reason : CloseReason.STOPPED)) {
			// Closed while opening (its PROXY header, its handshake): no handler heard of
			// it.
			this.dispatcher.localClose();
			if (this.listener != null) {
				this.listener.closed(this);
			}
			return;
		}
		if (this.dispatcher.isSuspended()) {
			// Unregistered now: the loop's shutdown must deliver what waits for the call.
			this.loop.closedWhileSuspended(this);
		}
		if (reason != null) {
			this.dispatcher.closed(reason);
		}
		else {
			this.dispatcher.localClose();
		}
		if (this.listener != null) {
			this.listener.closed(this);
		}
	}

	/** Commits the JFR {@code io.ngi.Connection} event, if a recording wants it. */
	private void recordLifetime(@Nullable CloseReason reason) {
		ConnectionEvent event = new ConnectionEvent();
		if (event.shouldCommit()) {
			event.peer = String.valueOf(this.peer);
			event.listener = (this.listener != null) ? String.valueOf(this.listener.address()) : "";
			event.bytesIn = this.bytesIn;
			event.bytesOut = this.bytesOut;
			event.closeReason = (reason != null) ? reason.text() : "closed by this side";
			event.closeKind = (reason != null) ? reason.kind().name() : "CLOSED_BY_THIS_SIDE";
			event.lifetime = System.nanoTime() - this.openedNanos;
			SSLSession session = this.wire.session();
			event.tlsProtocol = (session != null) ? session.getProtocol() : "";
			event.commit();
		}
	}

	/** The class of the handler, for the blocked-loop report. Any thread; racy. */
	String handlerName() {
		ConnectionHandler handler = this.dispatcher.handler();
		if (handler != null) {
			return handler.getClass().getName();
		}
		return this.opening.isHandshaking() ? "none yet: TLS handshake" : "none yet";
	}

	private void closeQuietly() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.debug("closing {} failed", this, ex);
		}
	}

	/** Closes with reason {@code "stopped"}: the listener was closed. Any thread. */
	void stopFromListener() {
		this.loop.runInLoop(() -> closeNow(CloseReason.STOPPED));
	}

	@Override
	public void shutdown() {
		closeNow(CloseReason.STOPPED);
		// The loop is going away: no one would deliver the close after a suspended call.
		this.dispatcher.abandonSuspendedCalls();
	}

	// Transport, loop thread.

	@Override
	public Logger logger() {
		return logger;
	}

	@Override
	public void resume(Runnable task) {
		this.loop.execute(task);
	}

	@Override
	public void awaitResumption() {
		// The loop serves other connections; the call's end arrives as a task.
	}

	@Override
	public void suspensionEnded() {
		if (this.channelClosed) {
			this.loop.resumedAfterClose(this);
		}
	}

	@Override
	public void inputDemandChanged() {
		updateInterest();
	}

	@Override
	public void handlerFailed(Throwable failure) {
		this.observer.handlerFailed(failure);
		this.loop.handlerFailed(failure);
	}

	@Override
	public void closeAfterFailure(CloseReason reason) {
		this.closeRequested.set(true);
		queueClose();
	}

	long peakQueuedBytes() {
		return this.outbound.peak();
	}

	boolean isReadingPaused() {
		return onLoop(this.outbound::isFull);
	}

	/**
	 * Reads an option of this connection's socket, for tests and diagnostics. Any thread.
	 * @param option the option
	 * @return its value
	 * @throws IOException if the socket is closed or the option cannot be read
	 */
	<T> T socketOption(SocketOption<T> option) throws IOException {
		return this.channel.getOption(option);
	}

	/** Reads loop-thread state from another thread, for tests and diagnostics. */
	private <T> T onLoop(Supplier<T> reader) {
		if (this.loop.inLoop() || this.channelClosed) {
			return reader.get();
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		this.loop.execute(() -> result.complete(reader.get()));
		try {
			return result.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the state of " + this, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not read the state of " + this, ex);
		}
	}

	/**
	 * Tells the handler, on the loop, that the listener is draining
	 * ({@code handleDraining}), unless the connection has no handler yet or is closing.
	 * Any thread.
	 */
	void draining() {
		this.loop.runInLoop(() -> {
			if (!this.channelClosed && this.dispatcher.isOpen()) {
				this.dispatcher.run("handleDraining", () -> {
					ConnectionHandler handler = this.dispatcher.handler();
					if (handler != null) {
						handler.handleDraining(this);
					}
				});
			}
		});
	}

	private void runTask(Runnable task) {
		if (!this.channelClosed && this.dispatcher.isOpen()) {
			this.dispatcher.run("scheduled task", task::run);
		}
	}

	@Override
	public String toString() {
		return "NioConnection[" + ((this.listener != null) ? "from " : "to ") + this.peer + "]";
	}

	/**
	 * A task of this connection: runs as a handler call (serialized with the others,
	 * failures closing the connection), and only while the connection is open.
	 */
	private final class ConnectionTask extends LoopTask {

		ConnectionTask(Runnable task) {
			super(NioConnection.this.loop, () -> NioConnection.this.runTask(task));
		}

		@Override
		void armed() {
			if (NioConnection.this.channelClosed) {
				cancel();
				return;
			}
			NioConnection.this.tasks.add(this);
		}

		@Override
		void done() {
			NioConnection.this.tasks.remove(this);
		}

	}

}
