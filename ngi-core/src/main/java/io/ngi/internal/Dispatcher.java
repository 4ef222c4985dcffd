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

package io.ngi.internal;

import java.util.ArrayDeque;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * The per-connection event serializer that both implementations use: it keeps contract
 * rules 1 to 3 and 5 (no concurrent or re-entrant handler calls, events queued while a
 * call runs or before a handler is set, no input after this side's close, failures
 * closing the connection) in one place, so the testing implementation runs the same code
 * as NIO.
 * <p>
 * Confined: every method except {@link PendingCall#complete()}/{@link PendingCall#fail}
 * and {@link #isOpen()} is called by the connection's owner, one thread at a time (the
 * NIO loop thread; in the testing implementation, whichever thread holds the
 * implementation's lock). The {@link Transport} moves bytes; the dispatcher only decides
 * which handler method runs when.
 * <p>
 * The state, as the handler sees it:
 * <ul>
 * <li>{@code OPEN}: events are delivered.</li>
 * <li>{@code CLOSING}: this side called {@code close()}; no event reaches the handler any
 * more (queued ones are dropped) while the transport flushes the output.</li>
 * <li>{@code CLOSED}: the connection is gone; a close that this side did not ask for is
 * delivered once, after the events queued before it.</li>
 * </ul>
 * A handler call may be {@linkplain #suspendCurrentCall() suspended}: it then ends when
 * every pending call taken during it is completed, from any thread, and until then the
 * connection counts as being inside a handler call (input waits, other events are
 * queued). How the end reaches the owner is the transport's: NIO posts it to the loop and
 * lets the loop serve others meanwhile; the testing implementation's caller waits for it,
 * so everything stays deterministic.
 */
public final class Dispatcher {

	/** The dispatcher whose handler call runs on this thread, innermost first. */
	private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);

	private static final Object INPUT_CLOSED = new Object();

	private static final Object WRITABLE = new Object();

	private final Connection connection;

	private final Transport transport;

	private final ArrayDeque<Object> pending = new ArrayDeque<>(2);

	private volatile State state = State.OPEN;

	private @Nullable ConnectionHandler handler;

	private boolean dispatching;

	private boolean paused;

	private boolean closeDelivered;

	/** Suspended calls not yet ended. */
	private int holds;

	/** Counts {@link #abandonSuspendedCalls()}, so that calls ended later are ignored. */
	private int generation;

	/**
	 * Creates the dispatcher of one connection.
	 * @param connection the connection handlers get
	 * @param transport the side that moves the bytes
	 */
	public Dispatcher(Connection connection, Transport transport) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.transport = Objects.requireNonNull(transport, "transport");
	}

	/**
	 * Suspends the handler call running on this thread, if any: the call ends when the
	 * returned pending call is completed (see {@link Dispatcher}). Used by handlers that
	 * run application code on threads of their own.
	 * @return the pending call, or {@code null} if no handler call runs on this thread
	 */
	public static @Nullable PendingCall suspendCurrentCall() {
		Dispatcher current = CURRENT.get().dispatcher;
		if (current == null || !current.dispatching) {
			return null;
		}
		current.holds++;
		return new SuspendedCall(current, current.generation);
	}

	/**
	 * Returns whether the connection is open for its handler: neither closed by this side
	 * nor by the peer. Any thread.
	 * @return whether it is open
	 */
	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	Transport transport() {
		return this.transport;
	}

	/**
	 * Returns the handler set.
	 * @return the handler, or {@code null}
	 */
	public @Nullable ConnectionHandler handler() {
		return this.handler;
	}

	/**
	 * Returns whether the handler can take input now: open, a handler set, not paused,
	 * and no call running or suspended. NIO reads the socket only then.
	 * @return whether input would be delivered at once
	 */
	public boolean wantsInput() {
		return this.state == State.OPEN && this.handler != null && !this.paused && !this.dispatching && this.holds == 0
				&& this.pending.isEmpty();
	}

	/**
	 * Returns whether input delivery is paused.
	 * @return whether it is paused
	 */
	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * Returns whether a handler call is suspended.
	 * @return whether a suspended call is not ended yet
	 */
	public boolean isSuspended() {
		return this.holds > 0;
	}

	/**
	 * Sets the handler and delivers what waited for one, unless a call runs.
	 * @param handler the handler
	 */
	public void setHandler(ConnectionHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		if (!this.dispatching && this.holds == 0) {
			drain();
			this.transport.inputDemandChanged();
		}
	}

	/**
	 * Pauses or resumes input delivery: while paused, input (and what follows it) is held
	 * in order.
	 * @param paused whether to pause
	 */
	public void setPaused(boolean paused) {
		if (this.paused == paused) {
			return;
		}
		this.paused = paused;
		if (!paused) {
			drain();
		}
		this.transport.inputDemandChanged();
	}

	/**
	 * Delivers input, now if the handler is idle, else after what is queued.
	 * @param data the bytes, owned by the handler from now on
	 */
	public void input(byte[] data) {
		if (this.state != State.OPEN) {
			return;
		}
		ConnectionHandler current = this.handler;
		if (current != null && !this.dispatching && this.holds == 0 && !this.paused && this.pending.isEmpty()) {
			deliver(current, data);
			afterCall();
			return;
		}
		if (current == null && this.pending.peekLast() instanceof byte[] last) {
			// Rule 2: consecutive inputs before a handler is set are merged.
			byte[] merged = new byte[last.length + data.length];
			System.arraycopy(last, 0, merged, 0, last.length);
			System.arraycopy(data, 0, merged, last.length, data.length);
			this.pending.pollLast();
			this.pending.add(merged);
			return;
		}
		queue(data);
	}

	/**
	 * Delivers the peer's end of input as {@link ConnectionHandler#handleInputClosed}
	 * (half-close allowed).
	 */
	public void inputClosed() {
		if (this.state == State.OPEN) {
			queue(INPUT_CLOSED);
		}
	}

	/**
	 * Delivers a failure of a {@code writeLines} source to
	 * {@link ConnectionHandler#handleException}. Each failure is delivered; none replaces
	 * another.
	 * @param failure the failure
	 */
	public void writeFailed(Exception failure) {
		if (this.state != State.OPEN) {
			this.transport.logger().warn("writeLines failed on {} after it was closed", this.connection, failure);
			return;
		}
		queue(new WriteFailure(failure));
	}

	/** Delivers {@link ConnectionHandler#handleWritable}. */
	public void writable() {
		if (this.state == State.OPEN) {
			queue(WRITABLE);
		}
	}

	/**
	 * Runs {@code call} as a handler call of this connection (a server's or connect
	 * handler's {@code connected}, a connection task): serialized with the handler's
	 * other calls, failures handled as a handler's.
	 * @param what what runs, for the log
	 * @param call the call
	 */
	public void run(String what, HandlerCall call) {
		if (this.state == State.CLOSING || this.closeDelivered) {
			// A connection the peer closed still gets its connected call: its handler
			// then receives what arrived before the close, and the close.
			return;
		}
		if (!this.dispatching && this.holds == 0) {
			invoke(what, call);
			afterCall();
		}
		else {
			queue(new Task(what, call));
		}
	}

	/**
	 * This side closed the connection: queued events are dropped and no more reach the
	 * handler. Idempotent.
	 */
	public void localClose() {
		if (this.state == State.OPEN) {
			this.state = State.CLOSING;
			this.pending.clear();
			this.transport.inputDemandChanged();
		}
	}

	/**
	 * The connection closed without this side asking: the handler gets
	 * {@code handleClose(reason)} once, after the events queued before. Nothing is
	 * delivered if this side had closed it already.
	 * @param reason why
	 */
	public void closed(CloseReason reason) {
		if (this.state == State.CLOSED) {
			return;
		}
		boolean told = this.state == State.OPEN;
		this.state = State.CLOSED;
		if (told) {
			queue(new Closed(reason));
		}
	}

	/**
	 * Ends every suspended call now: the implementation is going away and nothing would
	 * deliver what waits for them. Calls ended later are ignored; what was queued
	 * (normally the close) is delivered now.
	 */
	public void abandonSuspendedCalls() {
		if (this.holds > 0) {
			this.holds = 0;
			this.generation++;
			drain();
		}
	}

	private void queue(Object event) {
		this.pending.add(event);
		if (!this.dispatching && this.holds == 0) {
			drain();
		}
	}

	/** Delivers queued events until none is left or a call is suspended. */
	private void drain() {
		while (!this.dispatching && this.holds == 0) {
			ConnectionHandler current = this.handler;
			Object event = this.pending.peek();
			if (current == null || event == null || this.closeDelivered) {
				if (this.closeDelivered) {
					this.pending.clear();
				}
				return;
			}
			if (this.paused && (event instanceof byte[] || event == INPUT_CLOSED || event instanceof Closed)) {
				return;
			}
			this.pending.poll();
			dispatch(current, event);
			afterCall();
		}
	}

	private void dispatch(ConnectionHandler current, Object event) {
		// What is queued arrived before any close: a local close or a failure cleared the
		// queue, a close by the peer comes last.
		if (event instanceof byte[] data) {
			deliver(current, data);
		}
		else if (event instanceof Closed closed) {
			this.closeDelivered = true;
			deliverClose(current, closed.reason());
		}
		else if (event == INPUT_CLOSED) {
			invoke("handleInputClosed", () -> current.handleInputClosed(this.connection));
		}
		else if (event == WRITABLE) {
			invoke("handleWritable", () -> current.handleWritable(this.connection));
		}
		else if (event instanceof WriteFailure failure) {
			this.transport.logger().debug("writeLines failed on {}", this.connection, failure.failure());
			invoke("handleException", () -> current.handleException(this.connection, failure.failure()));
		}
		else if (event instanceof Task task) {
			invoke(task.what(), task.call());
		}
	}

	/** The hot path: one input, no lambda. */
	private void deliver(ConnectionHandler current, byte[] data) {
		Current thread = CURRENT.get();
		Dispatcher outer = enter(thread);
		try {
			current.handleInput(this.connection, data);
		}
		catch (Throwable ex) {
			exit(thread, outer);
			failed("handleInput", ex);
			return;
		}
		exit(thread, outer);
	}

	private void invoke(String what, HandlerCall call) {
		Current thread = CURRENT.get();
		Dispatcher outer = enter(thread);
		try {
			call.run();
		}
		catch (Throwable ex) {
			exit(thread, outer);
			failed(what, ex);
			return;
		}
		exit(thread, outer);
	}

	/**
	 * Marks a call of this dispatcher as running on this thread; returns what to give
	 * {@link #exit}. One thread-local lookup per call, on the hot path.
	 */
	private @Nullable Dispatcher enter(Current thread) {
		this.dispatching = true;
		Dispatcher outer = thread.dispatcher;
		thread.dispatcher = this;
		return outer;
	}

	private void exit(Current thread, @Nullable Dispatcher outer) {
		this.dispatching = false;
		thread.dispatcher = outer;
	}

	/** After a call: wait for its suspension if the transport wants that, then go on. */
	private void afterCall() {
		if (this.holds > 0) {
			this.transport.awaitResumption();
			if (this.holds > 0) {
				this.transport.inputDemandChanged();
				return;
			}
		}
		drain();
		this.transport.inputDemandChanged();
	}

	private void deliverClose(ConnectionHandler current, CloseReason reason) {
		Current thread = CURRENT.get();
		Dispatcher outer = enter(thread);
		try {
			current.handleClose(this.connection, reason);
			exit(thread, outer);
		}
		catch (Throwable ex) {
			exit(thread, outer);
			this.transport.logger()
				.error("Exception raised by handleClose({}) on {}", reason.text(), this.connection, ex);
			this.transport.handlerFailed(ex);
			rethrowIfPropagated(ex);
		}
	}

	/**
	 * Handles a failed call (rule 5): logged, recorded by the transport, the connection
	 * closed, and the handler told with {@link CloseReason.Kind#HANDLER_FAILED}. Errors
	 * count too (a failed assertion in a test handler, a stack overflow): only this
	 * connection closes; the testing implementation then rethrows them.
	 */
	private void failed(String what, Throwable failure) {
		this.transport.logger().error("{} failed on {}", what, this.connection, failure);
		this.transport.handlerFailed(failure);
		if (!this.closeDelivered) {
			CloseReason reason = CloseReason.handlerFailed(failure);
			boolean wasOpen = this.state == State.OPEN;
			this.state = State.CLOSED;
			this.pending.clear();
			this.pending.add(new Closed(reason));
			if (wasOpen) {
				this.transport.closeAfterFailure(reason);
			}
		}
		rethrowIfPropagated(failure);
	}

	private void rethrowIfPropagated(Throwable failure) {
		if (failure instanceof Error error && this.transport.propagatesErrors()) {
			drain();
			throw error;
		}
	}

	/** A suspended call ended; owner thread. */
	void resumed(int callGeneration, @Nullable Throwable failure) {
		if (callGeneration != this.generation) {
			if (failure != null) {
				this.transport.logger()
					.error("suspended handler call failed on {} after it was abandoned", this.connection, failure);
				this.transport.handlerFailed(failure);
			}
			return;
		}
		this.holds--;
		if (failure != null) {
			failed("suspended handler call", failure);
		}
		if (this.holds == 0) {
			this.transport.suspensionEnded();
			if (!this.dispatching) {
				drain();
				this.transport.inputDemandChanged();
			}
		}
	}

	@Override
	public String toString() {
		return "Dispatcher[" + this.connection + ", " + this.state + "]";
	}

	/** The dispatcher whose call runs on a thread, if any. */
	private static final class Current {

		@Nullable Dispatcher dispatcher;

	}

	private enum State {

		OPEN, CLOSING, CLOSED

	}

	private record Closed(CloseReason reason) {
	}

	private record WriteFailure(Exception failure) {
	}

	private record Task(String what, HandlerCall call) {
	}

}
