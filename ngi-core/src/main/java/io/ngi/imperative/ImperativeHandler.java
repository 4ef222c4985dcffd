package io.ngi.imperative;

import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.NgiException;

/**
 * The handler of one connection of an {@link Imperative}, and the {@link Input} of its
 * body. Events are handed to the body thread, and the calling thread parks until the body
 * waits again or ends: a strict hand-off, so exactly one of the two threads runs at a
 * time.
 * <p>
 * The hand-off is a turn flag: the side that gives the turn writes its message, sets the
 * flag (a volatile write that publishes the message) and unparks the other; the side that
 * waits parks until the flag is its own. The calling thread may change from call to call
 * (any thread an implementation calls handlers on); the body thread is fixed.
 */
final class ImperativeHandler implements ConnectionHandler, Input {

	private static final Logger logger = LoggerFactory.getLogger(ImperativeHandler.class);

	/** Body to caller: the body waits in {@code next()}. */
	private static final Object WAITING = new Object();

	/** Body to caller: the body returned (or ended with the close delivered to it). */
	private static final Object ENDED = new Object();

	/**
	 * How many times the caller polls the turn flag before parking. Polling catches a
	 * body that answers at once on another core without a park/unpark round trip
	 * (measured about 0.2 us instead of 8 us per hand-off on idle cores), but on an
	 * oversubscribed machine it delays the body and costs more than it saves (measured up
	 * to 50 us with a virtual body), so it is off unless tuned.
	 */
	private static final int CALLER_SPINS = Integer.getInteger("ngi.imperative.spins", 0);

	/**
	 * How many times the body polls before parking: none by default, it usually waits
	 * long.
	 */
	private static final int BODY_SPINS = Integer.getInteger("ngi.imperative.body-spins", 0);

	private final Imperative.Body body;

	private final Connection connection;

	private final Thread thread;

	/** Whose turn it is: the body's when {@code true}. */
	private volatile boolean bodyTurn = true;

	/** The thread waiting for the body, to unpark when the turn comes back. */
	private volatile @Nullable Thread caller;

	/**
	 * Caller to body: {@code byte[]}, {@link Closed} or {@link Failure}; read after the
	 * turn flag.
	 */
	private @Nullable Object toBody;

	/**
	 * Body to caller: {@link #WAITING}, {@link #ENDED} or a {@link Throwable}; read after
	 * the turn flag.
	 */
	private @Nullable Object toCaller;

	/** Set by the caller once the body has ended. */
	private volatile boolean ended;

	/** The close reason delivered to the body; body thread only. */
	private @Nullable String closedReason;

	ImperativeHandler(Imperative.Body body, Connection connection) {
		this.body = body;
		this.connection = connection;
		this.thread = BodyThreads.newThread(this::runBody);
	}

	/**
	 * Runs the body up to its first {@code next()}, then installs this handler; a body
	 * that ends there closes the connection without a handler.
	 */
	void start() throws Exception {
		this.caller = Thread.currentThread();
		this.thread.start();
		Object outcome = awaitBody();
		if (outcome == WAITING) {
			this.connection.setHandler(this);
		}
		else {
			complete(outcome);
		}
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		if (this.ended) {
			logger.debug("Input on {} after its imperative body ended dropped", connection);
			return;
		}
		complete(handOff(data));
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		if (this.ended) {
			return;
		}
		Object outcome = handOff(new Closed(reason));
		if (outcome instanceof RuntimeException ex) {
			throw ex;
		}
		if (outcome instanceof Error error) {
			throw error;
		}
		if (outcome instanceof Throwable failure) {
			throw new NgiException("Imperative body of " + connection + " failed after close " + reason, failure);
		}
		if (outcome == WAITING) {
			// Cannot happen: next() throws once a close was delivered.
			throw new IllegalStateException("Imperative body of " + connection + " waits after close");
		}
	}

	@Override
	public void handleException(Connection connection, Exception exception) throws Exception {
		if (this.ended) {
			throw exception;
		}
		complete(handOff(new Failure(exception)));
	}

	@Override
	public byte[] next() {
		if (Thread.currentThread() != this.thread) {
			throw new IllegalStateException("Input.next() called from " + Thread.currentThread()
					+ ", expected the body's thread " + this.thread);
		}
		String closed = this.closedReason;
		if (closed != null) {
			throw new ConnectionClosedException(closed);
		}
		Object event = awaitCaller(WAITING);
		if (event instanceof byte[] data) {
			return data;
		}
		if (event instanceof Closed close) {
			this.closedReason = close.reason();
			throw new ConnectionClosedException(close.reason());
		}
		Exception failure = ((Failure) event).exception();
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		throw new NgiException("writeLines failed on " + this.connection + ": " + failure, failure);
	}

	private void complete(Object outcome) throws Exception {
		if (outcome == WAITING) {
			return;
		}
		if (outcome == ENDED) {
			this.connection.close();
			return;
		}
		if (outcome instanceof Exception ex) {
			throw ex;
		}
		throw (Error) outcome;
	}

	private void runBody() {
		Object outcome;
		try {
			this.body.run(this.connection, this);
			outcome = ENDED;
		}
		catch (ConnectionClosedException ex) {
			// Letting the delivered close propagate is the normal end of a body.
			outcome = (this.closedReason != null) ? ENDED : ex;
		}
		catch (Throwable ex) {
			outcome = ex;
		}
		this.toCaller = outcome;
		Thread waiting = this.caller;
		this.bodyTurn = false;
		LockSupport.unpark(waiting);
	}

	/** Caller side: gives the body an event and waits for its outcome. */
	private Object handOff(Object event) {
		this.caller = Thread.currentThread();
		this.toBody = event;
		this.bodyTurn = true;
		LockSupport.unpark(this.thread);
		return awaitBody();
	}

	private Object awaitBody() {
		boolean interrupted = false;
		for (int i = 0; i < CALLER_SPINS && this.bodyTurn; i++) {
			Thread.onSpinWait();
		}
		while (this.bodyTurn) {
			LockSupport.park(this);
			// The body must finish its turn whatever happens here: keep waiting, restore
			// the flag after.
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Object outcome = this.toCaller;
		this.toCaller = null;
		if (outcome != WAITING) {
			this.ended = true;
		}
		return (outcome != null) ? outcome : ENDED;
	}

	/** Body side: gives the turn back with {@code reply} and waits for the next event. */
	private Object awaitCaller(Object reply) {
		this.toCaller = reply;
		Thread waiting = this.caller;
		this.bodyTurn = false;
		LockSupport.unpark(waiting);
		boolean interrupted = false;
		for (int i = 0; i < BODY_SPINS && !this.bodyTurn; i++) {
			Thread.onSpinWait();
		}
		while (!this.bodyTurn) {
			LockSupport.park(this);
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Object event = this.toBody;
		this.toBody = null;
		return (event != null) ? event : new Closed("closed");
	}

	@Override
	public String toString() {
		return "ImperativeHandler(" + this.connection + ")";
	}

	private record Closed(String reason) {
	}

	private record Failure(Exception exception) {
	}

}
