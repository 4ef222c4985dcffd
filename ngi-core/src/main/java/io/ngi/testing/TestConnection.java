package io.ngi.testing;

import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

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
 * Events follow the contract of {@link Connection} and {@link ConnectionHandler}:
 * <ul>
 * <li>Input and close events that arrive before {@link #setHandler} are queued
 * (consecutive inputs merged) and replayed in order when a handler is set.</li>
 * <li>A handler is never called re-entrantly: an event that arrives while this
 * connection's handler runs (for example the peer answering at once) is queued and
 * delivered after the handler returns. Queued events are dropped once the connection is
 * closed.</li>
 * <li>{@link #close()} notifies only the peer, with reason {@code "closed"}.</li>
 * <li>A handler failure is logged, recorded on the {@link TestingImplementation} (see
 * {@link TestingImplementation#rethrowHandlerErrors()}), closes the connection, and the
 * handler then gets {@code handleClose} with {@code "handle_input error"} or
 * {@code "handle_exception error"}; exceptions from {@code handleClose} are logged,
 * recorded and swallowed. An {@link Error}, such as a failed assertion inside a test
 * handler, is not caught: it propagates to the caller, failing the test at once.</li>
 * </ul>
 * {@code write} copies the array before the peer's handler sees it.
 * <p>
 * Meant for one test thread at a time; calls from the helper threads of imperative
 * handlers, which hand off strictly with the test thread, are safe.
 */
public final class TestConnection implements Connection {

	private static final Logger logger = LoggerFactory.getLogger(TestConnection.class);

	private final TestingImplementation implementation;

	private final @Nullable TestListener listener;

	private final SocketAddress peerAddress;

	private final String name;

	private final Object lock = new Object();

	private final ArrayDeque<Event> pending = new ArrayDeque<>();

	private TestConnection peer;

	private @Nullable ConnectionHandler handler;

	private boolean dispatching;

	private boolean selfClosed;

	private boolean closeReceived;

	private boolean closeDispatched;

	private boolean left;

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
				"test connection");
		TestConnection recording = new TestConnection(implementation, null, new NamedAddress("connection"),
				"peer of " + this.name);
		link(this, recording);
		recording.handler = new Transcript();
	}

	private TestConnection(TestingImplementation implementation, @Nullable TestListener listener,
			SocketAddress peerAddress, String role) {
		this.implementation = implementation;
		this.listener = listener;
		this.peerAddress = peerAddress;
		this.name = "TestConnection#" + implementation.nextId() + "(" + role + ")";
		this.peer = this;
		implementation.opened(this);
	}

	/**
	 * Creates the server end of a new pair accepted by {@code listener}; its peer is the
	 * client end, with no handler.
	 */
	static TestConnection serverEnd(TestingImplementation implementation, TestListener listener,
			SocketAddress clientAddress) {
		TestConnection server = new TestConnection(implementation, listener, clientAddress,
				"server end from " + clientAddress + " on " + listener.address());
		TestConnection client = new TestConnection(implementation, null, listener.address(),
				"client end from " + clientAddress + " to " + listener.address());
		link(server, client);
		return server;
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
		synchronized (this.lock) {
			return this.handler;
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
		checkWritable();
		if (data.length == 0) {
			return;
		}
		byte[] copy = data.clone();
		if (this.peer.deliver(new Event.Input(copy)) && this.listener != null) {
			this.listener.options().observer().bytesSent(copy.length);
		}
	}

	/**
	 * Writes each element now, in order, one peer {@code handleInput} per element (the
	 * testing implementation consumes the iterable at once, unlike NIO). A failure of the
	 * iterator, a {@code null} element, or a failed write is passed to this connection's
	 * own handler's {@link ConnectionHandler#handleException}; elements before it were
	 * delivered.
	 * @param data the byte arrays to send
	 * @throws IllegalStateException if this end was closed
	 */
	@Override
	public void writeLines(Iterable<byte[]> data) {
		Objects.requireNonNull(data, "data");
		checkWritable();
		try {
			for (byte[] item : data) {
				if (item == null) {
					throw new NullPointerException("writeLines element must not be null");
				}
				write(item);
			}
		}
		catch (Exception ex) {
			if (!deliver(new Event.Failure(ex))) {
				logger.debug("writeLines failure on closed {} dropped", this, ex);
			}
			else if (handler() == null) {
				logger.warn("writeLines failed on {}, which has no handler yet; the failure is queued for it", this,
						ex);
			}
		}
	}

	private void checkWritable() {
		synchronized (this.lock) {
			if (this.selfClosed) {
				throw new IllegalStateException("write called on closed connection");
			}
		}
	}

	/**
	 * Closes this end: {@link #isOpen()} is {@code false} at once, the peer's handler
	 * gets {@code handleClose(peer, "closed")}, this end's handler is not notified, and
	 * events still queued for this end are dropped. Idempotent.
	 */
	@Override
	public void close() {
		boolean leave;
		synchronized (this.lock) {
			if (this.selfClosed) {
				return;
			}
			this.selfClosed = true;
			leave = markLeft();
			if (!this.dispatching) {
				this.pending.clear();
			}
		}
		if (leave) {
			leave();
		}
		this.peer.deliver(new Event.Close("closed", false));
	}

	/**
	 * Closes this server end because its listener closed: the peer gets {@code "closed"},
	 * and this end's handler gets {@code "stopped"}.
	 */
	void stopByListener() {
		boolean leave;
		synchronized (this.lock) {
			if (this.selfClosed) {
				return;
			}
			this.selfClosed = true;
			leave = markLeft();
			this.pending.clear();
		}
		if (leave) {
			leave();
		}
		this.peer.deliver(new Event.Close("closed", false));
		deliver(new Event.Close("stopped", true));
	}

	/**
	 * Sets the handler and replays, in order, the events that arrived before. May be
	 * called again, also from inside a handler call: later events go to the new handler.
	 * @param handler the handler
	 */
	@Override
	public void setHandler(ConnectionHandler handler) {
		Objects.requireNonNull(handler, "handler");
		boolean start;
		synchronized (this.lock) {
			this.handler = handler;
			start = !this.dispatching && !this.pending.isEmpty();
			this.dispatching |= start;
		}
		if (start) {
			drain();
		}
	}

	/**
	 * Returns whether the connection is open: {@code false} from the moment this end
	 * closed or a close event arrived for it (even if not yet delivered to a handler).
	 * @return whether it is open
	 */
	@Override
	public boolean isOpen() {
		synchronized (this.lock) {
			return !this.selfClosed && !this.closeReceived;
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
	 * Delivers input to this connection's handler, as if the peer had written it
	 * (zc.ngi's {@code test_input}). The array is copied; an empty array delivers
	 * nothing.
	 * @param data the input
	 */
	public void testInput(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (data.length > 0) {
			deliver(new Event.Input(data.clone()));
		}
	}

	/**
	 * Delivers a close event with {@code reason} to this connection's handler, as if the
	 * network had closed it (zc.ngi's {@code test_close}). The peer is not told.
	 * @param reason the close reason
	 */
	public void testClose(String reason) {
		Objects.requireNonNull(reason, "reason");
		deliver(new Event.Close(reason, false));
	}

	/**
	 * Delivers {@code exception} to this connection's handler's
	 * {@link ConnectionHandler#handleException}, as a failed {@code writeLines} would.
	 * @param exception the failure
	 */
	public void testException(Exception exception) {
		Objects.requireNonNull(exception, "exception");
		deliver(new Event.Failure(exception));
	}

	/**
	 * Queues an event and, unless a handler call of this connection is running or no
	 * handler is set, delivers the queue.
	 * @return {@code false} if the event was dropped because the connection is closed
	 */
	private boolean deliver(Event event) {
		boolean forced = event instanceof Event.Close close && close.afterClose();
		boolean leave = false;
		boolean start = false;
		synchronized (this.lock) {
			if ((this.selfClosed || this.closeDispatched) && !forced) {
				return false;
			}
			if (event instanceof Event.Close && !forced && !this.closeReceived) {
				this.closeReceived = true;
				leave = markLeft();
			}
			if (this.handler == null) {
				queueBeforeHandler(event);
			}
			else {
				this.pending.add(event);
				start = !this.dispatching;
				this.dispatching = true;
			}
		}
		if (leave) {
			leave();
		}
		if (event instanceof Event.Input input && this.listener != null) {
			this.listener.options().observer().bytesReceived(input.data().length);
		}
		if (start) {
			drain();
		}
		return true;
	}

	private void queueBeforeHandler(Event event) {
		if (event instanceof Event.Input input && this.pending.peekLast() instanceof Event.Input last) {
			this.pending.pollLast();
			this.pending.add(last.merge(input));
		}
		else {
			this.pending.add(event);
		}
	}

	/**
	 * Delivers queued events one at a time until the queue is empty or the connection is
	 * closed. Only one thread drains a connection at a time ({@code dispatching}).
	 */
	private void drain() {
		boolean finished = false;
		try {
			while (true) {
				Event event;
				ConnectionHandler current;
				synchronized (this.lock) {
					Event next = this.pending.peek();
					boolean forced = next instanceof Event.Close close && close.afterClose();
					if (next == null || ((this.selfClosed || this.closeDispatched) && !forced)) {
						this.pending.clear();
						this.dispatching = false;
						finished = true;
						return;
					}
					event = this.pending.poll();
					this.closeDispatched |= event instanceof Event.Close;
					current = Objects.requireNonNull(this.handler);
				}
				call(current, event);
			}
		}
		finally {
			if (!finished) {
				synchronized (this.lock) {
					this.dispatching = false;
				}
			}
		}
	}

	private void call(ConnectionHandler current, Event event) {
		if (event instanceof Event.Input input) {
			try {
				current.handleInput(this, input.data());
			}
			catch (Exception ex) {
				handlerFailed("handleInput", ex, "handle_input error");
			}
		}
		else if (event instanceof Event.Failure failure) {
			try {
				current.handleException(this, failure.exception());
			}
			catch (Exception ex) {
				handlerFailed("handleException", ex, "handle_exception error");
			}
		}
		else if (event instanceof Event.Close close) {
			notifyClose(current, close.reason());
		}
	}

	/**
	 * Handles a failure of a handler (or of the server or connect handler that set it
	 * up): logs and records it, closes this end, then tells the current handler, if any,
	 * why.
	 */
	void handlerFailed(String what, Throwable failure, String reason) {
		recordFailure(what, failure);
		close();
		ConnectionHandler current = handler();
		if (current != null) {
			notifyClose(current, reason);
		}
	}

	private void notifyClose(ConnectionHandler current, String reason) {
		try {
			current.handleClose(this, reason);
		}
		catch (Exception ex) {
			recordFailure("handleClose", ex);
		}
	}

	private void recordFailure(String what, Throwable failure) {
		logger.error("{} failed on {}", what, this, failure);
		this.implementation.recordHandlerError(failure);
		if (this.listener != null) {
			this.listener.options().observer().handlerFailed(failure);
		}
	}

	private boolean markLeft() {
		if (this.left) {
			return false;
		}
		this.left = true;
		return true;
	}

	/**
	 * Bookkeeping, once, when the connection stops being open.
	 */
	private void leave() {
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
