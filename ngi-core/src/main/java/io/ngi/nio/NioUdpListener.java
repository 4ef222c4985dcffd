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
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

import io.ngi.ListenOptions;
import io.ngi.ListenerObserver;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP listener: each datagram, truncated to the buffer size, goes to the handler on the
 * loop thread. A failing handler is logged and the listener keeps receiving (zc.ngi
 * closes the listener instead; one bad datagram should not stop a service).
 * <p>
 * {@link #send} goes out through this listener's own socket, from any thread, so a reply
 * comes from the address the client sent to, as clients with connected sockets expect.
 * For handlers written before {@code send}, a datagram sent with
 * {@code Implementation.sendUdp} back to the source of the datagram being handled, on the
 * loop thread, goes out the same way (see {@link #reply}).
 */
final class NioUdpListener implements UdpListener, Selectable {

	private static final Logger logger = LoggerFactory.getLogger(NioUdpListener.class);

	private static final int MAX_DATAGRAMS_PER_EVENT = 64;

	private final EventLoop loop;

	private final DatagramChannel channel;

	private final SocketAddress address;

	private final UdpHandler handler;

	private final ListenerObserver observer;

	private final ByteBuffer buffer;

	private volatile boolean open = true;

	private @Nullable SelectionKey key;

	private boolean channelClosed;

	/** The source of the datagram being handled; loop thread only. */
	private @Nullable SocketAddress dispatching;

	NioUdpListener(EventLoop loop, DatagramChannel channel, SocketAddress address, UdpHandler handler,
			ListenOptions options) {
		this.loop = loop;
		this.channel = channel;
		this.address = address;
		this.handler = handler;
		this.observer = options.observer();
		this.buffer = ByteBuffer.allocateDirect(options.udpBufferSize());
	}

	/** Registers for reads; on the loop thread. */
	void register() {
		if (this.channelClosed) {
			return;
		}
		try {
			this.key = this.loop.register(this.channel, SelectionKey.OP_READ, this);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("registering {} failed", this, ex);
			closeChannel();
		}
	}

	@Override
	public void ready(SelectionKey selected) {
		for (int i = 0; i < MAX_DATAGRAMS_PER_EVENT && !this.channelClosed; i++) {
			this.buffer.clear();
			SocketAddress source;
			try {
				source = this.channel.receive(this.buffer);
			}
			catch (IOException ex) {
				logger.warn("receive failed on {}: {}", this, ex.toString());
				return;
			}
			if (source == null) {
				return;
			}
			this.buffer.flip();
			byte[] message = new byte[this.buffer.remaining()];
			this.buffer.get(message);
			this.observer.datagramReceived(message.length);
			this.dispatching = source;
			this.loop.dispatchingUdp = this;
			try {
				this.handler.handle(this, source, message);
			}
			catch (Exception ex) {
				logger.error("UDP handler failed on {} for a datagram from {}", this, source, ex);
				this.observer.handlerFailed(ex);
				this.loop.handlerFailed(ex);
			}
			finally {
				this.loop.dispatchingUdp = null;
				this.dispatching = null;
			}
		}
	}

	/**
	 * Sends a reply through this listener's socket if {@code address} is the source of
	 * the datagram being handled; on the loop thread, from the handler. The socket is
	 * non-blocking: a reply the socket buffer has no room for is dropped (logged), as the
	 * network may drop any datagram.
	 * @param address where to send
	 * @param message the datagram
	 * @return {@code false} if {@code address} is not the current source (the caller
	 * sends it another way)
	 */
	boolean reply(SocketAddress address, byte[] message) {
		SocketAddress source = this.dispatching;
		if (source == null || this.channelClosed || !source.equals(address)) {
			return false;
		}
		try {
			if (this.channel.send(ByteBuffer.wrap(message), address) == 0) {
				logger.debug("reply to {} dropped on {}: socket buffer full", address, this);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("sending a datagram to {} from {} failed: {}", address, this, ex.toString());
		}
		return true;
	}

	@Override
	public void send(SocketAddress address, byte[] message) {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(message, "message");
		if (!this.open) {
			throw new IllegalStateException("send called on closed " + this);
		}
		try {
			// A DatagramChannel may be used by several threads; a non-blocking send
			// never waits.
			if (this.channel.send(ByteBuffer.wrap(message), address) == 0) {
				logger.debug("datagram to {} dropped on {}: socket buffer full", address, this);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("sending a datagram to {} from {} failed: {}", address, this, ex.toString());
		}
	}

	@Override
	public SocketAddress address() {
		return this.address;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		if (this.open) {
			this.open = false;
			this.loop.runInLoopAndWait(this::closeChannel, this);
		}
	}

	private void closeChannel() {
		if (this.channelClosed) {
			return;
		}
		this.channelClosed = true;
		this.loop.closeRegistered(this.key, this.channel, this);
	}

	@Override
	public void shutdown() {
		this.open = false;
		closeChannel();
	}

	@Override
	public String toString() {
		return "NioUdpListener[" + this.address + "]";
	}

}
