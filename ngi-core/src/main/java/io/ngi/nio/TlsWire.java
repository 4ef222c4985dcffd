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
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import io.ngi.TlsOptions;
import org.jspecify.annotations.Nullable;

/**
 * TLS over a connection's socket, on the JDK's {@link SSLEngine}: the handshake, then
 * records in both directions. The connection sees plaintext only.
 * <p>
 * Memory: the loop lends two buffers (ciphertext in and out) to every TLS connection it
 * serves; a connection keeps only what a read or a write left over (a partial record
 * received, ciphertext the socket did not take), at most one of the loop's buffers each,
 * and nothing when idle. A record larger than the engine accepts fails the connection.
 * <p>
 * The handshake's delegated tasks (key exchange, certificate checks) run on the
 * implementation's {@link BlockingTasks}, not the loop; the connection neither reads nor
 * writes meanwhile. Renegotiation (TLS 1.2 and older) is refused; TLS 1.3 post-handshake
 * messages (session tickets, key updates) are handled.
 */
final class TlsWire extends Wire {

	/** {@link #handshake()}'s answer when the handshake completed. */
	static final int DONE = -1;

	/** What the loop's ciphertext buffers hold: a few full records. */
	static final int NET_BUFFER_SIZE = 5 * 17 * 1024;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final EventLoop loop;

	private final SSLEngine engine;

	private final Owner owner;

	private final int applicationBufferSize;

	private final int packetBufferSize;

	/** Ciphertext received and not yet unwrapped. */
	private @Nullable ByteBuffer inLeft;

	/** Whether {@link #inLeft} holds whole records that did not fit the last read. */
	private boolean inLeftUnwrappable;

	/** Ciphertext wrapped and not yet sent. */
	private @Nullable ByteBuffer outLeft;

	private boolean handshakeStarted;

	/** Whether the peer sent anything during the handshake. */
	private boolean received;

	private volatile boolean handshakeDone;

	private boolean taskRunning;

	private boolean outputClosed;

	/** The peer's close_notify arrived, or the socket's end of input. */
	private boolean inputDone;

	private boolean socketFilled;

	TlsWire(SocketChannel channel, EventLoop loop, SSLEngine engine, Owner owner) {
		super(channel);
		this.loop = loop;
		this.engine = engine;
		this.owner = owner;
		SSLSession session = engine.getSession();
		this.applicationBufferSize = session.getApplicationBufferSize();
		this.packetBufferSize = session.getPacketBufferSize();
	}

