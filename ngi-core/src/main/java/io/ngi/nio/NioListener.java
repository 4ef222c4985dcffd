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
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.FrameLimits;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.OutputBounds;
import io.ngi.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP or Unix domain socket listener. It accepts on its own loop and hands each
 * connection to the next loop of the implementation, round-robin.
 */
final class NioListener implements Listener, Selectable {

	private static final Logger logger = LoggerFactory.getLogger(NioListener.class);

	private static final int MAX_ACCEPTS_PER_EVENT = 64;

	private static final long MIN_ACCEPT_PAUSE_MILLIS = 100;

	private static final long MAX_ACCEPT_PAUSE_MILLIS = 1000;

	private final NioCore core;

	private final EventLoop loop;

	private final ServerSocketChannel channel;

	private final SocketAddress address;

	private final Server server;

	private final ListenOptions options;

	private final ListenerObserver observer;

	private final OutputBounds outputBounds;

	private final Set<NioConnection> connections = ConcurrentHashMap.newKeySet();

	private final CompletableFuture<Void> stopped = new CompletableFuture<>();

	private volatile boolean open = true;

	private @Nullable SelectionKey key;

	private boolean channelClosed;

	private long acceptPauseMillis;

	private int acceptFailures;

	NioListener(NioCore core, EventLoop loop, ServerSocketChannel channel, SocketAddress address, Server server,
			ListenOptions options) {
		this.core = core;
		this.loop = loop;
		this.channel = channel;
		this.address = address;
		this.server = server;
		this.options = options;
		this.observer = options.observer();
		this.outputBounds = options.output().orElse(core.limits());
		AcceptResumer.load();
	}

	/** Registers for accepts; on the loop thread. */
	void register() {
		if (this.channelClosed) {
			return;
		}
		try {
			this.key = this.loop.register(this.channel, SelectionKey.OP_ACCEPT, this);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("registering {} failed", this, ex);
			closeChannel();
		}
	}

