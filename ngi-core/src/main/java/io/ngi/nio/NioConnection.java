package io.ngi.nio;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
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
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.Server;
import io.ngi.SuspendableConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP or Unix domain socket connection served by one {@link EventLoop} for life.
 * <p>
 * Output is a queue of byte arrays, {@link LinesSource}s and a close marker. Writes made
 * on the loop thread go straight into it; writes from other threads pass through a
 * concurrent queue that the loop drains. The loop copies the head of the queue into its
 * direct write buffer (up to 64 KiB, many small writes gathered into one socket write),
 * writes once, and advances the queue by exactly what the socket took. Reading is enabled
 * only while a handler is set and the queued output is below the high-water mark.
 * <p>
 * A handler call may be {@linkplain #suspendCall() suspended}: while any pending call is
 * open, the connection counts as being in a handler call, so input is not read and other
 * events wait, exactly as during a synchronous call.
 */
final class NioConnection implements SuspendableConnection, Selectable {

	private static final Logger logger = LoggerFactory.getLogger(NioConnection.class);

	static final String END_OF_INPUT = "end of input";

	static final String STOPPED = "stopped";

	private static final int MAX_READS_PER_EVENT = 16;

	private static final int MAX_WRITES_PER_FLUSH = 16;

	private final EventLoop loop;

	private final SocketChannel channel;

	private final @Nullable NioListener listener;

	private final ListenerObserver observer;

	private final SocketAddress peer;

	private final OutputLimits limits;

	private final Queue<Object> incoming = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final AtomicBoolean closeRequested = new AtomicBoolean();

	private final Runnable drainTask = this::drainIncoming;

	private volatile @Nullable ConnectionHandler handler;

	private volatile boolean open = true;

	private @Nullable SelectionKey key;

	// Everything below is touched on the loop thread only.

	private final OutputQueue output = new OutputQueue();

	private long queued;

	private long peakQueued;

	private long exceededAt = -1;

	private boolean flushQueued;

	private boolean writeInterest;

	private boolean paused;

	private boolean dispatching;

	/** Suspended handler calls not yet completed. */
	private int holds;

	/** Read interest dropped because input arrived while a call was suspended. */
	private boolean readHeld;

	private boolean channelClosed;

	private int interest;

	private @Nullable String pendingClose;

	private @Nullable Exception pendingException;

	NioConnection(EventLoop loop, SocketChannel channel, @Nullable NioListener listener, ListenerObserver observer,
			SocketAddress peer, OutputLimits limits) {
		this.loop = loop;
		this.channel = channel;
		this.listener = listener;
		this.observer = observer;
		this.peer = peer;
		this.limits = limits;
	}

	// Application side, any thread.

	@Override
	public void write(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (!this.open) {
			checkNotClosedByUs();
			return;
		}
		if (data.length > 0) {
			enqueue(data);
		}
	}

	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		if (!this.open) {
			checkNotClosedByUs();
			return;
		}
		enqueue(new LinesSource(data.iterator()));
	}

	private void checkNotClosedByUs() {
		if (this.closeRequested.get()) {
			throw new IllegalStateException("write called on closed connection");
		}
	}

	@Override
	public void close() {
		if (this.closeRequested.compareAndSet(false, true)) {
			this.open = false;
			enqueue(OutputQueue.CLOSE);
		}
	}

	@Override
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		if (this.loop.inLoop()) {
			handlerSet();
		}
		else {
			this.loop.execute(this::handlerSet);
		}
	}

	@Override
	public boolean isOpen() {
		return this.open;
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
		this.dispatching = true;
		try {
			server.connected(this);
		}
		catch (Exception | Error ex) {
			this.dispatching = false;
			failed("server handler", ex, ex.toString());
			return;
		}
		finally {
			this.dispatching = false;
		}
		afterDispatch();
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
		this.dispatching = true;
		try {
			clientHandler.connected(this);
		}
		catch (Exception | Error ex) {
			this.dispatching = false;
			failed("connection handler", ex, "connection handler failed");
			return;
		}
		finally {
			this.dispatching = false;
		}
		afterDispatch();
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
		if (item instanceof byte[] bytes) {
			queuedMore(bytes.length);
		}
		if (!this.flushQueued) {
			this.flushQueued = true;
			this.loop.needsFlush(this);
		}
	}

	private void queuedMore(long bytes) {
		this.queued += bytes;
		if (this.queued > this.peakQueued) {
			this.peakQueued = this.queued;
		}
		if (this.queued > this.limits.limit() && this.exceededAt < 0) {
			this.exceededAt = this.queued;
		}
		if (!this.paused && this.queued > this.limits.highWaterMark()) {
			this.paused = true;
			updateInterest();
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
		if (this.channelClosed) {
			return;
		}
		if (this.exceededAt >= 0) {
			String reason = "output limit exceeded (" + this.exceededAt + " bytes queued)";
			logger.warn("closing {}: {}", this, reason);
			closeNow(reason);
			return;
		}
		if (!this.writeInterest) {
			flush();
		}
	}

	@Override
	public void ready(SelectionKey selected) {
		int ready = selected.readyOps();
		if ((ready & SelectionKey.OP_WRITE) != 0) {
			flush();
		}
		if ((ready & SelectionKey.OP_READ) != 0) {
			if (this.holds > 0) {
				// Input waits for the suspended call; stop the selector reporting it.
				this.readHeld = true;
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
			if (this.output.first() == OutputQueue.CLOSE) {
				closeNow(null);
				return;
			}
			if (writes++ == MAX_WRITES_PER_FLUSH) {
				setWriteInterest(true);
				return;
			}
			buffer.clear();
			long pulled = this.output.gather(buffer);
			if (pulled > 0) {
				queuedMore(pulled);
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
				closeNow(END_OF_INPUT);
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
	 * Removes finished writeLines sources from the head, delivering their failures.
	 * @return {@code false} if the connection closed meanwhile
	 */
	private boolean removeDrainedHead() {
		while (this.output.size() > 0 && this.output.first() instanceof LinesSource lines && lines.isDrained()) {
			this.output.removeFirst();
			Exception failure = lines.failure();
			if (failure != null) {
				deliverException(failure);
				if (this.channelClosed) {
					return false;
				}
			}
		}
		return true;
	}

	private void consume(int written) {
		this.queued -= written;
		this.output.consume(written);
		if (this.paused && this.queued <= this.limits.lowWaterMark()) {
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
		int ops = (this.writeInterest ? SelectionKey.OP_WRITE : 0)
				| ((this.handler != null && !this.paused && !this.readHeld) ? SelectionKey.OP_READ : 0);
		if (ops != this.interest) {
			this.interest = ops;
			selectionKey.interestOps(ops);
		}
	}

	private void read() {
		ByteBuffer buffer = this.loop.readBuffer;
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			ConnectionHandler current = this.handler;
			if (this.channelClosed || current == null || this.paused || this.holds > 0) {
				return;
			}
			buffer.clear();
			int count;
			try {
				count = this.channel.read(buffer);
			}
			catch (IOException ex) {
				logger.debug("read failed on {}", this, ex);
				closeNow(END_OF_INPUT);
				return;
			}
			if (count < 0) {
				closeNow(END_OF_INPUT);
				return;
			}
			if (count == 0) {
				return;
			}
			this.observer.bytesReceived(count);
			byte[] data = new byte[count];
			buffer.flip();
			buffer.get(data);
			this.dispatching = true;
			try {
				current.handleInput(this, data);
			}
			catch (Exception | Error ex) {
				this.dispatching = false;
				failed("handleInput", ex, ex.toString());
				return;
			}
			finally {
				this.dispatching = false;
			}
			afterDispatch();
			if (count < buffer.capacity()) {
				return;
			}
		}
	}

	private void handlerSet() {
		if (!inCall()) {
			afterDispatch();
		}
	}

	/** Replays what waited for a handler, and updates read interest. */
	private void afterDispatch() {
		ConnectionHandler current = this.handler;
		if (current == null || this.holds > 0) {
			return;
		}
		Exception exception = this.pendingException;
		if (exception != null) {
			this.pendingException = null;
			deliverException(exception);
		}
		String reason = this.pendingClose;
		if (this.channelClosed && reason != null) {
			this.pendingClose = null;
			deliverClose(this.handler, reason);
			return;
		}
		updateInterest();
	}

	private void deliverException(Exception exception) {
		ConnectionHandler current = this.handler;
		if (current == null || inCall()) {
			this.pendingException = exception;
			return;
		}
		logger.debug("writeLines failed on {}", this, exception);
		this.dispatching = true;
		try {
			current.handleException(this, exception);
		}
		catch (Exception | Error ex) {
			this.dispatching = false;
			failed("handleException", ex, ex.toString());
		}
		finally {
			this.dispatching = false;
		}
	}

	/**
	 * Handles a failed handler call. Errors count too (an {@code AssertionError} in a
	 * test handler, a {@code StackOverflowError}): only this connection closes, the loop
	 * keeps serving the others.
	 */
	private void failed(String what, Throwable failure, String reason) {
		logger.error("{} failed on {}", what, this, failure);
		this.observer.handlerFailed(failure);
		closeNow(reason);
		this.loop.handlerFailed(failure);
	}

	/**
	 * Closes the socket now, dropping queued output.
	 * @param reason the reason to tell the handler, or {@code null} when this side closed
	 */
	private void closeNow(@Nullable String reason) {
		if (this.channelClosed) {
			return;
		}
		this.channelClosed = true;
		this.open = false;
		if (this.key != null) {
			this.key.cancel();
			this.loop.deregistered();
		}
		closeQuietly();
		if (this.listener != null) {
			this.listener.closed(this);
		}
		this.output.clear();
		this.queued = 0;
		this.incoming.clear();
		if (reason != null) {
			ConnectionHandler current = this.handler;
			if (current == null || inCall()) {
				this.pendingClose = reason;
				if (this.holds > 0) {
					// Unregistered now: tell the loop, whose shutdown must deliver it.
					this.loop.closedWhileSuspended(this);
				}
			}
			else {
				deliverClose(current, reason);
			}
		}
	}

	private void deliverClose(@Nullable ConnectionHandler current, String reason) {
		if (current == null) {
			return;
		}
		try {
			current.handleClose(this, reason);
		}
		catch (Exception ex) {
			logger.error("Exception raised by handleClose({}) on {}", reason, this, ex);
			this.observer.handlerFailed(ex);
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
		this.loop.runInLoop(() -> closeNow(STOPPED));
	}

	@Override
	public void shutdown() {
		closeNow(STOPPED);
		String reason = this.pendingClose;
		if (this.holds > 0 && reason != null) {
			// The loop is going away: no one would deliver the close after the suspended
			// call ends (see SuspendableConnection).
			this.pendingClose = null;
			deliverClose(this.handler, reason);
		}
	}

	@Override
	public PendingCall suspendCall() {
		if (!this.loop.inLoop() || !this.dispatching) {
			throw new IllegalStateException(
					"suspendCall() called outside a handler call of " + this + " on its loop thread");
		}
		this.holds++;
		return new Pending();
	}

	private boolean inCall() {
		return this.dispatching || this.holds > 0;
	}

	/** A suspended call ended; loop thread. */
	private void resumed(@Nullable Throwable failure) {
		this.holds--;
		if (failure != null) {
			if (this.channelClosed) {
				logger.error("suspended handler call failed on {} after it closed", this, failure);
				this.observer.handlerFailed(failure);
			}
			else {
				failed("suspended handler call", failure, failure.toString());
			}
		}
		if (this.holds == 0 && this.channelClosed) {
			this.loop.resumedAfterClose(this);
		}
		if (this.holds == 0 && !this.dispatching) {
			this.readHeld = false;
			afterDispatch();
		}
	}

	long queuedBytes() {
		return onLoop(() -> this.queued);
	}

	long peakQueuedBytes() {
		return onLoop(() -> this.peakQueued);
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

	/** One suspended handler call. */
	private final class Pending implements PendingCall {

		private final AtomicBoolean ended = new AtomicBoolean();

		@Override
		public void complete() {
			end(null);
		}

		@Override
		public void fail(Throwable failure) {
			end(Objects.requireNonNull(failure, "failure"));
		}

		private void end(@Nullable Throwable failure) {
			if (!this.ended.compareAndSet(false, true)) {
				throw new IllegalStateException("suspended call on " + NioConnection.this + " already ended");
			}
			NioConnection.this.loop.runInLoop(() -> resumed(failure));
		}

	}

	@Override
	public String toString() {
		return "NioConnection[" + ((this.listener != null) ? "from " : "to ") + this.peer + "]";
	}

}