	/**
	 * Creates the engine of one connection.
	 * @param tls the options
	 * @param client whether this side is the client
	 * @param peer the address connected to (a client's host name and port for
	 * verification and SNI), or the peer accepted
	 * @return a new engine
	 * @throws IllegalArgumentException if the options name protocols, cipher suites that
	 * the context does not support
	 */
	static SSLEngine engine(TlsOptions tls, boolean client, @Nullable SocketAddress peer) {
		SSLEngine engine;
		if (client) {
			String serverName = tls.serverName();
			InetSocketAddress inet = (peer instanceof InetSocketAddress address) ? address : null;
			String host = (serverName != null) ? serverName : (inet != null) ? inet.getHostString() : null;
			engine = (host != null) ? tls.context().createSSLEngine(host, (inet != null) ? inet.getPort() : -1)
					: tls.context().createSSLEngine();
			engine.setUseClientMode(true);
		}
		else {
			engine = tls.context().createSSLEngine();
			engine.setUseClientMode(false);
		}
		SSLParameters parameters = engine.getSSLParameters();
		if (!tls.protocols().isEmpty()) {
			parameters.setProtocols(tls.protocols().toArray(String[]::new));
		}
		if (!tls.cipherSuites().isEmpty()) {
			parameters.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
		}
		if (!tls.applicationProtocols().isEmpty()) {
			parameters.setApplicationProtocols(tls.applicationProtocols().toArray(String[]::new));
		}
		if (client) {
			if (tls.hostnameVerification()) {
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
			}
			String serverName = tls.serverName();
			if (serverName != null && !isAddressLiteral(serverName)) {
				parameters.setServerNames(List.of(new SNIHostName(serverName)));
			}
		}
		else {
			switch (tls.clientAuth()) {
				case NEED -> parameters.setNeedClientAuth(true);
				case WANT -> parameters.setWantClientAuth(true);
				case NONE -> {
				}
			}
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	/**
	 * Checks options when a listener or a connect starts, so that a misnamed protocol or
	 * cipher suite fails there and not on every connection.
	 * @param tls the options
	 * @param client whether for a client
	 * @throws IllegalArgumentException if the engine refuses them
	 */
	static void check(TlsOptions tls, boolean client) {
		try {
			engine(tls, client, null);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid TLS options " + tls + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean isAddressLiteral(String name) {
		return name.indexOf(':') >= 0 || name.chars().allMatch((c) -> c == '.' || Character.isDigit(c));
	}

	@Override
	void unread(byte[] data, int offset, int length) {
		if (length > 0) {
			ByteBuffer left = ByteBuffer.allocate(length);
			left.put(data, offset, length);
			left.flip();
			this.inLeft = left;
			this.inLeftUnwrappable = true;
		}
	}

	// The handshake.

	/**
	 * Advances the handshake as far as it goes without waiting.
	 * @return {@link #DONE}, or the selector operations to wait for (0 while a delegated
	 * task runs; the owner hears {@link Owner#handshakeTaskDone()} after it)
	 * @throws IOException if the handshake failed, or the peer closed during it
	 */
	int handshake() throws IOException {
		if (!this.handshakeStarted) {
			this.handshakeStarted = true;
			this.engine.beginHandshake();
		}
		while (true) {
			if (this.taskRunning) {
				return 0;
			}
			if (!flushPending()) {
				return SelectionKey.OP_WRITE;
			}
			HandshakeStatus status = this.engine.getHandshakeStatus();
			if (this.handshakeDone && status != HandshakeStatus.NEED_WRAP) {
				// Done, and what the engine sends right after (a TLS 1.3 server's session
				// tickets) is sent.
				return DONE;
			}
			switch (status) {
				case NEED_WRAP -> {
					// A whole flight (a server's hello, certificate, verify, finished) in
					// one socket write.
					ByteBuffer out = this.loop.tlsOut();
					out.clear();
					do {
						SSLEngineResult result = this.engine.wrap(EMPTY, out);
						if (result.getStatus() == Status.CLOSED && result.bytesProduced() == 0) {
							throw new SSLHandshakeException("the handshake ended by a close");
						}
						finishedBy(result);
					}
					while (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
							&& out.remaining() >= this.packetBufferSize);
					out.flip();
					send(out);
				}
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					int interest = unwrapHandshake();
					if (interest != DONE) {
						return interest;
					}
				}
				case NEED_TASK -> {
					runTasks();
					return 0;
				}
				default -> this.handshakeDone = true;
			}
		}
	}

	/**
	 * Unwraps one handshake message.
	 * @return {@link #DONE} to go on, or {@link SelectionKey#OP_READ} to wait
	 */
	private int unwrapHandshake() throws IOException {
		ByteBuffer in = this.loop.tlsIn();
		in.clear();
		boolean fresh = takeLeft(in);
		if (!fresh) {
			int count = this.channel.read(in);
			if (count < 0) {
				throw new PeerClosedException(this.received);
			}
			this.received |= count > 0;
			if (count == 0) {
				in.flip();
				keepLeft(in, false);
				return SelectionKey.OP_READ;
			}
		}
		in.flip();
		ByteBuffer plain = this.loop.readBuffer;
		plain.clear();
		SSLEngineResult result = this.engine.unwrap(in, plain);
		if (plain.position() > 0) {
			throw new SSLHandshakeException("application data during the handshake");
		}
		Status unwrapped = result.getStatus();
		keepLeft(in, unwrapped == Status.OK);
		if (unwrapped == Status.CLOSED) {
			throw new SSLHandshakeException("the peer closed TLS during the handshake");
		}
		if (unwrapped == Status.BUFFER_UNDERFLOW) {
			if (this.inLeft != null && this.inLeft.remaining() >= this.packetBufferSize) {
				throw new SSLHandshakeException("a handshake record larger than " + this.packetBufferSize + " bytes");
			}
			// A partial record: read more now (the socket may have it) or wait.
			this.inLeftUnwrappable = false;
			ByteBuffer more = this.loop.tlsIn();
			more.clear();
			takeLeft(more);
			int count = this.channel.read(more);
			more.flip();
			keepLeft(more, count > 0);
			if (count < 0) {
				throw new PeerClosedException(true);
			}
			return (count > 0) ? DONE : SelectionKey.OP_READ;
		}
		finishedBy(result);
		return DONE;
	}

	private void finishedBy(SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			this.handshakeDone = true;
		}
	}

	private void runTasks() {
		this.taskRunning = true;
		this.loop.blockingTasks.execute(() -> {
			Runnable task;
			try {
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
			}
			finally {
				this.loop.execute(() -> {
					this.taskRunning = false;
					this.owner.handshakeTaskDone();
				});
			}
		});
	}

	/**
	 * Sends the alert that tells the peer why the handshake failed, if the socket takes
	 * it now; the connection closes next.
	 */
	void abandon() {
		try {
			this.engine.closeOutbound();
			ByteBuffer out = this.loop.tlsOut();
			out.clear();
			while (out.remaining() >= this.packetBufferSize) {
				SSLEngineResult result = this.engine.wrap(EMPTY, out);
				if (result.bytesProduced() == 0) {
					break;
				}
			}
			out.flip();
			if (this.outLeft == null) {
				this.channel.write(out);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The peer may have gone: nothing to tell it.
		}
	}

	boolean isHandshakeDone() {
		return this.handshakeDone;
	}

	// Records.

	@Override
	int read(ByteBuffer buffer) throws IOException {
		if (this.inputDone) {
			return -1;
		}
		ByteBuffer in = this.loop.tlsIn();
		in.clear();
		takeLeft(in);
		int count = 0;
		if (in.hasRemaining()) {
			int room = in.remaining();
			count = this.channel.read(in);
			this.socketFilled = count == room;
		}
		else {
			this.socketFilled = true;
		}
		in.flip();
		int produced = 0;
		boolean underflow = false;
		while (in.hasRemaining() && buffer.remaining() >= this.applicationBufferSize) {
			SSLEngineResult result = this.engine.unwrap(in, buffer);
			produced += result.bytesProduced();
			Status status = result.getStatus();
			if (status == Status.CLOSED) {
				this.inputDone = true;
				break;
			}
			if (status == Status.BUFFER_UNDERFLOW) {
				underflow = true;
				break;
			}
			if (status == Status.BUFFER_OVERFLOW) {
				break;
			}
			afterHandshake(result.getHandshakeStatus());
		}
		if (underflow && in.remaining() >= this.packetBufferSize) {
			throw new SSLException("a record larger than " + this.packetBufferSize + " bytes");
		}
		keepLeft(in, !underflow && !this.inputDone);
		if (produced > 0) {
			return produced;
		}
		if (this.inputDone || count < 0) {
			this.inputDone = true;
			return -1;
		}
		return 0;
	}

	/**
	 * What a record after the handshake asked for: TLS 1.3 key updates are answered,
	 * anything else that starts a handshake is a renegotiation, refused.
	 */
	private void afterHandshake(HandshakeStatus status) throws IOException {
		if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
			return;
		}
		if (!"TLSv1.3".equals(this.engine.getSession().getProtocol())) {
			throw new SSLException("renegotiation refused");
		}
		HandshakeStatus next = status;
		while (next == HandshakeStatus.NEED_TASK || next == HandshakeStatus.NEED_WRAP) {
			if (next == HandshakeStatus.NEED_TASK) {
				// Post-handshake messages in TLS 1.3 need no key exchange: cheap, run
				// here.
				Runnable task;
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
			}
			else {
				ByteBuffer out = ByteBuffer.allocate(this.packetBufferSize);
				this.engine.wrap(EMPTY, out);
				out.flip();
				appendLeft(out);
				this.owner.outputPending();
			}
			next = this.engine.getHandshakeStatus();
		}
	}

	@Override
	boolean mayReadMore(int count, int capacity) {
		return this.socketFilled || this.inLeftUnwrappable;
	}

	@Override
	boolean hasBufferedInput() {
		return this.inLeftUnwrappable && !this.inputDone;
	}

	@Override
	int write(ByteBuffer buffer) throws IOException {
		if (!flushPending()) {
			return 0;
		}
		ByteBuffer out = this.loop.tlsOut();
		out.clear();
		int taken = 0;
		while (buffer.hasRemaining() && out.remaining() >= this.packetBufferSize) {
			SSLEngineResult result = this.engine.wrap(buffer, out);
			if (result.getStatus() == Status.CLOSED) {
				throw new SSLException("TLS output is closed");
			}
			taken += result.bytesConsumed();
			if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
				break;
			}
		}
		out.flip();
		send(out);
		return taken;
	}

