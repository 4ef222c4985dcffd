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

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Cancellable;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.NgiTimeoutException;
import io.ngi.OutputBounds;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;
import org.jspecify.annotations.Nullable;

/**
 * The socket implementation: TCP over IPv4, IPv6 and Unix domain sockets, and UDP, served
 * by one or more event loops, each a {@link java.nio.channels.Selector} and a thread
 * named {@code <name>-N}.
 * <p>
 * Each connection lives on one loop for life, so all of its handler calls happen on the
 * same thread; connections are spread over the loops round-robin. A loop thread starts
 * when the loop gets work and ends when nothing is registered on it any more (as zc.ngi's
 * loop does), so an idle implementation holds no thread; with {@code daemon(false)} the
 * threads keep the JVM alive exactly while listeners, connections or connects exist.
 * <p>
 * Output is bounded per connection: while more than {@code outputHighWaterMark} bytes are
 * queued (default {@value #DEFAULT_OUTPUT_HIGH_WATER_MARK}), the connection's input is
 * not read, so a peer that sends requests without reading the replies cannot grow this
 * side's memory; reading resumes at {@code outputLowWaterMark} (default
 * {@value #DEFAULT_OUTPUT_LOW_WATER_MARK}). Input is read at most 64 KiB at a time, so a
 * connection's queued output stays below the high-water mark plus what its handler writes
 * in answer to one such read. Output queued from other threads can still exceed that;
 * above {@code outputLimit} (default {@value #DEFAULT_OUTPUT_LIMIT}) the connection is
 * closed with {@link io.ngi.CloseReason.Kind#OUTPUT_LIMIT}. A listener's
 * {@link ListenOptions} may set its own bounds; these are the defaults.
 * <p>
 * {@link Listener#close()}, {@link Listener#stop()} and {@link UdpListener#close()}
 * return once the socket is really closed: a TCP connect made afterwards is refused
 * ({@code ECONNREFUSED}), never accepted and then reset, and the UDP port can be bound
 * again. Two exceptions: called from a handler on a loop thread other than the
 * listener's, the close is queued to the listener's loop and not waited for (two loops
 * waiting for each other would deadlock); and if a handler blocks the listener's loop,
 * the call waits at most 10 s and then returns with a WARN log line, the close still
 * queued.
 * <p>
 * All methods are thread-safe.
 * {@snippet :
 * try (NioImplementation ngi = NioImplementation.builder().name("echo").build()) {
 * 	Listener listener = ngi.listen(null, (connection) -> connection.setHandler((c, data) -> c.write(data)));
 * 	// ... serve, then:
 * 	listener.closeWait(Duration.ofSeconds(5));
 * }
 * }
 */
public final class NioImplementation implements Implementation, AutoCloseable {

	/** The default number of queued output bytes above which input is paused: 1 MiB. */
	public static final long DEFAULT_OUTPUT_HIGH_WATER_MARK = 1024 * 1024;

	/** The default number of queued output bytes at which input resumes: 256 KiB. */
	public static final long DEFAULT_OUTPUT_LOW_WATER_MARK = 256 * 1024;

	/**
	 * The default number of queued output bytes above which a connection is closed: 16
	 * MiB, a quarter of the first release's 64 MiB. It is the default maximum frame of
	 * the {@code Sized} adapter, so echoing one maximal frame still fits, while a
	 * thousand readers that never read cost at most 16 GiB instead of 64; writers that
	 * pace on {@link io.ngi.Connection#isWritable()} never come near it. A listener with
	 * many slow readers sets a lower one in its {@link ListenOptions}.
	 */
	public static final long DEFAULT_OUTPUT_LIMIT = 16 * 1024 * 1024;

	/**
	 * The default blocked-loop threshold: a handler call, task or timer that runs longer
	 * than 500 ms on a loop is reported.
	 */
	public static final Duration DEFAULT_BLOCKED_LOOP_THRESHOLD = Duration.ofMillis(500);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final NioCore core;

	private NioImplementation(Builder builder) {
		OutputBounds bounds = new OutputBounds(builder.highWaterMark, builder.lowWaterMark, builder.limit);
		bounds.check();
		this.core = new NioCore(builder.name, builder.loops, builder.daemon, true, bounds,
				builder.blockedLoopThreshold);
	}

	/**
	 * Returns a builder with the defaults: name {@code "ngi"}, one loop, daemon threads.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the process-wide default implementation, created on first use: name
	 * {@code "ngi"}, one daemon loop. It is never closed; do not close it.
	 * @return the shared implementation
	 */
	public static NioImplementation shared() {
		return Shared.INSTANCE;
	}

