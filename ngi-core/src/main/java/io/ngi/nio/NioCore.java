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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.ngi.Addresses;
import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.ListenOptions;
import io.ngi.OutputBounds;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.NgiTimeoutException;
import io.ngi.Server;
import io.ngi.TlsOptions;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link NioImplementation} and {@link InlineImplementation} share: the loops, the
 * round-robin assignment of channels to loops, binding, connecting and UDP sending.
 */
final class NioCore {

	private static final Logger logger = LoggerFactory.getLogger(NioCore.class);

	private final String name;

	private final EventLoop[] loops;

	private final OutputBounds limits;

	private final AtomicInteger nextLoop = new AtomicInteger();

	private final Map<ProtocolFamily, DatagramChannel> udpSenders = new ConcurrentHashMap<>();

	private final BlockingTasks blockingTasks;

	private volatile boolean closed;

	private final @Nullable BlockedLoopWatchdog watchdog;

	/**
	 * Creates the loops.
	 * @param blockedThreshold how long one handler call, task or timer may run before the
	 * watchdog reports the loop blocked; {@link Duration#ZERO} for no watchdog
	 */
	NioCore(String name, int loopCount, boolean daemon, boolean threaded, OutputBounds limits,
			Duration blockedThreshold) {
		this.name = name;
		this.limits = limits;
		this.loops = new EventLoop[loopCount];
		this.blockingTasks = new BlockingTasks(name, daemon);
		for (int i = 0; i < loopCount; i++) {
			this.loops[i] = new EventLoop(threaded ? name + "-" + (i + 1) : name, daemon, threaded, this.blockingTasks);
		}
		this.watchdog = blockedThreshold.isZero() ? null : new BlockedLoopWatchdog(name, this.loops, blockedThreshold);
		if (this.watchdog != null) {
			for (EventLoop loop : this.loops) {
				loop.onThreadStart(this.watchdog::start);
			}
		}
	}

	OutputBounds limits() {
		return this.limits;
	}

	EventLoop[] loops() {
		return this.loops;
	}

	EventLoop next() {
		if (this.loops.length == 1) {
			return this.loops[0];
		}
		return this.loops[Math.floorMod(this.nextLoop.getAndIncrement(), this.loops.length)];
	}

	/**
	 * Returns the loop whose thread calls this, so that a connection made from a handler
	 * (a proxy's upstream) lives on its caller's loop and their calls are serialized;
	 * otherwise the next loop round-robin.
	 */
	private EventLoop currentOrNext() {
		for (EventLoop loop : this.loops) {
			if (loop.inLoop()) {
				return loop;
			}
		}
		return next();
	}