	@Override
	boolean hasPendingOutput() {
		return this.outLeft != null;
	}

	@Override
	boolean flushPending() throws IOException {
		ByteBuffer left = this.outLeft;
		if (left == null) {
			return true;
		}
		this.channel.write(left);
		if (left.hasRemaining()) {
			return false;
		}
		this.outLeft = null;
		return true;
	}

	@Override
	boolean closeOutput() throws IOException {
		if (!this.outputClosed) {
			this.outputClosed = true;
			this.engine.closeOutbound();
			if (flushPending()) {
				ByteBuffer out = this.loop.tlsOut();
				out.clear();
				while (!this.engine.isOutboundDone()) {
					SSLEngineResult result = this.engine.wrap(EMPTY, out);
					if (result.bytesProduced() == 0) {
						break;
					}
				}
				out.flip();
				send(out);
			}
		}
		return flushPending();
	}

	/** Writes what the socket takes of {@code out}, keeping the rest. */
	private void send(ByteBuffer out) throws IOException {
		if (this.outLeft == null && out.hasRemaining()) {
			this.channel.write(out);
		}
		if (out.hasRemaining()) {
			appendLeft(out);
		}
	}

	private void appendLeft(ByteBuffer out) {
		ByteBuffer left = this.outLeft;
		ByteBuffer kept = ByteBuffer.allocate(((left != null) ? left.remaining() : 0) + out.remaining());
		if (left != null) {
			kept.put(left);
		}
		kept.put(out);
		kept.flip();
		this.outLeft = kept;
	}

