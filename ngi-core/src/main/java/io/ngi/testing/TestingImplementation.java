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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ngi.Addresses;
import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.CloseReason;
import io.ngi.ConnectionFailedException;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.NgiException;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;

/**
 * The testing implementation: listeners, connections and datagrams in memory, with no
 * sockets and no threads. Every event is delivered synchronously inside the call that
 * causes it (zc.ngi's {@code zc.ngi.testing}). Each instance is independent, so tests
 * that each make their own run in parallel; an instance is meant for one test thread at a
 * time.
 *
 * {@snippet :
 * TestingImplementation implementation = new TestingImplementation();
 * SocketAddress address = TestingImplementation.address("wc");
 * Listener listener = implementation.listen(address, connection -> connection.setHandler(new WC()));
 * implementation.connect(address, new WCClient("hi\nout there"));   // runs the whole exchange
 * listener.close();
 * implementation.rethrowHandlerErrors();
 * }
 *
 * Listeners are registered by address until closed or stopped; a {@code null} address or
 * port 0 gets a generated loopback port. Handler failures, besides being logged and
 * closing the connection, are recorded here so a test fails loudly:
 * {@link #rethrowHandlerErrors()}.
 */
public final class TestingImplementation implements Implementation {

	// Past 500 lines, mostly documentation: the public face of the in-memory
	// implementation (listeners, connects, UDP, virtual time, recorded failures). The
	// clock and timers live in VirtualTime, the cutting of writes in Fragmentation.

	private static final Logger logger = LoggerFactory.getLogger(TestingImplementation.class);

	private static final SocketAddress UDP_SOURCE = new NamedAddress("<test>");

	private static final int FIRST_PORT = 49152;

	private final Object lock = new Object();

	/** Held by every call into a connection of this implementation. */
	private final ReentrantLock callLock = new ReentrantLock();

	/** Signalled when a suspended handler call ended. */
	private final Condition resumed = this.callLock.newCondition();

	private final Map<SocketAddress, TestListener> listeners = new HashMap<>();

	private final Map<SocketAddress, TestUdpListener> udpListeners = new HashMap<>();

	private final Set<SocketAddress> failingConnects = new HashSet<>();

	private final Set<TestConnection> openConnections = new LinkedHashSet<>();

	private final List<Throwable> handlerErrors = new ArrayList<>();

	private final List<String> warnings = new ArrayList<>();

	private final VirtualTime time = new VirtualTime();

	private int nextPort = FIRST_PORT;

	private long nextId = 1;

	private final Fragmentation fragmentation;

	private final Fragmentation.@Nullable Cutter cutter;

	/**
	 * Creates an implementation with nothing registered, whose writes arrive whole.
	 */
	public TestingImplementation() {
		this(Fragmentation.NONE);
	}

	private TestingImplementation(Fragmentation fragmentation) {
		this.fragmentation = fragmentation;
		this.cutter = fragmentation.cuts() ? fragmentation.cutter() : null;
	}

	/**
	 * Returns a builder, for an implementation that cuts writes into pieces.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns how this implementation cuts writes before application handlers get them.
	 * @return the fragmentation, {@link Fragmentation#NONE} by default
	 */
	public Fragmentation fragmentation() {
		return this.fragmentation;
	}

	/** The cutter of writes, {@code null} when writes arrive whole. */
	Fragmentation.@Nullable Cutter cutter() {
		return this.cutter;
	}

	/**
	 * Returns a socket address that is only a name, for tests: equal to another with the
	 * same name, and its {@code toString()} is the name.
	 * @param name the name
	 * @return the address
	 */
	public static SocketAddress address(String name) {
		return new NamedAddress(name);
	}

	/**
	 * Returns the source address every datagram sent with {@link #sendUdp} comes from;
	 * its {@code toString()} is {@code "<test>"}.
	 * @return the test source address
	 */
	public static SocketAddress udpSource() {
		return UDP_SOURCE;
	}