	Cancellable schedule(Duration delay, Runnable task) {
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(task, "task");
		checkOpen();
		return currentOrNext().scheduleTask(delay, task);
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(this.name + " is closed");
		}
	}

	void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(options, "options");
		OutputBounds bounds = options.output().orElse(this.limits);
		checkOpen();
		TlsOptions tls = options.tls();
		if (tls != null) {
			TlsWire.check(tls, true);
		}
		EventLoop loop = currentOrNext();
		loop.execute(new Connector(loop, address, handler, options, bounds)::start);
	}

	Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(options, "options");
		checkOpen();
		TlsOptions tls = options.tls();
		if (tls != null) {
			TlsWire.check(tls, false);
		}
		SocketAddress requested = bindAddress(address);
		ServerSocketChannel channel = null;
		SocketAddress bound;
		try {
			channel = ServerSocketChannel.open(Connector.family(requested));
			if (!(requested instanceof UnixDomainSocketAddress)) {
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			}
			channel.bind(requested, options.backlog());
			channel.configureBlocking(false);
			bound = channel.getLocalAddress();
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			logger.warn("unable to listen on {}", requested);
			throw new NgiException("Unable to listen on " + describe(requested) + ": " + ex, ex);
		}
		logger.debug("listening on {}", bound);
		EventLoop loop = next();
		NioListener listener = new NioListener(this, loop, channel, bound, server, options);
		loop.execute(listener::register);
		return listener;
	}

	UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(options, "options");
		checkOpen();
		SocketAddress requested = bindAddress(address);
		DatagramChannel channel = null;
		SocketAddress bound;
		try {
			channel = DatagramChannel.open(Connector.family(requested));
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(requested);
			channel.configureBlocking(false);
			bound = channel.getLocalAddress();
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			logger.warn("unable to listen on udp {}", requested);
			throw new NgiException("Unable to listen on udp " + describe(requested) + ": " + ex, ex);
		}
		logger.debug("listening on udp {}", bound);
		EventLoop loop = next();
		NioUdpListener listener = new NioUdpListener(loop, channel, bound, handler, options);
		loop.execute(listener::register);
		return listener;
	}

	void sendUdp(SocketAddress address, byte[] message) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(message, "message");
		checkOpen();
		for (EventLoop loop : this.loops) {
			if (loop.inLoop()) {
				NioUdpListener listener = loop.dispatchingUdp;
				if (listener != null && listener.reply(address, message)) {
					return;
				}
				break;
			}
		}
		ProtocolFamily family = Connector.family(address);
		try {
			DatagramChannel sender = this.udpSenders.computeIfAbsent(family, NioCore::openSender);
			sender.send(ByteBuffer.wrap(message), address);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("sending a datagram to {} failed: {}", address, ex.toString());
		}
	}

	private static DatagramChannel openSender(ProtocolFamily family) {
		try {
			return DatagramChannel.open(family);
		}
		catch (IOException ex) {
			throw new NgiException("Unable to open a " + family + " datagram channel: " + ex, ex);
		}
	}

	private static SocketAddress bindAddress(@Nullable SocketAddress address) {
		return (address != null) ? address : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
	}

	private static String describe(SocketAddress address) {
		try {
			return Addresses.format(address);
		}
		catch (RuntimeException ex) {
			return String.valueOf(address);
		}
	}

	private static void closeQuietly(@Nullable Channel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("closing {} failed", channel, ex);
		}
	}

	void awaitIdle(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				// Read first: a lookup that ended meanwhile has queued its connect on a
				// loop, which the wait below then sees.
				boolean noLookups = this.blockingTasks.stoppables() == 0;
				for (EventLoop loop : this.loops) {
					if (loop.inLoop()) {
						throw new IllegalStateException("awaitIdle would block loop thread " + loop.name());
					}
					if (!loop.awaitIdle(deadline)) {
						throw new NgiTimeoutException(this.name + " still has work after " + timeout);
					}
				}
				if (noLookups) {
					break;
				}
				if (System.nanoTime() - deadline >= 0) {
					throw new NgiTimeoutException(
							this.name + " still looks up host names of connects after " + timeout);
				}
				Thread.sleep(5);
			}
			if (this.watchdog != null && !this.watchdog.awaitStopped(deadline)) {
				throw new NgiTimeoutException(this.name + "'s watchdog still runs after " + timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NgiTimeoutException(this.name + ": interrupted while waiting for idle");
		}
	}

	boolean isClosed() {
		return this.closed;
	}

	void close(Duration timeout) {
		this.closed = true;
		for (EventLoop loop : this.loops) {
			loop.close(timeout);
		}
		this.blockingTasks.close();
		if (this.watchdog != null) {
			this.watchdog.close();
		}
		for (DatagramChannel sender : this.udpSenders.values()) {
			closeQuietly(sender);
		}
		this.udpSenders.clear();
	}

	long loopFailures() {
		long failures = 0;
		for (EventLoop loop : this.loops) {
			failures += loop.iterationFailures();
		}
		return failures;
	}

	String name() {
		return this.name;
	}

	@Nullable Duration blockedThreshold() {
		return (this.watchdog != null) ? this.watchdog.threshold() : null;
	}

	List<LoopStatistics> loopStatistics() {
		long now = System.nanoTime();
		List<LoopStatistics> statistics = new ArrayList<>(this.loops.length);
		for (EventLoop loop : this.loops) {
			LoopMonitor monitor = loop.monitor;
			long since = monitor.blockedSinceNanos;
			statistics.add(new LoopStatistics(loop.name(), loop.pendingTasks(),
					(since != 0) ? Duration.ofNanos(now - since) : null, (since != 0) ? monitor.blockedWhat : null,
					monitor.blockedEpisodes, Duration.ofNanos(monitor.blockedTotalNanos), monitor.timersFired(),
					Duration.ofNanos(monitor.timerLagTotalNanos()), Duration.ofNanos(monitor.timerLagMaxNanos())));
		}
		return statistics;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
