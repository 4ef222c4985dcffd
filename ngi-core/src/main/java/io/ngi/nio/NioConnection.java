package io.ngi.nio;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.OutputBounds;
import io.ngi.Server;
import io.ngi.internal.Dispatcher;
import io.ngi.internal.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP or Unix domain socket connection served by one {@link EventLoop} for life. Its
 * handler calls go through a {@link Dispatcher}; this class moves the bytes.
 * <p>
 * Output is a queue of byte arrays, {@link LinesSource}s and markers (shut down output,
 * close). Writes made on the loop thread go straight into it; writes from other threads
 * pass through a concurrent queue that the loop drains. Either way they are counted when
 * written ({@link OutputCounter}), so {@link #isWritable()} and the hard limit see them
 * at once. The loop copies the head of the queue into its direct write buffer (up to 64
 * KiB, many small writes gathered into one socket write), writes once, and advances the
 * queue by exactly what the socket took. Reading is enabled only while the dispatcher
 * takes input and the queued output is below the high-water mark.
 * <p>
 * The peer's end of input does not discard queued output: without half-close the handler
 * is told the peer closed, and what was written before is still sent, then the socket is
 * closed; with half-close the handler gets {@code handleInputClosed} and the connection
 * stays open for output.
 */
final class NioConnection implements Connection, Selectable, Transport {

	private static final Logger logger = LoggerFactory.getLogger(NioConnection.class);

	static final CloseReason RESET = CloseReason.of(CloseReason.Kind.RESET, "connection reset");

	private static final Object SHUTDOWN_OUTPUT = new Object();

	private static final int MAX_READS_PER_EVENT = 16;

	/**
	 * How long a closed connection reads and discards input after its output was sent and
	 * shut down, waiting for the peer to close too, before it closes the socket anyway.
	 */
	static final Duration LINGER_TIMEOUT = Duration.ofSeconds(2);

	private static final int MAX_WRITES_PER_FLUSH = 16;

	private final EventLoop loop;

	private final SocketChannel channel;

	private final @Nullable NioListener listener;

	private final ListenerObserver observer;

	private final SocketAddress peer;

	private final boolean allowHalfClose;

	private final OutputCounter counter;

	private final Dispatcher dispatcher;

	private final Queue<Object> incoming = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	/** This side closed (or one of its calls failed): writes throw. */
	private final AtomicBoolean closeRequested = new AtomicBoolean();

	/**
	 * The close marker was queued: the socket closes once the output before it is sent.
	 */
	private final AtomicBoolean closeQueued = new AtomicBoolean();

	private final AtomicBoolean outputShut = new AtomicBoolean();

	private final AtomicBoolean limitPassed = new AtomicBoolean();

	private final Runnable drainTask = this::drainIncoming;

	private @Nullable SelectionKey key;

	// Everything below is touched on the loop thread only.

	private final OutputQueue output = new OutputQueue();

	private boolean flushQueued;

	private boolean writeInterest;

	private boolean paused;

	private boolean inputEnded;

	/** The channel's output was shut down (FIN sent). */
	private boolean channelOutputShut;

	/**
	 * Closed by this side, output sent and shut down: input is read and discarded until
	 * the peer closes or the linger timer fires.
	 */
	private boolean lingering;

	private TimerQueue.@Nullable Timer lingerTimer;

	private boolean channelClosed;

	private int interest;

	NioConnection(EventLoop loop, SocketChannel channel, @Nullable NioListener listener, ListenerObserver observer,
			SocketAddress peer, OutputBounds bounds, boolean allowHalfClose) {
		this.loop = loop;
		this.channel = channel;
		this.listener = listener;
		this.observer = observer;
		this.peer = peer;
		this.counter = new OutputCounter(bounds);
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
			if (this.counter.added(data.length)) {
				limitPassed();
			}
			enqueue(data);
		}
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		if (writable()) {
			enqueue(new LinesSource(data.iterator()));
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
			enqueue(OutputQueue.CLOSE);
		}
	}

	@Override
	public void shutdownOutput() {
		if (!this.closeRequested.get() && this.outputShut.compareAndSet(false, true)) {
			enqueue(SHUTDOWN_OUTPUT);
		}
	}

	@Override
	public boolean isWritable() {
		return isOpen() && !this.outputShut.get() && this.counter.isWritable();
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

	private void enqueue(Object item) {
		if (this.loop.inLoop()) {
			if (!this.incoming.isEmpty()) {
				drainIncoming();
			}
			addOutput(item);
		}
		else {
			this.incoming.add(item);
			if (this.drainScheduled.compareAndSet(false, true)) {
				this.loop.execute(this.drainTask);
			}
		}
	}

	private void limitPassed() {
		if (this.limitPassed.compareAndSet(false, true)) {
			this.loop.runInLoop(() -> {
				CloseReason reason = CloseReason.of(CloseReason.Kind.OUTPUT_LIMIT,
						"output limit exceeded (" + this.counter.queued() + " bytes queued)");
				logger.warn("closing {}: {}", this, reason.text());
				closeNow(reason);
			});
		}
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
		this.dispatcher.run("Server.connected", () -> server.connected(this));
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
		updateInterest();
		this.dispatcher.run("ClientConnectHandler.connected", () -> clientHandler.connected(this));
	}

	private void drainIncoming() {
		this.drainScheduled.set(false);
		Object item;
		while ((item = this.incoming.poll()) != null) {
			addOutput(item);
		}
	}

	private void addOutput(Object item) {
		if (this.channelClosed) {
			return;
		}
		this.output.add(item);
		if (!this.paused && this.counter.aboveHighWaterMark()) {
			this.paused = true;
			updateInterest();
		}
		if (!this.flushQueued) {
			this.flushQueued = true;
			this.loop.needsFlush(this);
		}
	}

	/**
	 * Writes what the socket takes now; called once per loop iteration after writes were
	 * queued.
	 */
	void flushFromLoop() {
		if (!this.flushQueued) {
			return;
		}
		this.flushQueued = false;
		if (!this.channelClosed && !this.writeInterest) {
			flush();
		}
	}

	@Override
	public void ready(SelectionKey selected) {
		int ready = selected.readyOps();
		if ((ready & SelectionKey.OP_WRITE) != 0) {
			flush();
		}
		if ((ready & SelectionKey.OP_READ) != 0 && !this.channelClosed) {
			if (this.lingering) {
				discardInput();
				return;
			}
			if (!this.dispatcher.wantsInput() || this.paused) {
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

	private void flush() {
		ByteBuffer buffer = this.loop.writeBuffer;
		int writes = 0;
		while (!this.channelClosed) {
			if (!removeDrainedHead()) {
				return;
			}
			if (this.output.size() == 0) {
				break;
			}
			Object first = this.output.first();
			if (first == OutputQueue.CLOSE) {
				linger();
				return;
			}
			if (first == SHUTDOWN_OUTPUT) {
				this.output.removeFirst();
				shutdownChannelOutput();
				continue;
			}
			if (writes++ == MAX_WRITES_PER_FLUSH) {
				setWriteInterest(true);
				return;
			}
			buffer.clear();
			long pulled = this.output.gather(buffer);
			if (pulled > 0 && this.counter.added(pulled)) {
				limitPassed();
			}
			buffer.flip();
			int total = buffer.remaining();
			if (total == 0) {
				continue;
			}
			int written;
			try {
				written = this.channel.write(buffer);
			}
			catch (IOException ex) {
				logger.debug("write failed on {}", this, ex);
				closeNow(RESET);
				return;
			}
			if (written > 0) {
				this.observer.bytesSent(written);
				consume(written);
			}
			if (written < total) {
				setWriteInterest(true);
				return;
			}
		}
		setWriteInterest(false);
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
		this.output.clear();
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
		setWriteInterest(false);
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

	/**
	 * Removes finished writeLines sources from the head, delivering their failures.
	 * @return {@code false} if the connection closed meanwhile
	 */
	private boolean removeDrainedHead() {
		while (this.output.size() > 0 && this.output.first() instanceof LinesSource lines && lines.isDrained()) {
			this.output.removeFirst();
			Exception failure = lines.failure();
			if (failure != null) {
				this.dispatcher.writeFailed(failure);
				if (this.channelClosed) {
					return false;
				}
			}
		}
		return true;
	}

	private void consume(int written) {
		this.output.consume(written);
		if (this.counter.removed(written)) {
			this.dispatcher.writable();
		}
		if (this.paused && this.counter.atOrBelowLowWaterMark()) {
			this.paused = false;
			updateInterest();
		}
	}

	private void setWriteInterest(boolean wanted) {
		if (this.writeInterest != wanted) {
			this.writeInterest = wanted;
			updateInterest();
		}
	}

	private void updateInterest() {
		SelectionKey selectionKey = this.key;
		if (this.channelClosed || selectionKey == null) {
			return;
		}
		boolean reading = this.lingering || (!this.paused && !this.inputEnded && this.dispatcher.wantsInput());
		int ops = (this.writeInterest ? SelectionKey.OP_WRITE : 0) | (reading ? SelectionKey.OP_READ : 0);
		if (ops != this.interest) {
			this.interest = ops;
			selectionKey.interestOps(ops);
		}
	}

	private void read() {
		ByteBuffer buffer = this.loop.readBuffer;
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			if (this.channelClosed || this.paused || !this.dispatcher.wantsInput()) {
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
				count = this.channel.read(buffer);
			}
			catch (IOException ex) {
				logger.debug("read failed on {}", this, ex);
				closeNow(RESET);
				return;
			}
			if (count < 0) {
				endOfInput();
				return;
			}
			if (count == 0) {
				return;
			}
			this.observer.bytesReceived(count);
			byte[] data = new byte[count];
			buffer.flip();
			buffer.get(data);
			this.dispatcher.input(data);
			if (count < buffer.capacity()) {
				return;
			}
		}
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
		if (this.key != null) {
			this.key.cancel();
			this.loop.deregistered();
		}
		closeQuietly();
		this.output.clear();
		this.counter.clear();
		this.incoming.clear();
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

	long queuedBytes() {
		return this.counter.queued();
	}

	long peakQueuedBytes() {
		return this.counter.peak();
	}

	boolean isReadingPaused() {
		return onLoop(() -> this.paused);
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

	@Override
	public String toString() {
		return "NioConnection[" + ((this.listener != null) ? "from " : "to ") + this.peer + "]";
	}

}
