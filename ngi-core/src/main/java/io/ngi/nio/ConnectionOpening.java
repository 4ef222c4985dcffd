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
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import io.ngi.ClientConnectHandler;
import io.ngi.CloseReason;
import io.ngi.ListenOptions;
import io.ngi.ListenerObserver;
import io.ngi.ProxyProtocol;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link NioConnection} does between its accept (or connect) and telling its
 * server (or its client handler) of it: read the PROXY protocol header, then run the TLS
 * handshake. No handler runs meanwhile. A refused header or a failed handshake closes the
 * connection with one log line and a count ({@link ListenerObserver}); a client's handler
 * gets {@code failedConnect}. The connection routes its selector events here while
 * {@link #inProgress()}, and owns everything after. Loop thread only.
 */
final class ConnectionOpening {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionOpening.class);

	private final NioConnection connection;

	private final EventLoop loop;

	private final SocketChannel channel;

	private final Wire wire;

	private final @Nullable NioListener listener;

	private final ListenerObserver observer;

	/** The listener's options when it reads PROXY headers, else {@code null}. */
	private final @Nullable ListenOptions proxyOptions;

	private final Duration handshakeTimeout;

	/** While the PROXY header is awaited: its reader. */
	private @Nullable ProxyHeaderReader proxyReader;

	/** What runs once the PROXY header was read. */
	private @Nullable Runnable afterProxyHeader;

	private TimerQueue.@Nullable Timer proxyTimer;

	/** Until the TLS handshake completes: what to do then. */
	private @Nullable Runnable afterHandshake;

	/** A client's handler while its handshake runs, told if the handshake fails. */
	private @Nullable ClientConnectHandler handshakingClient;

	/** What the handshake waits for, as selector operations. */
	private int handshakeInterest;

	private TimerQueue.@Nullable Timer handshakeTimer;

	ConnectionOpening(NioConnection connection, EventLoop loop, SocketChannel channel, Wire wire,
			@Nullable NioListener listener, ListenerObserver observer, @Nullable ListenOptions proxyOptions,
			Duration handshakeTimeout) {
		this.connection = connection;
		this.loop = loop;
		this.channel = channel;
		this.wire = wire;
		this.listener = listener;
		this.observer = observer;
		this.proxyOptions = (proxyOptions != null && proxyOptions.proxyProtocol() != ProxyProtocol.OFF) ? proxyOptions
				: null;
		this.handshakeTimeout = handshakeTimeout;
	}

	/**
	 * Whether the header or the handshake is under way: the connection's events go here.
	 */
	boolean inProgress() {
		return this.proxyReader != null || this.afterHandshake != null;
	}

	/** Whether a handshake is under way, for diagnostics. */
	boolean isHandshaking() {
		return this.afterHandshake != null;
	}

	/** The selector operations to wait for while {@link #inProgress()}. */
	int interest() {
		return (this.proxyReader != null) ? SelectionKey.OP_READ : this.handshakeInterest;
	}

	/** The selector reported the channel ready. */
	void ready() {
		if (this.proxyReader != null) {
			proxyHeaderStep();
		}
		else if (this.afterHandshake != null) {
			handshakeStep();
		}
	}

	/**
	 * Opens an accepted connection: its PROXY header if the listener reads one, its TLS
	 * handshake if it has TLS, then {@code connected}.
	 * @param connected tells the server
	 */
	void startServer(Runnable connected) {
		Runnable start = connected;
		if (this.wire instanceof TlsWire) {
			start = () -> startHandshake(() -> {
				SSLSession session = this.wire.session();
				if (session != null) {
					this.observer.tlsHandshakeCompleted(session);
				}
				connected.run();
			});
		}
		if (this.proxyOptions != null) {
			startProxyHeader(this.proxyOptions, start);
			return;
		}
		start.run();
	}

	/**
	 * Opens a connected client connection: its TLS handshake if it has TLS, then
	 * {@code connected}.
	 * @param client the client's handler, told if the handshake fails
	 * @param connected tells the client's handler
	 */
	void startClient(ClientConnectHandler client, Runnable connected) {
		if (this.wire instanceof TlsWire) {
			this.handshakingClient = client;
			startHandshake(connected);
			return;
		}
		connected.run();
	}

	/**
	 * The connection's socket closed.
	 * @param reason why
	 * @return whether it was still opening: then no handler heard of it, and a client's
	 * handler was told here
	 */
	boolean closed(CloseReason reason) {
		if (this.proxyTimer != null) {
			this.proxyTimer.cancel();
			this.proxyTimer = null;
		}
		if (this.handshakeTimer != null) {
			this.handshakeTimer.cancel();
			this.handshakeTimer = null;
		}
		if (this.proxyReader != null) {
			this.proxyReader = null;
			this.afterProxyHeader = null;
			return true;
		}
		if (this.afterHandshake == null) {
			return false;
		}
		this.afterHandshake = null;
		ClientConnectHandler client = this.handshakingClient;
		this.handshakingClient = null;
		if (client != null) {
			try {
				client.failedConnect(reason);
			}
			catch (RuntimeException ex) {
				logger.error("failedConnect({}) failed for {}", reason.text(), this.connection.peerAddress(), ex);
				this.loop.handlerFailed(ex);
			}
		}
		else {
			this.observer.tlsHandshakeFailed(reason);
		}
		return true;
	}

	// The PROXY protocol header: read before anything else.

	private void startProxyHeader(ListenOptions options, Runnable then) {
		if (!options.isTrustedProxy(this.connection.peerAddress())) {
			if (options.proxyProtocol() == ProxyProtocol.OPTIONAL) {
				// Served as it is: an untrusted source's header would be a forged
				// address.
				then.run();
			}
			else {
				proxyRejected("PROXY protocol header required, and " + this.connection.peerAddress()
						+ " is not a trusted proxy");
			}
			return;
		}
		this.proxyReader = new ProxyHeaderReader();
		this.afterProxyHeader = then;
		this.proxyTimer = this.loop.schedule(options.proxyHeaderTimeout(), this::proxyHeaderTimedOut);
		this.connection.interestChanged();
	}

	private void proxyHeaderStep() {
		ProxyHeaderReader reader = this.proxyReader;
		ListenOptions options = this.proxyOptions;
		if (reader == null || options == null || this.connection.isChannelClosed()) {
			return;
		}
		Object outcome;
		try {
			outcome = reader.read(this.channel);
		}
		catch (IOException ex) {
			logger.debug("reading the PROXY header from {} failed", this.connection.peerAddress(), ex);
			this.connection.closeFromOpening(NioConnection.RESET);
			return;
		}
		if (outcome == ProxyHeaderReader.END_OF_INPUT) {
			logger.debug("{} closed before its PROXY header", this.connection.peerAddress());
			this.connection.closeFromOpening(CloseReason.PEER_CLOSED);
		}
		else if (outcome == ProxyHeader.NOT_PROXY) {
			if (options.proxyProtocol() == ProxyProtocol.OPTIONAL) {
				proxyHeaderRead(reader, 0);
			}
			else {
				proxyRejected("no PROXY protocol header");
			}
		}
		else if (outcome instanceof ProxyHeader.Invalid invalid) {
			proxyRejected(invalid.reason());
		}
		else if (outcome instanceof ProxyHeader.Header header) {
			if (header.source() != null) {
				this.connection.proxied(header.source());
			}
			proxyHeaderRead(reader, header.length());
		}
	}

	private void proxyHeaderRead(ProxyHeaderReader reader, int headerLength) {
		if (this.proxyTimer != null) {
			this.proxyTimer.cancel();
			this.proxyTimer = null;
		}
		reader.handOver(this.wire, headerLength);
		Runnable then = this.afterProxyHeader;
		this.proxyReader = null;
		this.afterProxyHeader = null;
		this.connection.interestChanged();
		if (then != null) {
			then.run();
		}
		this.connection.bufferedInputWaits();
	}

	private void proxyHeaderTimedOut() {
		this.proxyTimer = null;
		ProxyHeaderReader reader = this.proxyReader;
		ListenOptions options = this.proxyOptions;
		if (reader == null || options == null || this.connection.isChannelClosed()) {
			return;
		}
		if (options.proxyProtocol() == ProxyProtocol.OPTIONAL && reader.length() == 0) {
			// Nothing came: a protocol where the server speaks first. Served as it is.
			proxyHeaderRead(reader, 0);
			return;
		}
		proxyRejected("PROXY protocol header timed out after " + options.proxyHeaderTimeout().toMillis() + " ms");
	}

	/** Closes a connection whose PROXY header was refused: one log line, counted. */
	private void proxyRejected(String why) {
		CloseReason reason = CloseReason.of(CloseReason.Kind.PROXY_PROTOCOL, why);
		logger.info("closing connection from {} on {}: {}", this.connection.peerAddress(),
				(this.listener != null) ? this.listener.address() : "?", why);
		this.observer.proxyHeaderRejected(reason);
		if (this.proxyReader == null) {
			// Refused before reading: the close must still count as an opening one.
			this.proxyReader = new ProxyHeaderReader();
		}
		this.connection.closeFromOpening(reason);
	}

	// The TLS handshake.

	private void startHandshake(Runnable then) {
		this.afterHandshake = then;
		if (!this.handshakeTimeout.isZero()) {
			this.handshakeTimer = this.loop.schedule(this.handshakeTimeout, this::handshakeTimedOut);
		}
		handshakeStep();
	}

	/** Drives the handshake as far as it goes; also when a delegated task ended. */
	void handshakeStep() {
		if (this.connection.isChannelClosed() || this.afterHandshake == null) {
			return;
		}
		int waitFor;
		try {
			waitFor = ((TlsWire) this.wire).handshake();
		}
		catch (IOException | RuntimeException ex) {
			// A peer that closed or reset is not a TLS failure (a balancer's probe, a
			// client that gave up); anything the engine refused is.
			CloseReason.Kind kind = (ex instanceof TlsWire.PeerClosedException) ? CloseReason.Kind.PEER_CLOSED
					: (ex instanceof SSLException || ex instanceof RuntimeException) ? CloseReason.Kind.TLS
							: CloseReason.Kind.RESET;
			handshakeFailed(new CloseReason(kind, "TLS handshake failed: " + Errno.reason(ex), ex));
			return;
		}
		if (waitFor != TlsWire.DONE) {
			this.handshakeInterest = waitFor;
			this.connection.interestChanged();
			return;
		}
		if (this.handshakeTimer != null) {
			this.handshakeTimer.cancel();
			this.handshakeTimer = null;
		}
		Runnable then = this.afterHandshake;
		this.afterHandshake = null;
		this.handshakingClient = null;
		this.connection.interestChanged();
		then.run();
		this.connection.bufferedInputWaits();
	}

	private void handshakeTimedOut() {
		this.handshakeTimer = null;
		if (this.afterHandshake != null && !this.connection.isChannelClosed()) {
			handshakeFailed(CloseReason.of(CloseReason.Kind.TIMEOUT,
					"TLS handshake failed: timed out after " + this.handshakeTimeout.toMillis() + " ms"));
		}
	}

	/**
	 * Ends a handshake that failed: a server logs it once and counts it (no handler heard
	 * of the connection), a client's handler gets {@code failedConnect}.
	 */
	private void handshakeFailed(CloseReason reason) {
		Object peer = this.connection.peerAddress();
		if (this.listener != null) {
			if (reason.cause() instanceof TlsWire.PeerClosedException closed && !closed.sentAnything()) {
				logger.debug("closing TLS connection from {} on {}: {}", peer, this.listener.address(), reason.text());
			}
			else {
				logger.info("closing TLS connection from {} on {}: {}", peer, this.listener.address(), reason.text());
			}
		}
		else {
			logger.warn("error connecting to {}: {}", peer, reason.text());
		}
		Throwable cause = reason.cause();
		if (cause != null) {
			logger.debug("TLS handshake with {} failed", peer, cause);
		}
		((TlsWire) this.wire).abandon();
		this.connection.closeFromOpening(reason);
	}

}
