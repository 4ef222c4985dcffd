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

package io.ngi.client;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Addresses;
import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.Implementation;
import io.ngi.Server;

/**
 * Keeps one connection open to an address: connects at once, hands each established
 * connection to an ordinary {@link Server} (which sets the handler, as for an accepted
 * connection), and after a failed connect or a close (by the peer, a failure, an idle
 * timeout, or the application closing the connection) waits the next {@link Backoff}
 * delay and connects again, until {@link #close()}.
 *
 * {@snippet :
 * ReconnectingClient client = ReconnectingClient
 * 	.builder(implementation, address, connection -> connection.setHandler(feed))
 * 	.backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30)))
 * 	.options(ConnectOptions.builder().timeout(Duration.ofSeconds(5)).build())
 * 	.build(); // starts connecting at once
 * client.write(request);  // false while disconnected
 * client.close();         // stops reconnecting and closes the connection
 * }
 * <p>
 * Waits go through {@link Implementation#schedule}: a waiting client is one timer on the
 * implementation's loop, with no thread of its own, and the testing implementation's
 * virtual time drives it ({@code advance(...)}). The delay restarts from the backoff's
 * first after a connection that stayed open for {@link Builder#resetBackoffAfter
 * resetBackoffAfter} (5 s by default), so a client that lost a healthy upstream comes
 * back quickly, while one facing a dead upstream, or an upstream that accepts and closes
 * at once, slows down to the backoff's maximum.
 * <p>
 * Give it an unresolved address ({@link io.ngi.Addresses#parseForConnect} or
 * {@link java.net.InetSocketAddress#createUnresolved}) to have the host name looked up at
 * every connect: the client then follows a DNS change (an upstream moved in a rolling
 * deployment), and a name that does not resolve yet is one more failed connect. A
 * resolved address is connected to as it is, for ever.
 * <p>
 * A server that throws is treated as a failed connect, not as a success: the connection
 * is closed, the failure logged, and the client backs off as after any failure, so a
 * broken server cannot make the client reconnect in a tight loop. The first failure of a
 * run is logged at WARN (a throwing server at ERROR, with its stack trace), the rest of
 * the run at DEBUG, and the success that ends a run at INFO: a dead upstream is one line,
 * not one per attempt.
 * <p>
 * The server must set a handler (now or later): the client learns that its connection
 * ended through that handler's {@code handleClose}, and through {@code close()} on the
 * connection it was given. Handler calls receive that same connection object.
 * <p>
 * All methods are thread-safe; the state and counters may be read from any thread.
 * {@link #close()} is idempotent and final: a closed client never connects again.
 */
public final class ReconnectingClient implements AutoCloseable {