	/**
	 * Starts connecting on a loop thread (the caller's own loop when called from one);
	 * the outcome goes to {@code handler} on that thread. A refused connect gives
	 * {@code failedConnect} with {@link io.ngi.CloseReason.Kind#REFUSED} (text
	 * {@code "ECONNREFUSED"}) and one WARN log line; one that does not complete within
	 * the options' timeout is closed and gives {@link io.ngi.CloseReason.Kind#TIMEOUT}.
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		this.core.connect(address, handler, options);
	}

	/**
	 * Binds in the caller's thread and returns the listener; accepting happens on a loop.
	 * {@code null} binds an ephemeral port on the loopback address. Accepted connections
	 * have {@code TCP_NODELAY} on; a connection beyond
	 * {@link ListenOptions#maxConnections()} is accepted and closed at once, with a WARN
	 * log line.
	 * @throws io.ngi.NgiException if the address cannot be bound; nothing stays open
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		return this.core.listen(address, server, options);
	}

	/**
	 * Runs {@code task} once after {@code delay} on a loop thread (the calling loop's own
	 * when called from one; otherwise the next loop in turn), from the loop's timers: no
	 * extra thread. A pending task keeps its loop running. A failing task is logged at
	 * ERROR. Thread-safe.
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		return this.core.schedule(delay, task);
	}

	/**
	 * Returns the system clock, in UTC.
	 * @return {@link Clock#systemUTC()}
	 */
	@Override
	public Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Sends one datagram in the caller's thread; failures are logged, not thrown. A UDP
	 * handler's reply to the source of the datagram it is handling goes out through the
	 * listener's own socket, so it comes from the address the client sent to; other
	 * datagrams go through a sender socket shared by the implementation.
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public void sendUdp(SocketAddress address, byte[] message) {
		this.core.sendUdp(address, message);
	}

