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

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.NgiException;
import io.ngi.internal.Dispatcher;
import io.ngi.internal.PendingCall;

/**
 * The handler of one connection of an {@link Imperative}, and the {@link Input} of its
 * body, which runs on a thread of its own.
 * <p>
 * Inside an implementation's handler call (the normal case, on either implementation)
 * each event goes into an inbox and suspends the handler call
 * ({@link Dispatcher#suspendCurrentCall()}, found whatever wrappers sit between this
 * handler and the connection); the body takes events from the inbox, and when it waits
 * again with the inbox empty it completes the suspended call, which lets the
 * implementation deliver the next event. The body's code never runs concurrently with the
 * connection's other handler calls, and input is not delivered while it works. How the
 * end of the call reaches the implementation is the implementation's: NIO's loop serves
 * other connections meanwhile (a body that blocks holds up only its own connection); the
 * testing implementation's caller waits for it, so transcripts are deterministic. A body
 * failure ends the suspended call as a handler failure.
 * <p>
 * Started outside any handler call (a caller that calls {@code connected} itself), the
 * hand-off is strict instead: the caller parks until the body waits again or ends. The
 * side that gives the turn writes its message, sets a turn flag (a volatile write that
 * publishes the message) and unparks the other; callers take turns through a lock, so the
 * caller's calls and a {@code close()} from outside the body (which hands the body
 * {@code "closed"}) never overlap.
 * <p>
 * The body works on a {@link BodyConnection}, whose {@code close()} ends a waiting body.
 */
final class ImperativeHandler implements ConnectionHandler, Input {

	// Past 500 lines, much of it documentation: the handler joins two hand-offs (the
	// suspended inbox and the strict Turn) with the close-from-outside rules that both
	// must keep; the strict protocol itself lives in Turn.

	private static final Logger logger = LoggerFactory.getLogger(ImperativeHandler.class);

	/** Body to caller: the body waits in {@code next()}. */
	private static final Object WAITING = new Object();

	/** Body to caller: the body returned (or ended with the close delivered to it). */
	private static final Object ENDED = new Object();

	/** Caller to body: from now on, take events from the inbox (suspending mode). */
	private static final Object SWITCH = new Object();

	private final Imperative.Body body;

	/** The connection the body sees: the adapter if any, over {@link #bodyConnection}. */
	private final Connection connection;

	private final BodyConnection bodyConnection;

	private final Thread thread;

	/** Serializes callers: the implementation's calls and a close from outside. */
	private final ReentrantLock callerLock = new ReentrantLock();

	/** Set when {@code close()} was called on the body's connection from outside it. */
	private volatile boolean closedOutside;

	/** Set once the close from outside was handed to the body. */
	private volatile boolean closeDelivered;

	/** The thread inside an adapter's event call, if any (see {@link BodyConnection}). */
	private volatile @Nullable Thread inEvent;

	/** Nesting of adapter event calls; event thread only. */
	private int eventDepth;

	/** The strict hand-off with the body, outside suspending mode. */
	private final Turn turn;

	/** Set by the caller once the body has ended. */
	private volatile boolean ended;

	/** The close reason delivered to the body; body thread only. */
	private @Nullable String closedReason;

	/**
	 * Whether events go through the inbox and suspended calls rather than the strict
	 * hand-off; decided once by {@link #start()}.
	 */
	private volatile boolean suspending;

	/** Guards the inbox state below (suspending mode). */
	private final Object inboxLock = new Object();

	/** Events for the body: {@code byte[]}, {@link Closed} or {@link Failure}. */
	private final ArrayDeque<Object> inbox = new ArrayDeque<>();

	/** The suspended call the body's current turn ends, if any. */
	private @Nullable PendingCall pending;

	/** Whether the body waits for the inbox. */
	private boolean bodyWaiting;

	/** Whether a close was put in the inbox. */
	private boolean closeQueued;

	ImperativeHandler(Imperative.Body body, Connection connection, Function<Connection, ? extends Connection> adapter) {
		this.body = body;
		this.bodyConnection = new BodyConnection(connection, this);
		this.connection = Objects.requireNonNull(adapter.apply(this.bodyConnection), "adapter result");
		this.thread = BodyThreads.newThread(this::runBody);
		this.turn = new Turn(this.thread);
	}

	/** The connection the body gets (the adapter if any). */
	Connection connection() {
		return this.connection;
	}