	/**
	 * Connects {@code handler} to the listener registered at {@code address}, inside this
	 * call: the server gets the server end, then {@code handler.connected} the client
	 * end. Without an open listener, {@code handler.failedConnect("no such server")} is
	 * called; a listener at its connection limit gives a {@code "too many connections"}
	 * reason. An unresolved address ({@link InetSocketAddress#createUnresolved}) finds a
	 * listener registered under it (a test can listen on {@code "db.example:5432"}
	 * without DNS), else one at its host's address, looked up in this call; an unknown
	 * host gives an {@code "unknown host ..."} reason. A handler that calls
	 * {@code connect} for the same address from inside {@code failedConnect} is not
	 * called again: the attempt is dropped with a warning (logged and kept in
	 * {@link #warnings()}) instead of looping forever. Exceptions from the handler are
	 * logged and recorded, not thrown.
	 * @param address where to connect
	 * @param handler receives the connection or the failure
	 */
	@Override
	public void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(options, "options");
		TestListener listener;
		synchronized (this.lock) {
			listener = this.listeners.get(address);
		}
		String refusal = (listener != null) ? listener.refusal() : "no such server";
		CloseReason.Kind kind = (listener != null) ? CloseReason.Kind.LOCAL_ERROR : CloseReason.Kind.REFUSED;
		if (listener == null && address instanceof InetSocketAddress inet && inet.isUnresolved()) {
			// A host name: a listener registered under it, else under its address.
			try {
				InetSocketAddress resolved = new InetSocketAddress(InetAddress.getByName(inet.getHostString()),
						inet.getPort());
				synchronized (this.lock) {
					listener = this.listeners.get(resolved);
				}
				refusal = (listener != null) ? listener.refusal() : refusal;
				kind = (listener != null) ? CloseReason.Kind.LOCAL_ERROR : kind;
			}
			catch (UnknownHostException ex) {
				refusal = "unknown host " + ex.getMessage();
				kind = CloseReason.Kind.LOCAL_ERROR;
			}
		}
		if (listener != null && refusal == null) {
			listener.connect(handler, options);
			return;
		}
		boolean looping;
		synchronized (this.lock) {
			looping = !this.failingConnects.add(address);
		}
		if (looping) {
			warn("For address, " + Addresses.format(address)
					+ ", a connect handler called connect from a failedConnect call.");
			return;
		}
		try {
			handler.failedConnect(CloseReason.of(kind, refusal));
		}
		catch (RuntimeException ex) {
			logger.error("ClientConnectHandler.failedConnect failed for {}", Addresses.format(address), ex);
			recordHandlerError(ex);
		}
		finally {
			synchronized (this.lock) {
				this.failingConnects.remove(address);
			}
		}
	}

	/**
	 * Connects a client with a recording handler to the listener registered at
	 * {@code address}, like {@link TestListener#connect()}.
	 * @param address the listener's address
	 * @return the client end, whose {@link TestConnection#output()} shows what the server
	 * writes
	 * @throws ConnectionFailedException with reason {@code "no such server"} if no
	 * listener is registered there, or {@code "too many connections ..."}
	 */
	public TestConnection connect(SocketAddress address) {
		Objects.requireNonNull(address, "address");
		TestListener listener;
		synchronized (this.lock) {
			listener = this.listeners.get(address);
		}
		if (listener == null) {
			throw new ConnectionFailedException("no such server");
		}
		return listener.connect();
	}

	/**
	 * Registers a listener with the {@linkplain ListenOptions#defaults() default
	 * options}.
	 * @param address the address to register under; {@code null} or port 0 for a
	 * generated {@code 127.0.0.1} port
	 * @param server called for each connection
	 * @return the listener
	 * @throws NgiException if an open listener is already registered at the address
	 */
	@Override
	public TestListener listen(@Nullable SocketAddress address, Server server) {
		return listen(address, server, ListenOptions.defaults());
	}

	/**
	 * Registers a listener. {@link ListenOptions#maxConnections()} and the observer are
	 * honoured; the backlog is irrelevant.
	 * @param address the address to register under; {@code null} or port 0 for a
	 * generated {@code 127.0.0.1} port
	 * @param server called for each connection
	 * @param options connection limit and observer
	 * @return the listener
	 * @throws NgiException if an open listener is already registered at the address
	 */
	@Override
	public TestListener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(options, "options");
		synchronized (this.lock) {
			SocketAddress bound = resolve(address, this.listeners.keySet());
			if (this.listeners.containsKey(bound)) {
				throw new NgiException("Cannot listen on " + Addresses.format(bound)
						+ ": a testing listener is already registered at that address");
			}
			TestListener listener = new TestListener(this, bound, server, options);
			this.listeners.put(bound, listener);
			return listener;
		}
	}

	/**
	 * Hands {@code message}, truncated to the listener's
	 * {@linkplain ListenOptions#udpBufferSize() buffer size}, to the UDP listener
	 * registered at {@code address}, inside this call, from {@link #udpSource()}. Does
	 * nothing if none is registered. A handler failure is logged and recorded.
	 * @param address where to send
	 * @param message the datagram
	 */
	@Override
	public void sendUdp(SocketAddress address, byte[] message) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(message, "message");
		deliverUdp(UDP_SOURCE, address, message);
	}

	/** Hands a datagram to the UDP listener at {@code address}, if any. */
	void deliverUdp(SocketAddress source, SocketAddress address, byte[] message) {
		TestUdpListener listener;
		synchronized (this.lock) {
			listener = this.udpListeners.get(address);
		}
		if (listener == null) {
			logger.debug("No UDP listener at {}: datagram of {} bytes dropped", address, message.length);
			return;
		}
		listener.deliver(source, message);
	}

	/**
	 * Registers a UDP listener.
	 * @param address the address to register under; {@code null} or port 0 for a
	 * generated {@code 127.0.0.1} port
	 * @param handler called for each datagram
	 * @param options buffer size and observer
	 * @return the listener; closing it unregisters it
	 * @throws NgiException if an open UDP listener is already registered at the address
	 */
	@Override
	public UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(options, "options");
		synchronized (this.lock) {
			SocketAddress bound = resolve(address, this.udpListeners.keySet());
			if (this.udpListeners.containsKey(bound)) {
				throw new NgiException("Cannot listen for UDP on " + Addresses.format(bound)
						+ ": a testing UDP listener is already registered at that address");
			}
			TestUdpListener listener = new TestUdpListener(this, bound, handler, options);
			this.udpListeners.put(bound, listener);
			return listener;
		}
	}

	/**
	 * Returns the listeners open on this implementation now, TCP and UDP, so that a test
	 * harness can close those a test opened and left open.
	 * @return a snapshot, in no particular order
	 */
	public List<AutoCloseable> openListeners() {
		synchronized (this.lock) {
			List<AutoCloseable> open = new ArrayList<>(this.listeners.values());
			open.addAll(this.udpListeners.values());
			return open;
		}
	}

	/**
	 * Returns the handler, server and connect-handler failures recorded so far, oldest
	 * first.
	 * @return a snapshot
	 */
	public List<Throwable> handlerErrors() {
		synchronized (this.handlerErrors) {
			return List.copyOf(this.handlerErrors);
		}
	}

	/**
	 * Returns the handler failures recorded so far, oldest first, and forgets them.
	 * @return the failures
	 */
	public List<Throwable> takeHandlerErrors() {
		synchronized (this.handlerErrors) {
			List<Throwable> taken = List.copyOf(this.handlerErrors);
			this.handlerErrors.clear();
			return taken;
		}
	}

	/**
	 * Runs {@code task} once when the {@linkplain #clock() virtual clock} has advanced by
	 * {@code delay}, inside the {@link #advance} that gets there (a zero or negative
	 * delay: in the next {@code advance}, even {@code advance(Duration.ZERO)}). Never
	 * inside this call. An exception from the task is logged and recorded (see
	 * {@link #rethrowHandlerErrors()}); an {@link Error} propagates out of
	 * {@code advance}.
	 * @param delay how long to wait, in virtual time
	 * @param task what to run
	 * @return a handle to cancel the task
	 */
	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(task, "task");
		return this.time.schedule(delay, () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("scheduled task failed", ex);
				recordHandlerError(ex);
			}
		});
	}

	/**
	 * Returns the virtual clock: it starts at 2000-01-01T00:00:00Z and moves only in
	 * {@link #advance}. Connections of this implementation, and pairs made with
	 * {@code new TestConnection(implementation)}, share it.
	 * @return the clock, in UTC
	 */
	@Override
	public Clock clock() {
		return this.time.clock();
	}

	/**
	 * Moves the virtual clock forward by {@code duration}, running inside this call every
	 * task that falls due, in due order (equal deadlines in scheduling order), each at
	 * its own instant and with the usual queueing of handler calls (a connection task
	 * never runs inside a handler call or after its connection closed). Tasks scheduled
	 * by those tasks run too if they fall due within {@code duration}.
	 * @param duration how far to move the clock, not negative
	 * @throws IllegalArgumentException if {@code duration} is negative
	 * @throws IllegalStateException if called from a task that an {@code advance} runs
	 */
	public void advance(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative: " + duration);
		}
		this.time.advance(duration);
	}

	/** The virtual clock's time since it started, in nanoseconds. */
	long virtualNanos() {
		return this.time.nanos();
	}

	/** Schedules a task of one connection on the virtual clock. */
	VirtualTime.Task scheduleRaw(Duration delay, Runnable task) {
		return this.time.schedule(delay, task);
	}

	/**
	 * Throws the first recorded handler failure itself (a checked one unchecked, so a
	 * test fails with the real exception), with the later ones added as suppressed, and
	 * forgets them. Does nothing if none was recorded.
	 */
	public void rethrowHandlerErrors() {
		List<Throwable> errors = takeHandlerErrors();
		if (errors.isEmpty()) {
			return;
		}
		Throwable first = errors.get(0);
		for (Throwable later : errors.subList(1, errors.size())) {
			if (later != first) {
				first.addSuppressed(later);
			}
		}
		throw TestingImplementation.<RuntimeException>sneaky(first);
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> T sneaky(Throwable failure) throws T {
		throw (T) failure;
	}

	/**
	 * Returns the warnings given so far, such as a connect handler reconnecting from
	 * {@code failedConnect}, oldest first.
	 * @return a snapshot
	 */
	public List<String> warnings() {
		synchronized (this.warnings) {
			return List.copyOf(this.warnings);
		}
	}

	/**
	 * Throws if a connection made by this implementation is still open: a server or
	 * client end, or a {@code new TestConnection(implementation)} pair.
	 * @throws AssertionError listing the open connections
	 */
	public void assertNoOpenConnections() {
		List<TestConnection> open;
		synchronized (this.lock) {
			open = List.copyOf(this.openConnections);
		}
		if (!open.isEmpty()) {
			throw new AssertionError("Expected no open connections, but " + open.size() + " are open: " + open);
		}
	}

	void recordHandlerError(Throwable failure) {
		synchronized (this.handlerErrors) {
			this.handlerErrors.add(failure);
		}
	}

	ReentrantLock callLock() {
		return this.callLock;
	}

	Condition resumed() {
		return this.resumed;
	}

	long nextId() {
		synchronized (this.lock) {
			return this.nextId++;
		}
	}

	void opened(TestConnection connection) {
		synchronized (this.lock) {
			this.openConnections.add(connection);
		}
	}

	void closed(TestConnection connection) {
		synchronized (this.lock) {
			this.openConnections.remove(connection);
		}
	}

	void unregister(TestListener listener) {
		synchronized (this.lock) {
			this.listeners.remove(listener.address(), listener);
		}
	}

	void unregister(TestUdpListener listener) {
		synchronized (this.lock) {
			this.udpListeners.remove(listener.address(), listener);
		}
	}

	private void warn(String message) {
		logger.warn(message);
		synchronized (this.warnings) {
			this.warnings.add(message);
		}
	}

	/**
	 * Gives {@code null} and port-0 addresses a port no listener in {@code taken} uses.
	 */
	private SocketAddress resolve(@Nullable SocketAddress address, Set<SocketAddress> taken) {
		if (address != null && !(address instanceof InetSocketAddress inet && inet.getPort() == 0)) {
			return address;
		}
		InetAddress host = (address instanceof InetSocketAddress inet && inet.getAddress() != null) ? inet.getAddress()
				: InetAddress.getLoopbackAddress();
		for (int tries = 0; tries < 65536 - FIRST_PORT; tries++) {
			int port = this.nextPort;
			this.nextPort = (port == 65535) ? FIRST_PORT : port + 1;
			InetSocketAddress candidate = new InetSocketAddress(host, port);
			if (!taken.contains(candidate)) {
				return candidate;
			}
		}
		throw new NgiException("Cannot listen on " + address + ": every testing port from " + FIRST_PORT + " is taken");
	}

	@Override
	public String toString() {
		synchronized (this.lock) {
			return "TestingImplementation[listeners=" + this.listeners.keySet() + ", udpListeners="
					+ this.udpListeners.keySet() + "]";
		}
	}

	/**
	 * Builds a {@link TestingImplementation}. Not thread-safe.
	 */
	public static final class Builder {

		private Fragmentation fragmentation = Fragmentation.NONE;

		private Builder() {
		}

		/**
		 * Sets how every connection of the implementation cuts each write before the
		 * peer's handler gets it (see {@link Fragmentation}).
		 * @param fragmentation the fragmentation
		 * @return this builder
		 */
		public Builder fragmentation(Fragmentation fragmentation) {
			this.fragmentation = Objects.requireNonNull(fragmentation, "fragmentation");
			return this;
		}

		/**
		 * Builds the implementation.
		 * @return a new implementation with nothing registered
		 */
		public TestingImplementation build() {
			return new TestingImplementation(this.fragmentation);
		}

	}

}