	/**
	 * Binds in the caller's thread; datagrams go to the handler on a loop thread.
	 * @throws io.ngi.NgiException if the address cannot be bound; nothing stays open
	 * @throws IllegalStateException if this implementation is closed
	 */
	@Override
	public UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		return this.core.listenUdp(address, handler, options);
	}

	/**
	 * Waits until no listener, connection or pending connect (one whose host name is
	 * being looked up included) remains and every loop thread has ended (zc.ngi's
	 * {@code wait}). Must not be called on a loop thread.
	 * @param timeout how long to wait
	 * @throws NgiTimeoutException if work remains after {@code timeout}
	 */
	public void awaitIdle(Duration timeout) {
		this.core.awaitIdle(timeout);
	}

	/**
	 * Closes every listener and connection (server handlers get
	 * {@code handleClose(connection, "stopped")}, pending connects get
	 * {@code failedConnect("stopped")}) and waits for the loop threads to end. Afterwards
	 * {@code connect}, {@code listen} and the others throw {@link IllegalStateException}.
	 * Idempotent. Called on a loop thread it does not wait for that thread.
	 */
	@Override
	public void close() {
		this.core.close(CLOSE_TIMEOUT);
	}

	/**
	 * Returns whether this implementation was closed.
	 * @return whether {@link #close()} was called
	 */
	public boolean isClosed() {
		return this.core.isClosed();
	}

	/**
	 * Returns how many loop iterations failed unexpectedly. A failing handler, server,
	 * task or observer never gets here: its connection is closed and the loop goes on. An
	 * iteration fails only when something outside any connection's calls does (the
	 * selector, a bug in the loop); it is logged at ERROR
	 * ({@code "loop iteration failed on <name>; the loop goes on"}), counted here, and
	 * the loop serves its connections on. Thread-safe.
	 * @return the number of failed iterations since the implementation was built
	 */
	public long loopFailures() {
		return this.core.loopFailures();
	}

	/**
	 * Returns a snapshot of each loop's health: whether it is blocked now and by what,
	 * its blocked episodes, its pending tasks and how late its timers fired. Thread-safe
	 * and cheap; the loops are not disturbed.
	 * @return one entry per loop
	 */
	public List<LoopStatistics> loopStatistics() {
		return this.core.loopStatistics();
	}

	/**
	 * Returns a listener's open connections, bounded: their number, and a snapshot of at
	 * most {@code limit} of them (peer and proxy addresses, opened at, idle for, bytes,
	 * queued output, TLS protocol). Costs {@code O(limit)}, whatever the number of
	 * connections, and does not disturb the loops.
	 * @param listener a listener of this implementation
	 * @param limit the most snapshots to take, &gt;= 0
	 * @return the connections
	 * @throws IllegalArgumentException if the listener is not a TCP listener of this
	 * implementation
	 */
	public ListenerConnections connections(Listener listener, int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must be >= 0: " + limit);
		}
		if (!(listener instanceof NioListener nio) || nio.core() != this.core) {
			throw new IllegalArgumentException(listener + " is not a TCP listener of " + this);
		}
		return nio.snapshot(limit);
	}

	/**
	 * Returns the blocked-loop threshold.
	 * @return the threshold, or {@code null} when detection is off
	 */
	public @Nullable Duration blockedLoopThreshold() {
		return this.core.blockedThreshold();
	}

	/**
	 * Returns the name; loop threads are named {@code <name>-1} to {@code <name>-N}.
	 * @return the name
	 */
	public String name() {
		return this.core.name();
	}

	/**
	 * Returns the number of event loops.
	 * @return the number of loops
	 */
	public int loops() {
		return this.core.loops().length;
	}

	NioCore core() {
		return this.core;
	}

	@Override
	public String toString() {
		return "NioImplementation[" + this.core.name() + ", loops=" + loops() + "]";
	}

	/**
	 * Builds a {@link NioImplementation}. Not thread-safe.
	 */
	public static final class Builder {

		private String name = "ngi";

		private int loops = 1;

		private boolean daemon = true;

		private long highWaterMark = DEFAULT_OUTPUT_HIGH_WATER_MARK;

		private long lowWaterMark = DEFAULT_OUTPUT_LOW_WATER_MARK;

		private long limit = DEFAULT_OUTPUT_LIMIT;

		private Duration blockedLoopThreshold = DEFAULT_BLOCKED_LOOP_THRESHOLD;

		private Builder() {
		}

		/**
		 * Sets how long one handler call, connection task or timer may run on a loop
		 * before the loop is reported blocked: one WARN line naming the loop, the
		 * connection and its handler's class, with the loop thread's stack, and one INFO
		 * line when it ends. One watchdog thread ({@code <name>-watchdog}) checks every
		 * loop; the loops pay no allocation, clock read or fence for it. Suspended
		 * imperative calls do not run on the loop and are never reported.
		 * @param threshold the threshold (default 500 ms), {@link Duration#ZERO} for no
		 * detection
		 * @return this builder
		 */
		public Builder blockedLoopThreshold(Duration threshold) {
			Objects.requireNonNull(threshold, "threshold");
			if (threshold.isNegative()) {
				throw new IllegalArgumentException("blockedLoopThreshold must not be negative: " + threshold);
			}
			if (!threshold.isZero() && threshold.toMillis() < 10) {
				throw new IllegalArgumentException(
						"blockedLoopThreshold must be at least 10 ms (or zero for none): " + threshold);
			}
			this.blockedLoopThreshold = threshold;
			return this;
		}

		/**
		 * Sets the name; loop threads are named {@code <name>-N}.
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
		 * Sets the number of event loops, each with its own selector and thread.
		 * @param loops the number, &gt; 0 (default 1)
		 * @return this builder
		 */
		public Builder loops(int loops) {
			if (loops <= 0) {
				throw new IllegalArgumentException("loops must be > 0: " + loops);
			}
			this.loops = loops;
			return this;
		}

		/**
		 * Sets whether loop threads are daemon threads.
		 * @param daemon {@code true} (the default) not to keep the JVM alive
		 * @return this builder
		 */
		public Builder daemon(boolean daemon) {
			this.daemon = daemon;
			return this;
		}

		/**
		 * Sets the queued output above which a connection's input is paused.
		 * @param bytes the mark, &gt; the low-water mark (default 1 MiB)
		 * @return this builder
		 */
		public Builder outputHighWaterMark(long bytes) {
			this.highWaterMark = bytes;
			return this;
		}

		/**
		 * Sets the queued output at or below which a paused connection's input resumes.
		 * @param bytes the mark, &gt;= 0 (default 256 KiB)
		 * @return this builder
		 */
		public Builder outputLowWaterMark(long bytes) {
			this.lowWaterMark = bytes;
			return this;
		}

		/**
		 * Sets the queued output above which a connection is closed.
		 * @param bytes the limit, &gt;= the high-water mark (default 16 MiB)
		 * @return this builder
		 */
		public Builder outputLimit(long bytes) {
			this.limit = bytes;
			return this;
		}

		/**
		 * Builds the implementation; no thread starts until it gets work.
		 * @return the implementation
		 * @throws IllegalArgumentException if the output bounds are inconsistent
		 */
		public NioImplementation build() {
			return new NioImplementation(this);
		}

	}

	private static final class Shared {

		static final NioImplementation INSTANCE = builder().name("ngi").build();

	}

}