	/**
	 * Runs the body up to its first {@code next()}, then installs this handler; a body
	 * that ends there closes the connection without a handler.
	 */
	void start() throws Exception {
		if (startSuspended()) {
			return;
		}
		this.callerLock.lock();
		try {
			this.turn.callerIsCurrentThread();
			this.thread.start();
			Object outcome = awaitBody();
			if (outcome == WAITING) {
				this.connection.setHandler(this);
			}
			else {
				complete(outcome);
			}
		}
		finally {
			this.callerLock.unlock();
		}
		deliverCloseFromOutside();
	}

	/**
	 * Starts the body without waiting for it, if the real connection can suspend the call
	 * in progress: the handler is installed at once, and its events wait until the body
	 * first waits in {@code next()} (or ends).
	 * @return whether the body was started that way
	 */
	private boolean startSuspended() {
		PendingCall call = Dispatcher.suspendCurrentCall();
		if (call == null) {
			// Not inside an implementation call (a caller started the handler itself).
			return false;
		}
		this.pending = call;
		this.suspending = true;
		try {
			this.connection.setHandler(this);
			this.thread.start();
		}
		catch (RuntimeException | Error ex) {
			// The body never ran: end the suspended call, the caller closes the
			// connection.
			this.ended = true;
			this.pending = null;
			call.complete();
			throw ex;
		}
		return true;
	}

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		if (this.suspending) {
			offer(data, true);
			return;
		}
		this.callerLock.lock();
		try {
			if (this.ended) {
				logger.debug("Input on {} after its imperative body ended dropped", connection);
				return;
			}
			if (switchToSuspending()) {
				offer(data, true);
				return;
			}
			complete(handOff(data));
		}
		finally {
			this.callerLock.unlock();
		}
		deliverCloseFromOutside();
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		if (this.suspending) {
			offerClose(reason);
			return;
		}
		this.callerLock.lock();
		try {
			closeBody(connection, reason);
		}
		finally {
			this.callerLock.unlock();
		}
	}

	private void closeBody(Connection connection, String reason) {
		if (this.ended) {
			return;
		}
		if (switchToSuspending()) {
			offerClose(reason);
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
		if (this.suspending) {
			if (this.ended) {
				throw exception;
			}
			offer(new Failure(exception), true);
			return;
		}
		this.callerLock.lock();
		try {
			if (this.ended) {
				throw exception;
			}
			if (switchToSuspending()) {
				offer(new Failure(exception), true);
				return;
			}
			complete(handOff(new Failure(exception)));
		}
		finally {
			this.callerLock.unlock();
		}
		deliverCloseFromOutside();
	}

	/**
	 * After the body's connection closed: from the body, its next {@code next()} throws;
	 * from outside, the waiting body gets {@code "closed"} now or, if a caller holds the
	 * turn or an adapter's event call is in progress on this thread, when that call is
	 * done (and only if it did not deliver a close itself).
	 */
	void closed() {
		if (Thread.currentThread() == this.thread) {
			if (this.closedReason == null) {
				this.closedReason = "closed";
			}
			return;
		}
		this.closedOutside = true;
		if (this.inEvent != Thread.currentThread() && (this.suspending || !this.callerLock.isHeldByCurrentThread())) {
			deliverCloseFromOutside();
		}
		// else the event call in progress delivers it when it ends, unless it delivered a
		// close of its own.
	}

	void enterEvent() {
		if (this.eventDepth++ == 0) {
			this.inEvent = Thread.currentThread();
		}
	}

	void exitEvent() {
		if (--this.eventDepth == 0) {
			this.inEvent = null;
			deliverCloseFromOutside();
		}
	}

	/**
	 * Hands a close from outside to a waiting body. Whoever gets the lock delivers it:
	 * the closer, or the caller that held the lock, which checks again after unlocking.
	 */
	private void deliverCloseFromOutside() {
		if (this.suspending) {
			if (this.closedOutside) {
				offerClose("closed");
			}
			return;
		}
		while (this.closedOutside && !this.closeDelivered && !this.ended && this.callerLock.tryLock()) {
			try {
				if (this.closedOutside && !this.closeDelivered && !this.ended) {
					this.closeDelivered = true;
					Object outcome = handOff(new Closed("closed"));
					if (outcome instanceof Throwable failure) {
						logger.warn("Imperative body of {} failed after the connection was closed", this.connection,
								failure);
					}
				}
			}
			finally {
				this.callerLock.unlock();
			}
		}
	}

	/**
	 * Caller side, strict mode, caller lock held: a body started outside any handler call
	 * (a caller called {@code connected} itself) gets its first event inside an
	 * implementation's handler call. From then on it runs suspended, as if it had been
	 * started there: the implementation decides how to wait for it, so a caller never
	 * holds what the body's own calls on the connection need.
	 * @return whether the body now takes events from the inbox
	 */
	private boolean switchToSuspending() {
		PendingCall call = Dispatcher.suspendCurrentCall();
		if (call == null) {
			return false;
		}
		synchronized (this.inboxLock) {
			this.pending = call;
			this.suspending = true;
		}
		this.turn.give(SWITCH);
		return true;
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
		Object event = this.suspending ? takeFromInbox() : awaitCaller(WAITING);
		if (event == SWITCH) {
			event = takeFromInbox();
		}
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
		if (this.suspending) {
			endSuspended(outcome);
			return;
		}
		this.turn.end(outcome);
	}

	/**
	 * Loop side, suspending mode: puts an event in the inbox, suspending the call in
	 * progress unless the body's current turn already holds one (it then takes this event
	 * before ending its turn).
	 */
	private void offer(Object event, boolean suspend) {
		boolean wake;
		synchronized (this.inboxLock) {
			if (this.ended) {
				// The body is gone (it ends under this lock): nobody would take the
				// event.
				logger.debug("Event on {} after its imperative body ended dropped", this.connection);
				return;
			}
			this.inbox.add(event);
			if (suspend && this.pending == null) {
				this.pending = Dispatcher.suspendCurrentCall();
			}
			wake = this.bodyWaiting;
		}
		if (wake) {
			LockSupport.unpark(this.thread);
		}
	}

	/** Suspending mode: tells the body of a close, once. Any thread. */
	private void offerClose(String reason) {
		synchronized (this.inboxLock) {
			if (this.closeQueued || this.ended) {
				return;
			}
			this.closeQueued = true;
		}
		offer(new Closed(reason), true);
	}

	/**
	 * Body side, suspending mode: the next event from the inbox; if there is none, ends
	 * the suspended call of the turn and waits for one.
	 */
	private Object takeFromInbox() {
		PendingCall turnEnd;
		synchronized (this.inboxLock) {
			Object event = this.inbox.poll();
			if (event != null) {
				return event;
			}
			turnEnd = this.pending;
			this.pending = null;
			this.bodyWaiting = true;
		}
		if (turnEnd != null) {
			turnEnd.complete();
		}
		boolean interrupted = false;
		try {
			while (true) {
				synchronized (this.inboxLock) {
					Object event = this.inbox.poll();
					if (event != null) {
						this.bodyWaiting = false;
						return event;
					}
				}
				LockSupport.park(this);
				interrupted |= Thread.interrupted();
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Body side, suspending mode: the body ended. Closes the connection (normal end) or
	 * fails the suspended call (the implementation then logs the failure and closes).
	 */
	private void endSuspended(Object outcome) {
		PendingCall turnEnd;
		synchronized (this.inboxLock) {
			this.ended = true;
			turnEnd = this.pending;
			this.pending = null;
			this.inbox.clear();
		}
		if (outcome instanceof Throwable failure) {
			if (turnEnd != null) {
				turnEnd.fail(failure);
				return;
			}
			// Only after a close was delivered is the body outside a suspended call.
			logger.warn("Imperative body of {} failed after the connection was closed", this.connection, failure);
			this.connection.close();
			return;
		}
		try {
			this.connection.close();
		}
		finally {
			if (turnEnd != null) {
				turnEnd.complete();
			}
		}
	}

	/** Caller side: gives the body an event and waits for its outcome. */
	private Object handOff(Object event) {
		return outcome(this.turn.handOff(event));
	}

	private Object awaitBody() {
		return outcome(this.turn.awaitBody());
	}

	private Object outcome(@Nullable Object reply) {
		if (reply != WAITING) {
			this.ended = true;
		}
		return (reply != null) ? reply : ENDED;
	}

	/** Body side: gives the turn back with {@code reply} and waits for the next event. */
	private Object awaitCaller(Object reply) {
		Object event = this.turn.giveBack(reply);
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