	/** The default backoff: exponential with full jitter, from 100 ms up to 30 s. */
	public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));

	/**
	 * The shortest wait: a backoff's shorter delays (zero, negative, or a full-jitter
	 * draw near zero) are raised to it, so no backoff can make a client spin (on NIO a
	 * zero-delay reconnect to a dead port is a busy loop; in virtual time it would never
	 * let {@code advance} return).
	 */
	public static final Duration MIN_DELAY = Duration.ofMillis(1);

	/**
	 * The default of {@link Builder#resetBackoffAfter}: a connection open this long was a
	 * healthy one, and the wait after it is the backoff's first again.
	 */
	public static final Duration DEFAULT_RESET_BACKOFF_AFTER = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingClient.class);

	private final Implementation implementation;

	private final SocketAddress address;

	private final Server server;

	private final Backoff backoff;

	private final Duration resetBackoffAfter;

	private final ConnectOptions options;

	/** The options of each connect: its failure logged here, once per run, not by NIO. */
	private final ConnectOptions attemptOptions;

	private final String name;

	private final @Nullable ClientObserver observer;

	// Written under the lock (this), read without it.

	private volatile State state = State.CONNECTING;

	private volatile @Nullable ClientConnection connection;

	private volatile long attempts;

	private volatile long failures;

	private volatile int consecutiveFailures;

	private volatile @Nullable Instant connectedSince;

	private volatile @Nullable Instant nextAttempt;

	private volatile @Nullable CloseReason lastFailure;

	// Guarded by the lock (this).

	/** The connect in flight; a callback of an older one is stale. */
	private @Nullable Attempt attempt;

	private @Nullable Cancellable pending;

	/**
	 * Waits since the last connection that stayed open for resetBackoffAfter: the
	 * backoff's retry number.
	 */
	private int retries;

	private ReconnectingClient(Builder builder) {
		this.implementation = builder.implementation;
		this.address = builder.address;
		this.server = builder.server;
		this.backoff = builder.backoff;
		this.resetBackoffAfter = builder.resetBackoffAfter;
		this.options = builder.options;
		this.attemptOptions = builder.options.toBuilder().logFailure(false).build();
		this.name = (builder.name != null) ? builder.name : Addresses.format(builder.address);
		this.observer = builder.observer;
	}

	/**
	 * Returns a builder of a client that connects to {@code address} on
	 * {@code implementation} and hands each connection to {@code server}.
	 * @param implementation the implementation that connects and keeps the timers
	 * @param address where to connect
	 * @param server called with each established connection; sets its handler
	 * @return a new builder
	 */
	public static Builder builder(Implementation implementation, SocketAddress address, Server server) {
		return new Builder(implementation, address, server);
	}

	/**
	 * Returns the client's name, for logs: the builder's, or the address.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the address the client connects to.
	 * @return the address
	 */
	public SocketAddress address() {
		return this.address;
	}

	/**
	 * Returns the backoff that chooses the delays.
	 * @return the backoff
	 */
	public Backoff backoff() {
		return this.backoff;
	}

	/**
	 * Returns the options of every connect, as given to the builder.
	 * @return the connect options
	 */
	public ConnectOptions options() {
		return this.options;
	}

	/**
	 * Returns how long a connection must stay open for the next wait to be the backoff's
	 * first again.
	 * @return the duration, zero or more
	 */
	public Duration resetBackoffAfter() {
		return this.resetBackoffAfter;
	}

	/**
	 * Returns what the client is doing now.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Returns whether the client has an open connection now.
	 * @return whether it is connected
	 */
	public boolean isConnected() {
		return this.state == State.CONNECTED;
	}

	/**
	 * Returns the open connection now: the one the server was given, whose
	 * {@code close()} makes the client connect again.
	 * @return the connection, or {@code null} while not connected and after
	 * {@link #close()}
	 */
	public @Nullable Connection connection() {
		ClientConnection connection = this.connection;
		return (connection != null && connection.isOpen()) ? connection : null;
	}

	/**
	 * Writes {@code data} to the open connection, if there is one; see
	 * {@link Connection#write(byte[])}. Thread-safe. Nothing is queued for a later
	 * connection: a caller that must not lose data keeps it until the server sees it
	 * acknowledged.
	 * @param data the bytes to send
	 * @return {@code true} if the data was queued on the open connection, {@code false}
	 * if the client is not connected (the data is dropped)
	 * @throws IllegalStateException if the client is closed
	 */
	public boolean write(byte[] data) {
		Objects.requireNonNull(data, "data");
		ClientConnection connection = this.connection;
		if (connection != null) {
			try {
				connection.write(data);
				return true;
			}
			catch (IllegalStateException ex) {
				// Closed by this side meanwhile: the application or close().
			}
		}
		if (this.state == State.CLOSED) {
			throw closed("write");
		}
		return false;
	}

	/**
	 * Returns how many connects the client started, successful or not.
	 * @return the number of attempts
	 */
	public long attempts() {
		return this.attempts;
	}

	/**
	 * Returns how many connects failed, in all (a server that threw counts).
	 * @return the number of failed attempts
	 */
	public long failures() {
		return this.failures;
	}

	/**
	 * Returns how many connects failed since the last successful one.
	 * @return the number of consecutive failures, 0 right after a success
	 */
	public int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * Returns when the open connection was established, on the implementation's clock.
	 * @return the instant, or {@code null} while not connected
	 */
	public @Nullable Instant connectedSince() {
		return this.connectedSince;
	}

	/**
	 * Returns when the next connect is due, on the implementation's clock.
	 * @return the instant, or {@code null} unless {@link State#WAITING}
	 */
	public @Nullable Instant nextAttempt() {
		return this.nextAttempt;
	}

	/**
	 * Returns why the last connect failed or the last connection closed (its kind and
	 * text; the cause is logged, not kept).
	 * @return the reason, or {@code null} if none did yet
	 */
	public @Nullable CloseReason lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Stops reconnecting and closes the connection (its output is sent first; its handler
	 * is not told, as for any close this side asks for). A pending wait is cancelled; a
	 * connect in flight is closed as soon as it completes. Idempotent and final:
	 * afterwards the client never connects again and {@link #write} throws. Thread-safe.
	 */
	@Override
	public void close() {
		State previous;
		ClientConnection connection;
		Cancellable pending;
		synchronized (this) {
			previous = this.state;
			if (previous == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			connection = this.connection;
			pending = this.pending;
			this.connection = null;
			this.pending = null;
			this.attempt = null;
			this.connectedSince = null;
			this.nextAttempt = null;
		}
		if (pending != null) {
			pending.cancel();
		}
		if (connection != null) {
			connection.closeQuietly();
		}
		logger.debug("Client '{}' to {} closed", this.name, Addresses.format(this.address));
		notifyObserver(previous, State.CLOSED, null);
	}

	/** Starts a connect, unless closed; called by build() and by the backoff timer. */
	private void connect() {
		Attempt attempt = new Attempt();
		State previous;
		synchronized (this) {
			previous = this.state;
			if (previous == State.CLOSED) {
				return;
			}
			this.pending = null;
			this.nextAttempt = null;
			this.attempt = attempt;
			this.attempts++;
			this.state = State.CONNECTING;
		}
		if (previous != State.CONNECTING) {
			notifyObserver(previous, State.CONNECTING, null);
		}
		try {
			this.implementation.connect(this.address, attempt, this.attemptOptions);
		}
		catch (RuntimeException ex) {
			// A closed implementation, or an address it cannot use.
			failed(attempt, new CloseReason(CloseReason.Kind.LOCAL_ERROR, ex.toString(), ex));
		}
	}

	private void connected(Attempt attempt, Connection raw) {
		ClientConnection connection;
		synchronized (this) {
			if (this.attempt != attempt || this.state == State.CLOSED) {
				connection = null;
			}
			else {
				this.attempt = null;
				connection = new ClientConnection(raw, this);
				this.connection = connection;
			}
		}
		if (connection == null) {
			raw.close();
			return;
		}
		try {
			this.server.connected(connection);
		}
		catch (Exception ex) {
			synchronized (this) {
				if (this.connection != connection) {
					// Closed meanwhile, by close() or by the server itself.
					connection.closeQuietly();
					return;
				}
				this.connection = null;
			}
			connection.closeQuietly();
			failure(State.CONNECTING, CloseReason.handlerFailed(ex));
			return;
		}
		int failed;
		synchronized (this) {
			if (this.connection != connection || this.state == State.CLOSED) {
				return;
			}
			failed = this.consecutiveFailures;
			this.consecutiveFailures = 0;
			this.connectedSince = this.implementation.clock().instant();
			this.state = State.CONNECTED;
		}
		if (failed > 0) {
			logger.info("Client '{}' connected to {} after {} failed attempt(s)", this.name,
					Addresses.format(this.address), failed);
		}
		else {
			logger.debug("Client '{}' connected to {}", this.name, Addresses.format(this.address));
		}
		notifyObserver(State.CONNECTING, State.CONNECTED, null);
	}

	private void failed(Attempt attempt, CloseReason reason) {
		synchronized (this) {
			if (this.attempt != attempt || this.state == State.CLOSED) {
				return;
			}
			this.attempt = null;
		}
		failure(State.CONNECTING, reason);
	}

	/** A connect failed (the server threw, or the connect itself): count, log, wait. */
	private void failure(State from, CloseReason reason) {
		boolean first;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			first = this.consecutiveFailures == 0;
			this.consecutiveFailures++;
			this.failures++;
			this.lastFailure = withoutCause(reason);
		}
		Throwable cause = reason.cause();
		if (reason.is(CloseReason.Kind.HANDLER_FAILED) && cause != null) {
			if (first) {
				logger.error("Client '{}': the server failed on a new connection to {}; closed it, will connect again",
						this.name, Addresses.format(this.address), cause);
			}
			else {
				logger.debug("Client '{}': the server failed again on a new connection to {}: {}", this.name,
						Addresses.format(this.address), cause.toString());
			}
		}
		else if (first) {
			logger.warn("Client '{}' cannot connect to {}: {}; will retry with backoff {} (further failures at DEBUG)",
					this.name, Addresses.format(this.address), reason.text(), this.backoff);
		}
		else {
			logger.debug("Client '{}' cannot connect to {}: {}", this.name, Addresses.format(this.address),
					reason.text());
		}
		waitAndConnect(from, reason);
	}

	/** The connection ended: told by its handler's handleClose or its close(). */
	void disconnected(ClientConnection connection, CloseReason reason) {
		State from;
		synchronized (this) {
			from = this.state;
			if (this.connection != connection || from == State.CLOSED) {
				return;
			}
			Instant since = this.connectedSince;
			if (since != null && Duration.between(since, this.implementation.clock().instant())
				.compareTo(this.resetBackoffAfter) >= 0) {
				this.retries = 0;
			}
			this.connection = null;
			this.connectedSince = null;
			this.lastFailure = withoutCause(reason);
		}
		if (from == State.CONNECTED) {
			logger.info("Client '{}': connection to {} closed ({}); connecting again", this.name,
					Addresses.format(this.address), reason);
			waitAndConnect(State.CONNECTED, reason);
		}
		else {
			// The server closed the connection it was handed: a failed connect.
			failure(State.CONNECTING, reason);
		}
	}

	private void waitAndConnect(State from, CloseReason reason) {
		State to;
		synchronized (this) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.retries = (this.retries == Integer.MAX_VALUE) ? this.retries : this.retries + 1;
			Duration delay = delay(this.retries);
			try {
				this.pending = this.implementation.schedule(delay, this::connect);
				this.nextAttempt = this.implementation.clock().instant().plus(delay);
				to = State.WAITING;
			}
			catch (RuntimeException ex) {
				// The implementation is closed: nothing can connect any more.
				logger.info("Client '{}' to {} stops: its implementation cannot schedule ({})", this.name,
						Addresses.format(this.address), ex.toString());
				this.nextAttempt = null;
				to = State.CLOSED;
			}
			this.state = to;
		}
		notifyObserver(from, to, reason);
	}

	private Duration delay(int retry) {
		Duration delay;
		try {
			delay = this.backoff.delay(retry);
		}
		catch (RuntimeException ex) {
			logger.warn("Client '{}': backoff {} failed for retry {}; waiting {}", this.name, this.backoff, retry,
					DEFAULT_BACKOFF, ex);
			delay = DEFAULT_BACKOFF.delay(retry);
		}
		if (delay == null || delay.compareTo(MIN_DELAY) < 0) {
			return MIN_DELAY;
		}
		return delay;
	}

	private static CloseReason withoutCause(CloseReason reason) {
		// The cause (an exception and its stack) is logged, not kept: a client waiting
		// through a long outage holds a few small objects, not a stack trace.
		return (reason.cause() != null) ? CloseReason.of(reason.kind(), reason.text()) : reason;
	}

	private void notifyObserver(State from, State to, @Nullable CloseReason reason) {
		ClientObserver observer = this.observer;
		if (observer == null) {
			return;
		}
		try {
			observer.stateChanged(this, from, to, reason);
		}
		catch (RuntimeException ex) {
			logger.warn("Client '{}': observer {} failed on {} -> {}", this.name, observer, from, to, ex);
		}
	}

	private IllegalStateException closed(String operation) {
		return new IllegalStateException("Cannot " + operation + ": client '" + this.name + "' (to "
				+ Addresses.format(this.address) + ") is closed, and a closed client never connects again; "
				+ "build a new ReconnectingClient, or stop using this one after close()");
	}

	@Override
	public String toString() {
		return "ReconnectingClient[" + this.name + " -> " + Addresses.format(this.address) + ", " + this.state
				+ ", attempts=" + this.attempts + "]";
	}

	/**
	 * What a client is doing.
	 */
	public enum State {

		/** A connect is in flight. */
		CONNECTING,

		/** The connection is open. */
		CONNECTED,

		/** Waiting for the backoff delay before the next connect. */
		WAITING,

		/** Closed by {@link #close()} (or its implementation closed): final. */
		CLOSED

	}

	/** One connect; a callback of an attempt that is no longer current is stale. */
	private final class Attempt implements ClientConnectHandler {

		@Override
		public void connected(Connection connection) {
			ReconnectingClient.this.connected(this, connection);
		}

		@Override
		public void failedConnect(String reason) {
			failedConnect(CloseReason.of(CloseReason.Kind.LOCAL_ERROR, reason));
		}

		@Override
		public void failedConnect(CloseReason reason) {
			failed(this, reason);
		}

	}

	/**
	 * Builds a {@link ReconnectingClient}. Not thread-safe.
	 */
	public static final class Builder {

		private final Implementation implementation;

		private final SocketAddress address;

		private final Server server;

		private Backoff backoff = DEFAULT_BACKOFF;

		private Duration resetBackoffAfter = DEFAULT_RESET_BACKOFF_AFTER;

		private ConnectOptions options = ConnectOptions.defaults();

		private @Nullable String name;

		private @Nullable ClientObserver observer;

		private Builder(Implementation implementation, SocketAddress address, Server server) {
			this.implementation = Objects.requireNonNull(implementation, "implementation");
			this.address = Objects.requireNonNull(address, "address");
			this.server = Objects.requireNonNull(server, "server");
		}

		/**
		 * Sets the backoff; the default is {@link #DEFAULT_BACKOFF}.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(Backoff backoff) {
			this.backoff = Objects.requireNonNull(backoff, "backoff");
			return this;
		}

		/**
		 * Sets how long a connection must stay open for the wait after it to be the
		 * backoff's first again; the default is {@link #DEFAULT_RESET_BACKOFF_AFTER}. A
		 * connection closed sooner (an upstream that accepts and closes at once, or fails
		 * each session) counts as one more retry, so such an upstream is not reconnected
		 * to ten times a second. Zero resets after every connection.
		 * @param resetBackoffAfter the duration, zero or more
		 * @return this builder
		 */
		public Builder resetBackoffAfter(Duration resetBackoffAfter) {
			Objects.requireNonNull(resetBackoffAfter, "resetBackoffAfter");
			if (resetBackoffAfter.isNegative()) {
				throw new IllegalArgumentException("resetBackoffAfter must not be negative: " + resetBackoffAfter);
			}
			this.resetBackoffAfter = resetBackoffAfter;
			return this;
		}

		/**
		 * Sets the options of every connect (timeout, idle timeout, TLS, ...).
		 * @param options the options
		 * @return this builder
		 */
		public Builder options(ConnectOptions options) {
			this.options = Objects.requireNonNull(options, "options");
			return this;
		}

		/**
		 * Sets the name used in logs; the default is the address.
		 * @param name the name, not blank
		 * @return this builder
		 */
		public Builder name(String name) {
			Objects.requireNonNull(name, "name");
			if (name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank: '" + name + "'");
			}
			this.name = name;
			return this;
		}

		/**
		 * Adds an observer of state changes; observers added earlier are called first.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(ClientObserver observer) {
			Objects.requireNonNull(observer, "observer");
			ClientObserver previous = this.observer;
			this.observer = (previous == null) ? observer : (client, from, to, reason) -> {
				previous.stateChanged(client, from, to, reason);
				observer.stateChanged(client, from, to, reason);
			};
			return this;
		}

		/**
		 * Builds the client, which starts connecting at once (with the testing
		 * implementation: inside this call).
		 * @return the client
		 */
		public ReconnectingClient build() {
			ReconnectingClient client = new ReconnectingClient(this);
			client.connect();
			return client;
		}

	}

}
