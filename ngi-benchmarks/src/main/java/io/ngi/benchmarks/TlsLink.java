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

package io.ngi.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * The load client's TLS: a client {@link SSLEngine} (JDK provider, its default protocols,
 * so TLSv1.3; its default cipher suites unless {@link ClientTls#cipherSuites()} names
 * some) over one socket, blocking or not; delegated tasks run inline on the client's
 * thread.
 * <p>
 * Every handshake is a full one: the engine is created without a peer host and port, and
 * the JDK looks up sessions to resume by host and port only, so it never offers one (no
 * {@code pre_shared_key}). The server's certificate chain is verified against
 * {@code trust.p12}; the host name is not (there is no host to verify against).
 * <p>
 * Ciphertext is kept in two buffers: {@link #netIn} (received, not yet unwrapped) and
 * {@link #netOut} (wrapped, not yet sent), both in read mode between calls.
 */
final class TlsLink extends Link {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	private final int packetSize;

	private final ByteBuffer netIn;

	private final ByteBuffer netOut;

	/** Where handshake unwraps put plaintext: there must be none. */
	private final ByteBuffer scratch;

	/** The last unwrap stopped for want of room: records wait in {@link #netIn}. */
	private boolean buffered;

	private boolean closed;

	TlsLink(SocketChannel channel, ClientTls tls) throws SSLException {
		super(channel);
		this.engine = tls.context().createSSLEngine();
		this.engine.setUseClientMode(true);
		if (!tls.cipherSuites().isEmpty()) {
			this.engine.setEnabledCipherSuites(tls.cipherSuites().toArray(String[]::new));
		}
		SSLSession session = this.engine.getSession();
		this.packetSize = session.getPacketBufferSize();
		this.netIn = ByteBuffer.allocate(Math.max(65536, 2 * this.packetSize)).flip();
		this.netOut = ByteBuffer.allocate(4 * this.packetSize).flip();
		this.scratch = ByteBuffer.allocate(session.getApplicationBufferSize());
		this.engine.beginHandshake();
	}

	@Override
	int handshake() throws IOException {
		while (true) {
			if (!flush()) {
				return java.nio.channels.SelectionKey.OP_WRITE;
			}
			switch (this.engine.getHandshakeStatus()) {
				case NEED_WRAP -> wrap(EMPTY);
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					this.scratch.clear();
					SSLEngineResult result = this.engine.unwrap(this.netIn, this.scratch);
					switch (result.getStatus()) {
						case BUFFER_UNDERFLOW -> {
							int count = fill();
							if (count < 0) {
								throw new SSLHandshakeException(
										"the server closed the connection during the handshake");
							}
							if (count == 0) {
								return java.nio.channels.SelectionKey.OP_READ;
							}
						}
						case CLOSED -> throw new SSLHandshakeException("the server closed TLS during the handshake");
						case BUFFER_OVERFLOW ->
							throw new SSLHandshakeException("application data during the handshake");
						case OK -> {
						}
					}
				}
				case NEED_TASK -> runTasks();
				case FINISHED, NOT_HANDSHAKING -> {
					return 0;
				}
			}
		}
	}

	@Override
	int read(ByteBuffer buffer) throws IOException {
		if (this.closed) {
			return -1;
		}
		int count = fill();
		this.buffered = false;
		int produced = 0;
		loop: while (this.netIn.hasRemaining()) {
			SSLEngineResult result = this.engine.unwrap(this.netIn, buffer);
			produced += result.bytesProduced();
			switch (result.getStatus()) {
				case OK -> afterHandshake(result.getHandshakeStatus());
				case BUFFER_UNDERFLOW -> {
					break loop;
				}
				case BUFFER_OVERFLOW -> {
					this.buffered = true;
					break loop;
				}
				case CLOSED -> {
					this.closed = true;
					break loop;
				}
			}
		}
		if (produced > 0) {
			return produced;
		}
		return (this.closed || count < 0) ? -1 : 0;
	}

	/** A TLS 1.3 post-handshake message (session ticket, key update) was unwrapped. */
	private void afterHandshake(HandshakeStatus status) throws IOException {
		HandshakeStatus next = status;
		while (next == HandshakeStatus.NEED_TASK || next == HandshakeStatus.NEED_WRAP) {
			if (next == HandshakeStatus.NEED_TASK) {
				runTasks();
			}
			else {
				wrap(EMPTY);
				flush();
			}
			next = this.engine.getHandshakeStatus();
		}
	}

	@Override
	boolean hasBufferedInput() {
		return this.buffered;
	}

	@Override
	int write(ByteBuffer buffer) throws IOException {
		if (!flush() || !buffer.hasRemaining()) {
			return 0;
		}
		this.netOut.compact();
		int taken = 0;
		while (buffer.hasRemaining() && this.netOut.remaining() >= this.packetSize) {
			SSLEngineResult result = this.engine.wrap(buffer, this.netOut);
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new SSLException("TLS output closed");
			}
			taken += result.bytesConsumed();
			if (result.bytesConsumed() == 0) {
				break;
			}
		}
		this.netOut.flip();
		flush();
		return taken;
	}

	@Override
	boolean hasPendingOutput() {
		return this.netOut.hasRemaining();
	}

	@Override
	void close() throws IOException {
		try {
			this.engine.closeOutbound();
			if (flush()) {
				wrap(EMPTY);
				flush();
			}
		}
		catch (IOException | RuntimeException ex) {
			// The server may have gone: the socket closes anyway.
		}
		finally {
			this.channel.close();
		}
	}

	@Override
	String negotiated() {
		SSLSession session = this.engine.getSession();
		return session.getProtocol() + " " + session.getCipherSuite();
	}

	private void wrap(ByteBuffer plain) throws SSLException {
		this.netOut.compact();
		try {
			this.engine.wrap(plain, this.netOut);
		}
		finally {
			this.netOut.flip();
		}
	}

	/** Reads once from the socket into {@link #netIn}. */
	private int fill() throws IOException {
		this.netIn.compact();
		try {
			return this.channel.read(this.netIn);
		}
		finally {
			this.netIn.flip();
		}
	}

	/** Writes what the socket takes of {@link #netOut}; returns whether all went. */
	private boolean flush() throws IOException {
		if (this.netOut.hasRemaining()) {
			this.channel.write(this.netOut);
		}
		return !this.netOut.hasRemaining();
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

}