	/**
	 * Puts what the last read left into {@code in}.
	 * @return whether it holds a whole record to unwrap without reading
	 */
	private boolean takeLeft(ByteBuffer in) {
		ByteBuffer left = this.inLeft;
		if (left == null) {
			return false;
		}
		this.inLeft = null;
		in.put(left);
		return this.inLeftUnwrappable;
	}

	private void keepLeft(ByteBuffer in, boolean unwrappable) {
		if (in.hasRemaining()) {
			ByteBuffer left = ByteBuffer.allocate(in.remaining());
			left.put(in);
			left.flip();
			this.inLeft = left;
			this.inLeftUnwrappable = unwrappable;
		}
		else {
			this.inLeft = null;
			this.inLeftUnwrappable = false;
		}
	}

	@Override
	@Nullable SSLSession session() {
		return this.handshakeDone ? this.engine.getSession() : null;
	}

	@Override
	@Nullable String applicationProtocol() {
		if (!this.handshakeDone) {
			return null;
		}
		String protocol = this.engine.getApplicationProtocol();
		return (protocol == null || protocol.isEmpty()) ? null : protocol;
	}

	@Override
	void release() {
		this.inLeft = null;
		this.outLeft = null;
		this.inLeftUnwrappable = false;
	}

	/** Bytes kept by this connection between reads and writes, for tests. */
	int keptBytes() {
		return ((this.inLeft != null) ? this.inLeft.capacity() : 0)
				+ ((this.outLeft != null) ? this.outLeft.capacity() : 0);
	}

	@Override
	public String toString() {
		return "TlsWire[" + (this.engine.getUseClientMode() ? "client" : "server") + ", "
				+ (this.handshakeDone ? this.engine.getSession().getProtocol() : "handshaking") + "]";
	}

	/**
	 * The peer closed the connection before the handshake completed: a client that gave
	 * up, or a load balancer's TCP health check that sent nothing.
	 */
	static final class PeerClosedException extends SSLHandshakeException {

		private final boolean sentAnything;

		PeerClosedException(boolean sentAnything) {
			super(sentAnything ? "the peer closed the connection during the handshake"
					: "the peer closed the connection without starting a handshake");
			this.sentAnything = sentAnything;
		}

		boolean sentAnything() {
			return this.sentAnything;
		}

	}

	/** What the wire tells its connection. */
	interface Owner {

		/** A delegated task of the handshake ended: drive the handshake again. */
		void handshakeTaskDone();

		/** Ciphertext waits to be sent that no plaintext write asked for. */
		void outputPending();

	}

}