	@Override
	public void ready(SelectionKey selected) {
		for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && !this.channelClosed; i++) {
			SocketChannel accepted;
			try {
				accepted = this.channel.accept();
			}
			catch (IOException ex) {
				pauseAccepting(selected, ex);
				return;
			}
			if (accepted == null) {
				return;
			}
			if (this.acceptPauseMillis != 0) {
				logger.info("{} accepts again after {} failed accepts", this, this.acceptFailures);
				this.acceptPauseMillis = 0;
				this.acceptFailures = 0;
			}
			accepted(accepted);
		}
	}

	/**
	 * Stops selecting for accepts for a while after a failed accept (typically
	 * {@code EMFILE}: no descriptor left), so that the loop does not spin on a pending
	 * connection it cannot take; the pause doubles from 100 ms up to 1 s while accepts
	 * keep failing, with one WARN line per pause. On the loop thread.
	 */
	private void pauseAccepting(SelectionKey selected, IOException failure) {
		if (this.channelClosed || !selected.isValid()) {
			return;
		}
		this.acceptFailures++;
		this.acceptPauseMillis = (this.acceptPauseMillis == 0) ? MIN_ACCEPT_PAUSE_MILLIS
				: Math.min(this.acceptPauseMillis * 2, MAX_ACCEPT_PAUSE_MILLIS);
		logger.warn("accept failed on {}: {}; pausing accepts for {} ms", this, failure.toString(),
				this.acceptPauseMillis);
		selected.interestOps(0);
		AcceptResumer.schedule(this.acceptPauseMillis, () -> this.loop.execute(() -> resumeAccepting(selected)));
	}

	private void resumeAccepting(SelectionKey selected) {
		if (!this.channelClosed && selected.isValid()) {
			selected.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	private void accepted(SocketChannel accepted) {
		if (!this.open) {
			closeQuietly(accepted);
			return;
		}
		SocketAddress peer;
		try {
			accepted.configureBlocking(false);
			if (!(this.address instanceof UnixDomainSocketAddress)) {
				accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			peer = accepted.getRemoteAddress();
		}
		catch (IOException ex) {
			logger.warn("setting up a connection accepted by {} failed: {}", this, ex.toString());
			closeQuietly(accepted);
			return;
		}
		if (this.connections.size() >= this.options.maxConnections()) {
			logger.warn("{} has reached its limit of {} connections; closing the connection from {}", this,
					this.options.maxConnections(), peer);
			closeQuietly(accepted);
			return;
		}
		EventLoop target = this.core.next();
		NioConnection connection;
		try {
			connection = new NioConnection(target, accepted, this, this.observer, (peer != null) ? peer : this.address,
					this.outputBounds, this.options.allowHalfClose(), this.options.idleTimeout(), this.options.tls(),
					null, this.options);
		}
		catch (RuntimeException ex) {
			// The TLS context failed to make an engine (a supplier that threw).
			logger.error("{} could not set up TLS for the connection from {}", this, peer, ex);
			this.observer
				.tlsHandshakeFailed(new CloseReason(CloseReason.Kind.TLS, "TLS setup failed: " + Errno.reason(ex), ex));
			closeQuietly(accepted);
			return;
		}
		this.connections.add(connection);
		this.observer.connectionOpened();
		if (target == this.loop) {
			connection.startServer(this.server);
		}
		else {
			target.execute(() -> connection.startServer(this.server));
		}
	}

	private static void closeQuietly(SocketChannel accepted) {
		try {
			accepted.close();
		}
		catch (IOException ex) {
			logger.debug("closing {} failed", accepted, ex);
		}
	}

	/**
	 * Forgets a connection that closed. Any thread.
	 * @param connection the connection
	 */
	void closed(NioConnection connection) {
		if (this.connections.remove(connection)) {
			try {
				this.observer.connectionClosed();
			}
			catch (RuntimeException ex) {
				logger.error("listener observer failed on the close of {}", connection, ex);
			}
			if (!this.open && this.connections.isEmpty()) {
				// Called in the middle of a connection's close: what waits for stop()
				// runs
				// in a loop task of its own, once that close is over.
				this.loop.execute(() -> this.stopped.complete(null));
			}
		}
	}

	NioCore core() {
		return this.core;
	}

	ListenerConnections snapshot(int limit) {
		List<ConnectionSnapshot> first = new ArrayList<>(Math.min(limit, 1024));
		for (NioConnection connection : this.connections) {
			if (first.size() == limit) {
				break;
			}
			first.add(connection.snapshot());
		}
		return new ListenerConnections(this.connections.size(), List.copyOf(first));
	}

	@Override
	public SocketAddress address() {
		return this.address;
	}

	@Override
	public Collection<Connection> connections() {
		return List.copyOf(this.connections);
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		stopAccepting();
		for (NioConnection connection : this.connections) {
			connection.stopFromListener();
		}
	}

	@Override
	public CompletableFuture<Void> stop() {
		if (stopAccepting()) {
			for (NioConnection connection : this.connections) {
				connection.draining();
			}
		}
		if (this.connections.isEmpty()) {
			this.stopped.complete(null);
		}
		return this.stopped.copy();
	}

	@Override
	public boolean closeWait(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (this.loop.inLoop()) {
			throw new IllegalStateException("closeWait would block the loop thread of " + this);
		}
		CompletableFuture<Void> done = stop();
		try {
			done.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			logger.info("{}: {} connections still open after {}; closing them", this, this.connections.size(), timeout);
			close();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("stop of " + this + " failed", ex);
		}
	}

	/**
	 * Stops accepting.
	 * @return whether this call stopped it (the listener was open)
	 */
	private boolean stopAccepting() {
		if (this.open) {
			this.open = false;
			this.loop.runInLoopAndWait(this::closeChannel, this);
			return true;
		}
		return false;
	}

	private void closeChannel() {
		if (this.channelClosed) {
			return;
		}
		this.channelClosed = true;
		this.loop.closeRegistered(this.key, this.channel, this);
		if (this.address instanceof UnixDomainSocketAddress unix) {
			try {
				Files.deleteIfExists(unix.getPath());
			}
			catch (IOException ex) {
				logger.warn("deleting the socket file of {} failed", this, ex);
			}
		}
		logger.debug("{} closed", this);
	}

	@Override
	public void shutdown() {
		this.open = false;
		closeChannel();
		if (this.connections.isEmpty()) {
			this.stopped.complete(null);
		}
	}

	@Override
	public String toString() {
		return "NioListener[" + this.address + "]";
	}

	/**
	 * Returns the framing limits of the connections this listener accepts.
	 */
	FrameLimits frameLimits() {
		return this.options.frameLimits();
	}

}
